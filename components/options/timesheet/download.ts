/**
 * Saves text as a file through a Blob and an <a download>: no `downloads` permission needed.
 */

/** Starts the download of `text` as `fileName`. */
export function downloadText(text: string, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The click has handed the blob to the download by the next task; revoking later is safe.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
