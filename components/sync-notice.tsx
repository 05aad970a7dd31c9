/**
 * Writes waiting to sync, and writes Asana refused: the count, the reason, and a way to fix or
 * discard each refused one. Nothing the user logged disappears without them choosing to.
 */
import { useState } from 'preact/hooks';
import type { Category, Named } from '@/lib/asana/schemas';
import { formatDuration } from '@/lib/duration';
import { send, errorMessage } from '@/lib/messaging/client';
import type { OutboxOp } from '@/lib/outbox';
import { EntryForm } from './entry-form';

/** A waiting or refused change in words. */
const describe = (op: OutboxOp): string => {
  switch (op.kind) {
    case 'entry.create':
      return `New entry of ${formatDuration(op.data.duration_minutes)} on ${op.data.entered_on}${op.taskName ? ` for “${op.taskName}”` : ''}`;
    case 'entry.update':
      return 'Change to an entry';
    case 'entry.delete':
      return 'Deleting an entry';
    case 'category.create':
      return `New category “${op.data.name}”`;
    case 'category.update':
      return 'Change to a category';
    case 'category.delete':
      return 'Deleting a category';
    case 'timesheet.transition':
      return `A change to the week of ${op.data.start}`;
  }
};

export function SyncNotice(props: { idPrefix: string; waiting: number; waitingReason: string | null; failed: OutboxOp[]; categories: Category[]; projects: Named[] }) {
  const [fixing, setFixing] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  if (props.waiting === 0 && props.failed.length === 0) return null;
  return (
    <div>
      {props.waiting > 0 && (
        <p class="tl-mute" role="status">
          {props.waiting === 1 ? '1 change waiting to sync' : `${props.waiting} changes waiting to sync`}
          {props.waitingReason ? ` · ${props.waitingReason}` : ''}
        </p>
      )}
      {props.failed.map((op) => (
        <div key={op.id} class="tl-note tl-bad" role="alert">
          <p>
            <strong>Not saved:</strong> {describe(op)}. {op.error?.message ?? 'Asana refused it.'}
          </p>
          {fixing === op.id && op.kind === 'entry.create' ? (
            <EntryForm
              idPrefix={`${props.idPrefix}-fix-${op.id}`}
              categories={props.categories}
              projects={props.projects}
              initialDuration={String(op.data.duration_minutes)}
              submitLabel="Try again"
              onCancel={() => setFixing(null)}
              onSubmit={async (values) => {
                try {
                  await send('outbox.retry', { opId: op.id, entry: values });
                  setFixing(null);
                  return null;
                } catch (error) {
                  return errorMessage(error);
                }
              }}
            />
          ) : (
            <div class="tl-acts">
              {op.kind === 'entry.create' && (
                <button type="button" class="tl-btn tl-sm" onClick={() => setFixing(op.id)}>
                  Fix
                </button>
              )}
              <button type="button" class="tl-btn tl-sm" onClick={() => void send('outbox.retry', { opId: op.id }).catch((e) => setProblem(errorMessage(e)))}>
                Retry
              </button>
              <button type="button" class="tl-btn tl-sm" onClick={() => void send('outbox.cancel', { opId: op.id }).catch((e) => setProblem(errorMessage(e)))}>
                Discard
              </button>
            </div>
          )}
        </div>
      ))}
      {problem && <p class="tl-bad">{problem}</p>}
    </div>
  );
}
