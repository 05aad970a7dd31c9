/**
 * The popup's day (issue 18.5): today's and this week's totals, my last five entries, each with
 * "Log again" (the same time, description and category, to the same task, today) and "Continue"
 * (the timer on that task with that description and category), and the ten most recent tasks.
 * Drawn at once from storage.local (the kept entries and the outbox); read afresh from Asana only
 * after that first paint.
 */
import { useEffect } from 'preact/hooks';
import type { BillableStatus } from '@/lib/asana/constants';
import { BILLABLE_STATUSES } from '@/lib/asana/constants';
import type { Category } from '@/lib/asana/schemas';
import { dayLabel, duration, t } from '@/lib/i18n';
import { send } from '@/lib/messaging/client';
import { myDayView } from '@/lib/my-day';
import type { ViewEntry } from '@/lib/pending';
import { userItems } from '@/lib/storage/items';
import type { OutboxOp, Owner, RecentTask } from '@/lib/storage/schemas';
import { useItem, useToday } from '../hooks';
import type { PickedTask } from '../task-picker';
import { useAction } from '../use-action';

/** How many recent tasks the popup lists. */
const RECENT_SHOWN = 10;

export interface MyDayProps {
  me: Owner;
  ops: readonly OutboxOp[];
  categories: Category[];
  recent: RecentTask[];
  /** Read Asana's figures now (after the popup's first paint and its own first requests). */
  refresh: boolean;
  onPick: (task: PickedTask) => void;
  onSaid: (text: string, bad?: boolean) => void;
}

const billableOf = (entry: ViewEntry): BillableStatus | undefined => BILLABLE_STATUSES.find((b) => b === entry.billable_status);

export function MyDay(props: MyDayProps) {
  const { me } = props;
  const kept = useItem(userItems(me.gid).mine);
  const day = useToday();
  const { busy, act } = useAction(props.onSaid);
  // Asana's figures, after the first paint: this person's entries may have changed anywhere.
  useEffect(() => {
    if (props.refresh) send('day.refresh', {}).catch(() => undefined); // offline: the kept figures stay
  }, [me.gid, props.refresh]);
  const view = myDayView(kept.value, props.ops, me, day, Date.now(), props.categories);


  const logAgain = (entry: ViewEntry, taskGid: string, taskName: string) =>
    act(async () => {
      const billable = billableOf(entry);
      const result = await send('entries.create', {
        taskGid,
        taskName,
        workspaceGid: kept.value?.workspaceGid,
        entry: {
          duration_minutes: entry.duration_minutes,
          entered_on: day,
          ...(entry.description ? { description: entry.description } : {}),
          ...(entry.categories?.[0] ? { categories: [entry.categories[0].gid] } : {}),
          ...(billable ? { billable_status: billable } : {}),
        },
      });
      if (result.state === 'failed') return props.onSaid(result.message, true);
      props.onSaid(t(result.state === 'pending' ? 'popupSavedWaiting' : 'popupLogged', duration(entry.duration_minutes), taskName));
    });

  const continueEntry = (entry: ViewEntry, taskGid: string, taskName: string) =>
    act(async () => {
      const result = await send('timer.start', {
        taskGid,
        taskName,
        workspaceGid: kept.value?.workspaceGid,
        notes: { description: entry.description ?? '', categoryGid: entry.categories?.[0]?.gid ?? null, billable: billableOf(entry) ?? null },
      });
      props.onSaid(result.stopped ? t('popupTimerStartedStopped', duration(result.stopped.minutes), result.stopped.taskName) : t('popupTimerStarted', result.timer.taskName));
    });

  const recent = props.recent.slice(0, RECENT_SHOWN);
  return (
    <section aria-label={t('myDay')} data-testid="popup-day">
      {view && (
        <>
          <p>
            <span data-testid="popup-today">{t('myToday', duration(view.todayMinutes))}</span> · <span data-testid="popup-this-week">{t('myThisWeek', duration(view.weekMinutes))}</span>
          </p>
          {view.last.length > 0 && (
            <>
              <h2 class="tl-label">{t('myLastEntries')}</h2>
              <ul class="tl-list" aria-label={t('myLastEntries')}>
                {view.last.map((entry) => {
                  const taskGid = entry.task?.gid;
                  const taskName = entry.task?.name ?? '';
                  const what = t('myEntryLine', duration(entry.duration_minutes), dayLabel(entry.entered_on), taskName);
                  return (
                    <li key={entry.gid} data-testid="popup-last-entry">
                      <span>{what}</span>
                      {entry.description && <span class="tl-mute"> {entry.description}</span>}
                      {entry.categories?.[0]?.name && <span class="tl-mute"> · {entry.categories[0].name}</span>}
                      {taskGid && (
                        <span class="tl-acts">
                          <button type="button" class="tl-btn tl-sm" disabled={busy} aria-label={t('logAgainLabel', what)} onClick={() => void logAgain(entry, taskGid, taskName)}>
                            {t('logAgain')}
                          </button>
                          <button type="button" class="tl-btn tl-sm" disabled={busy} aria-label={t('continueLabel', what)} onClick={() => void continueEntry(entry, taskGid, taskName)}>
                            {t('continueEntry')}
                          </button>
                        </span>
                      )}
                    </li>
                  );
                })}
              </ul>
            </>
          )}
        </>
      )}
      {recent.length > 0 && (
        <>
          <h2 class="tl-label">{t('recentTasks')}</h2>
          <ul class="tl-list" aria-label={t('recentTasks')}>
            {recent.map((task) => (
              <li key={task.gid}>
                <button type="button" class="tl-btn tl-sm" onClick={() => props.onPick({ gid: task.gid, name: task.name, workspaceGid: task.workspaceGid, projects: [] })}>
                  {task.name}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
