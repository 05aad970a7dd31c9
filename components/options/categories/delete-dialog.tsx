/**
 * The confirm step before deleting a category: a modal dialog that says what Asana does with the
 * entries that have it, offers archiving instead, and starts on the safe choice (Cancel).
 * Escape cancels. The caller puts focus back where it belongs when the dialog goes away.
 */
import { t } from '@/lib/i18n';
import { Msg } from '../../msg';
import { useEffect, useRef } from 'preact/hooks';
import type { Category } from '@/lib/asana/schemas';
import { hexFor } from '../../colors';

export interface DeleteDialogProps {
  category: Category;
  busy: boolean;
  /** Asana's refusal of the delete, if it came. */
  error: string | null;
  onConfirm: () => void;
  /** Offered for active categories only. */
  onArchiveInstead?: () => void;
  onCancel: () => void;
}

export function DeleteDialog(props: DeleteDialogProps) {
  const { category } = props;
  const dialogRef = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    dialog.showModal();
    cancelRef.current?.focus();
    return () => {
      if (dialog.open) dialog.close();
    };
  }, []);

  return (
    <dialog
      ref={dialogRef}
      class="tl-cat-dialog"
      aria-labelledby="cat-del-title"
      aria-describedby="cat-del-what"
      onCancel={(e) => {
        // Escape: leave through onCancel so the caller restores focus.
        e.preventDefault();
        if (!props.busy) props.onCancel();
      }}
    >
      <h2 id="cat-del-title" class="tl-cat-dialog-title">
        <span class="tl-sw" style={{ background: hexFor(category.color) }} aria-hidden="true" />
        <span>
          <Msg k="catDeleteQ" subs={[<span class="tl-cat-name">{category.name}</span>]} />
        </span>
      </h2>
      <div id="cat-del-what">
        <p>{t('catDeleteWhat')}</p>
        <p>{t('cannotBeUndone')}</p>
      </div>
      {props.onArchiveInstead && (
        <p class="tl-mute">{t('archiveInsteadWhy')}</p>
      )}
      {props.error && (
        <p class="tl-note tl-bad" role="alert">
          {props.error}
        </p>
      )}
      <div class="tl-acts tl-cat-dialog-acts">
        {/* Not `disabled` while busy: disabling the focused button would drop focus to the page. */}
        <button type="button" class="tl-btn tl-cat-danger" aria-disabled={props.busy} onClick={() => !props.busy && props.onConfirm()}>
          {t(props.busy ? 'deleting' : 'deleteCategory')}
        </button>
        {props.onArchiveInstead && (
          <button type="button" class="tl-btn" aria-disabled={props.busy} onClick={() => !props.busy && props.onArchiveInstead?.()}>
            {t('archiveInstead')}
          </button>
        )}
        <button type="button" class="tl-btn" ref={cancelRef} aria-disabled={props.busy} onClick={() => !props.busy && props.onCancel()}>
          {t('cancel')}
        </button>
      </div>
    </dialog>
  );
}
