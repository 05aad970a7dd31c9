/**
 * What the widget noticed about Asana's page, for a self-check the options page can show: the
 * last time Asana's pane named a different task than the URL. In storage.local under
 * {@link PAGE_NOTES_KEY}.
 */
import { browser } from 'wxt/browser';

export interface PaneMismatch {
  /** Epoch ms. */
  at: number;
  /** The task in the URL (the one the widget showed, read-only). */
  urlTaskGid: string;
  /** The task Asana's pane said it showed (`data-task-id`). */
  paneTaskGid: string;
}
export const PAGE_NOTES_KEY = 'pageNotes';

/** The last disagreement noted, or null. */
export async function readPaneMismatch(): Promise<PaneMismatch | null> {
  const notes = (await browser.storage.local.get(PAGE_NOTES_KEY))[PAGE_NOTES_KEY] as { lastMismatch?: PaneMismatch } | undefined;
  return notes?.lastMismatch ?? null;
}

/** Notes a disagreement between the URL and Asana's pane. */
export async function notePaneMismatch(mismatch: PaneMismatch): Promise<void> {
  await browser.storage.local.set({ [PAGE_NOTES_KEY]: { lastMismatch: mismatch } });
}
