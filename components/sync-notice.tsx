/**
 * Writes waiting to sync, and writes Asana refused: the count, the reason, and a way to fix or
 * discard each refused one. Nothing the user logged disappears without them choosing to.
 */
import { useState } from 'preact/hooks';
import type { Category, Named } from '@/lib/asana/schemas';
import { day, durationOn, plural, t } from '@/lib/i18n';
import { send, errorMessage } from '@/lib/messaging/client';
import type { OutboxOp } from '@/lib/outbox';
import { EntryForm } from './entry-form';
import { TaskPicker, type PickedTask } from './task-picker';

/** A waiting or refused change in words. */
const describe = (op: OutboxOp): string =>
  op.kind === 'entry.create'
    ? t(op.taskName ? 'opNewEntryFor' : 'opNewEntry', durationOn(op.data.duration_minutes, op.data.entered_on), op.taskName ?? '')
    : op.kind === 'category.create'
      ? t('opNewCategory', op.data.name)
      : op.kind === 'timesheet.transition'
        ? t('opWeek', day(op.data.start, 'long'))
        : t(`op_${op.kind.replace('.', '_') as 'entry_update' | 'entry_delete' | 'category_update' | 'category_delete'}`);

export interface SyncNoticeProps {
  idPrefix: string;
  waiting: number;
  waitingReason: string | null;
  failed: OutboxOp[];
  categories: Category[];
  projects: Named[];
}

export function SyncNotice(props: SyncNoticeProps) {
  const [fixing, setFixing] = useState<string | null>(null);
  /** The task the entry being fixed moves to (its own may no longer exist), and whether one is being picked. */
  const [moveTo, setMoveTo] = useState<PickedTask | null>(null);
  const [picking, setPicking] = useState(false);
  const fix = (opId: string | null) => {
    setFixing(opId);
    setMoveTo(null);
    setPicking(false);
  };
  const [problem, setProblem] = useState<string | null>(null);
  if (props.waiting === 0 && props.failed.length === 0) return null;
  return (
    <div>
      {props.waiting > 0 && (
        <p class="tl-mute" role="status">
          {plural('changesWaiting', props.waiting)}
          {props.waitingReason ? ` · ${props.waitingReason}` : ''}
        </p>
      )}
      {props.failed.map((op) => (
        <div key={op.id} class="tl-note tl-bad" role="alert">
          <p>
            <strong>{t('notSaved')}</strong> {t('opRefused', describe(op), op.error?.message ?? t('asanaRefusedIt'))}
          </p>
          {fixing === op.id && op.kind === 'entry.create' ? (
            <>
            <div class="tl-acts">
              <span>{moveTo ? t('movesTo', moveTo.name) : op.taskName && t('fixOnTask', op.taskName)}</span>
              <button type="button" class="tl-btn tl-sm" aria-expanded={picking} onClick={() => setPicking(!picking)}>
                {t('moveToTask')}
              </button>
            </div>
            {picking && (
              <TaskPicker
                idPrefix={`${props.idPrefix}-move-${op.id}`}
                workspaceGid={op.workspaceGid}
                recent={[]}
                autoFocus
                onPick={(task) => {
                  setMoveTo(task);
                  setPicking(false);
                }}
              />
            )}
            <EntryForm
              idPrefix={`${props.idPrefix}-fix-${op.id}`}
              categories={props.categories}
              projects={moveTo ? (moveTo.projects as Named[]) : props.projects}
              initialDuration={String(op.data.duration_minutes)}
              submitLabel={t('tryAgain')}
              onCancel={() => fix(null)}
              onSubmit={async (values) => {
                try {
                  await send('outbox.retry', { opId: op.id, entry: values, ...(moveTo ? { taskGid: moveTo.gid } : {}) });
                  fix(null);
                  return null;
                } catch (error) {
                  return errorMessage(error);
                }
              }}
            />
            </>
          ) : (
            <div class="tl-acts">
              {op.kind === 'entry.create' && (
                <button type="button" class="tl-btn tl-sm" onClick={() => fix(op.id)}>
                  {t('fix')}
                </button>
              )}
              <button type="button" class="tl-btn tl-sm" onClick={() => void send('outbox.retry', { opId: op.id }).catch((e) => setProblem(errorMessage(e)))}>
                {t('retry')}
              </button>
              <button type="button" class="tl-btn tl-sm" onClick={() => void send('outbox.cancel', { opId: op.id }).catch((e) => setProblem(errorMessage(e)))}>
                {t('discard')}
              </button>
            </div>
          )}
        </div>
      ))}
      {problem && <p class="tl-bad">{problem}</p>}
    </div>
  );
}
