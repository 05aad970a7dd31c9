/**
 * Turns the outcome of a category write (the outbox's `WriteResult`, or a refused request) into
 * what the manager shows: done, waiting to sync, or Asana's refusal in its own words.
 */
import { t } from '@/lib/i18n';
import { errorMessage, send } from '@/lib/messaging/client';
import type { WriteResult } from '@/lib/outbox';

export type Feedback =
  | { kind: 'done'; text: string }
  | { kind: 'pending'; text: string }
  /** `opId`: the refused op, already discarded from the outbox. */
  | { kind: 'failed'; text: string; opId?: string };

/**
 * Runs one write. `what` names the change for people (“Renaming “Design””), `done` is the
 * success message. A refused write is discarded from the outbox: the form that made it stays
 * open with what the user typed, so nothing is lost and a stale “not saved” notice does not
 * linger next to a form that already says why.
 */
export async function runWrite<T>(write: () => Promise<WriteResult<T>>, what: string, done: string): Promise<Feedback> {
  let result: WriteResult<T>;
  try {
    result = await write();
  } catch (error) {
    return { kind: 'failed', text: errorMessage(error) };
  }
  switch (result.state) {
    case 'done':
      return { kind: 'done', text: done };
    case 'pending':
      return { kind: 'pending', text: pendingText(what, result.message) };
    case 'failed':
      await send('outbox.cancel', { opId: result.opId }).catch(() => undefined);
      return { kind: 'failed', text: result.message, opId: result.opId };
  }
}

/** “Renaming “Design” is waiting to sync with Asana…”, plus the retry reason when there is one. */
export function pendingText(what: string, reason: string): string {
  const base = t('catWaiting', what);
  // The outbox's own "waiting" says nothing more; a retry's reason (Asana's, or the network's) does.
  return reason === t('outboxWaiting') ? base : `${base} ${reason}`;
}
