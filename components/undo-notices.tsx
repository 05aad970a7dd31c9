/**
 * The notices of deletes still waiting out their undo window, each with Undo. A lazy part of the
 * widget (components/lazy-part.ts): a delete is made from the entry list, which is lazy too.
 */
import type { Entry } from '@/lib/asana/schemas';
import { duration, durationOn, t } from '@/lib/i18n';
import { errorMessage, send } from '@/lib/messaging/client';
import type { OutboxOp } from '@/lib/outbox';

export interface UndoNoticesProps {
  /** The deletes that can still be undone. */
  undoable: OutboxOp[];
  /** The task's entries as known (to say which entry each delete removes). */
  entries: Entry[];
  /** Every change in the outbox (an entry's waiting create or update says what it is now). */
  ops: OutboxOp[];
  /** Tells the person how an undo went (`bad` for a problem). */
  onSaid: (text: string, bad?: boolean) => void;
}

export function UndoNotices(props: UndoNoticesProps) {
  /** The entry a waiting delete removes, in words: "45 min on Today (“Design review”)". */
  function describeDeleted(op: OutboxOp): string {
    let entry: Partial<Entry> | undefined = props.entries.find((e) => e.gid === op.targetGid);
    for (const o of props.ops) {
      if (o.targetGid === op.targetGid && (o.kind === 'entry.create' || o.kind === 'entry.update')) entry = { ...entry, ...(o.data as Partial<Entry>) };
    }
    if (!entry?.duration_minutes) return t('anEntry');
    const what = entry.entered_on ? durationOn(entry.duration_minutes, entry.entered_on) : duration(entry.duration_minutes);
    return entry.description ? t('withDesc', what, entry.description) : what;
  }

  async function undo(opId: string) {
    try {
      const { cancelled } = await send('outbox.cancel', { opId });
      props.onSaid(t(cancelled ? 'deleteUndone' : 'tooLateUndo'), !cancelled);
    } catch (error) {
      props.onSaid(errorMessage(error), true);
    }
  }

  return (
    <div>
      {props.undoable.map((op) => {
        // Several deletes can wait out their undo window at once: each notice says which entry.
        const what = describeDeleted(op);
        return (
          <div key={op.id} class="tl-note tl-acts" role="status">
            {t('deleted', what)}
            <button type="button" class="tl-btn tl-sm" onClick={() => void undo(op.id)} aria-label={t('undoDeleting', what)}>
              {t('undo')}
            </button>
          </div>
        );
      })}
    </div>
  );
}
