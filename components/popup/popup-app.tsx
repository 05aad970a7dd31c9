/**
 * The toolbar popup: log time to the task in the current tab (or one found by name) in two
 * keystrokes, and see or stop the running timer.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { formatElapsed } from '@/lib/duration';
import { duration, plural, t } from '@/lib/i18n';
import { errorMessage, send } from '@/lib/messaging/client';
import { summarize, buildTaskView } from '@/lib/pending';
import { noTimeReason } from '@/lib/task-state';
import { accountItem, outboxItem, userItems } from '@/lib/storage/items';
import { DEFAULT_SETTINGS } from '@/lib/storage/schemas';
import { EntryForm, type EntryValues } from '../entry-form';
import { useItem, useNow } from '../hooks';
import { SyncNotice } from '../sync-notice';
import { TimerRunning } from '../timer-running';
import { IdleQuestionOf } from '../idle-question';
import { Live, type Said } from '../live';
import { TaskPicker, type PickedTask } from '../task-picker';
import { WeekLine } from './week-line';
import { MyDay } from './my-day';
import type { ActiveTab } from './active-tab';


export interface PopupAppProps {
  /** The active tab's task and whether it may be acted on (components/popup/active-tab.ts). */
  tab: Promise<ActiveTab>;
  /** The same, when it was known before the first paint. */
  tabNow: ActiveTab | null;
}

/** The task the tab names, to show before Asana has given its name. */
const tabTask = (known: ActiveTab | null): PickedTask | null =>
  known?.info && !known.refused ? { gid: known.info.taskGid, name: '', workspaceGid: known.info.workspaceGid, projects: [] } : null;

export function PopupApp(props: PopupAppProps) {
  const account = useItem(accountItem);
  const me = account.value ? { gid: account.value.user.gid, name: account.value.user.name } : null;
  const mine = useMemo(() => (me ? userItems(me.gid) : null), [me?.gid]);
  const settings = { value: useItem(mine ? mine.settings : null).value ?? DEFAULT_SETTINGS };
  const timer = useItem(mine ? mine.timer : null);
  const recent = { value: useItem(mine ? mine.recentTasks : null).value ?? [] };
  const outbox = useItem(outboxItem);
  const [task, setTask] = useState<PickedTask | null>(() => tabTask(props.tabNow));
  const [fromTab, setFromTab] = useState<{ projectGid: string | null } | null>(() => (tabTask(props.tabNow) ? { projectGid: props.tabNow!.info!.projectGid } : null));
  const [picking, setPicking] = useState(() => props.tabNow !== null && tabTask(props.tabNow) === null);
  const [said, setSaid] = useState<Said>(null);
  /** Says `text`: a problem (`bad`) in error colours as an alert, anything else as a status. */
  const setMessage = (text: string, bad?: boolean) => setSaid({ text, bad });
  /** Why the tab's task could not be loaded: shown in its place, never an endless "Loading…". */
  const [taskProblem, setTaskProblem] = useState<string | null>(() => props.tabNow?.refused ?? null);
  /** The tab's task is known (or known to be none): the day's refresh waits for it, so as not to hold up the form (issue 18.5). */
  const [tabKnown, setTabKnown] = useState(() => props.tabNow !== null);
  const [shortcuts, setShortcuts] = useState<Array<{ name: string; shortcut: string; description: string }>>([]);
  const cache = useItem(mine && task ? mine.task(task.gid) : null);
  const workspaceGid = task?.workspaceGid ?? settings.value.workspaceGid;
  const categories = useItem(mine && workspaceGid ? mine.categories(workspaceGid) : null);
  const connected = account.value !== null && account.value.status === 'connected';
  const refused = account.value?.status === 'refused';
  const now = useNow(1000, timer.value !== null);

  // The task in the active tab, if it is an Asana task page.
  useEffect(() => {
    if (!connected) return;
    void (async () => {
      const { info, refused } = await props.tab;
      if (!info || refused) {
        if (refused) setTaskProblem(refused);
        setPicking(true);
        setTabKnown(true);
        return;
      }
      if (!props.tabNow) {
        setFromTab({ projectGid: info.projectGid });
        setTask({ gid: info.taskGid, name: '', workspaceGid: info.workspaceGid, projects: [] });
        setTabKnown(true);
      }
      // No wait without end (issue 14.8): after 10 s without the task, say so (it may still come).
      const slow = setTimeout(() => setTaskProblem((shown) => shown ?? t('slowAsana')), 10_000);
      try {
        const details = await send('task.get', { taskGid: info.taskGid });
        setTask({ gid: details.gid, name: details.name, workspaceGid: details.workspace?.gid ?? info.workspaceGid, projects: details.projects });
        setTaskProblem(null);
      } catch (error) {
        setTaskProblem(errorMessage(error));
      } finally {
        clearTimeout(slow);
      }
    })();
  }, [connected]);

  useEffect(() => {
    void browser.commands?.getAll().then((list) =>
      setShortcuts(list.map((c) => ({ name: c.name ?? '', shortcut: c.shortcut ?? '', description: c.name === '_execute_action' ? t('openThisPopup') : (c.description ?? '') }))),
    );
  }, []);

  // The workspace's categories (the forms' Category lists): asked again, a few times, when the
  // background could not answer (a worker starting up after a restart, Asana briefly away).
  const [categoriesAsked, setCategoriesAsked] = useState(0);
  useEffect(() => {
    if (!connected || !workspaceGid || categories.value) return;
    let live = true;
    let again: ReturnType<typeof setTimeout> | undefined;
    send('categories.list', { workspaceGid }).catch(() => {
      if (live && categoriesAsked < 5) again = setTimeout(() => setCategoriesAsked((n) => n + 1), 2_000);
    });
    return () => {
      live = false;
      clearTimeout(again);
    };
  }, [connected, workspaceGid, categories.value, categoriesAsked]);

  // Only my own waiting writes: another account's are never shown or counted here.
  const pending = useMemo(() => summarize(outbox.value.ops, me), [outbox.value, me?.gid]);

  async function pick(picked: PickedTask) {
    setPicking(false);
    setFromTab(null);
    setTask(picked);
    if (picked.projects.length === 0 || !picked.workspaceGid) {
      const details = await send('task.get', { taskGid: picked.gid }).catch(() => null);
      if (details) setTask({ gid: details.gid, name: details.name, workspaceGid: details.workspace?.gid ?? picked.workspaceGid, projects: details.projects });
    }
  }

  async function log(values: EntryValues): Promise<string | null> {
    if (!task) return t('pickTaskFirst');
    try {
      const result = await send('entries.create', { taskGid: task.gid, taskName: task.name || undefined, workspaceGid: task.workspaceGid ?? undefined, entry: values });
      if (result.state === 'failed') return result.message;
      if (result.state === 'pending') {
        setMessage(t('popupSavedWaiting', duration(values.duration_minutes), task.name));
        return null;
      }
      const fresh = await send('task.refresh', { taskGid: task.gid }).catch(() => null);
      const total = fresh?.totalMinutes ?? null;
      setMessage(total !== null ? t('popupLoggedTotal', duration(values.duration_minutes), task.name, duration(total)) : t('popupLogged', duration(values.duration_minutes), task.name));
      return null;
    } catch (error) {
      return errorMessage(error);
    }
  }

  async function startTimer() {
    if (!task) return;
    try {
      const r = await send('timer.start', { taskGid: task.gid, taskName: task.name || undefined, workspaceGid: task.workspaceGid ?? undefined, projectGid: fromTab?.projectGid ?? undefined });
      setMessage(r.stopped ? t('popupTimerStartedStopped', duration(r.stopped.minutes), r.stopped.taskName) : t('popupTimerStarted', r.timer.taskName));
    } catch (error) {
      setMessage(errorMessage(error), true);
    }
  }

  if (!account.loaded) return <main class="tl-root tl-auto tl-popup" />;
  if (refused && account.value) {
    const name = account.value.user.name;
    return (
      <main class="tl-root tl-auto tl-popup">
        <h1>{t('extName')}</h1>
        <div class="tl-note tl-bad" role="alert">
          <p>{pending.waiting ? t('popupRefusedWaiting', name, plural('changesWait', pending.waiting)) : t('popupRefused', name)}</p>
          <button type="button" class="tl-btn tl-pri" onClick={() => void browser.runtime.openOptionsPage()}>
            {t('reconnect')}
          </button>
        </div>
      </main>
    );
  }
  if (!connected) {
    return (
      <main class="tl-root tl-auto tl-popup">
        <h1>{t('extName')}</h1>
        <p>{t('popupConnect')}</p>
        <button type="button" class="tl-btn tl-pri" onClick={() => void browser.runtime.openOptionsPage()}>
          {t('connectToAsana')}
        </button>
      </main>
    );
  }

  const running = timer.value;
  /** Asana said this task takes no time (its workspace has no time tracking): neither form nor timer. */
  const noTime = noTimeReason(cache.value?.error?.code);
  // The task's total with my waiting changes, as the widget shows it.
  const total = cache.value?.fetchedAt && task ? buildTaskView(task.gid, cache.value, outbox.value.ops, { me, categories: [], projects: [], now: Date.now() }).totalMinutes : null;
  return (
    <main class="tl-root tl-auto tl-popup">
      <header class="tl-head">
        <h1>{t('extName')}</h1>
        <button type="button" class="tl-btn tl-sm" onClick={() => void browser.runtime.openOptionsPage()}>
          {t('settings')}
        </button>
      </header>
      {running && (
        <section class="tl-note" aria-label={t('runningTimer')}>
          <p>
            <span class="tl-dot" aria-hidden="true" />
            <span class="tl-clock" role="timer">{formatElapsed((now - running.startedAt) / 1000)}</span>
            {t('onTask', running.taskName)}
          </p>
          <TimerRunning idPrefix="popup-timer" popup timer={running} longMinutes={settings.value.longTimerMinutes} onSaid={setMessage} />
        </section>
      )}
      {mine && running && <IdleQuestionOf item={mine.idle} timer={running} onSaid={setMessage} />}
      <section aria-label={t('task')}>
        {task && !picking ? (
          <div class="tl-head">
            <h2 class="tl-task">{task.name || t(taskProblem ? 'taskNotLoaded' : 'loadingTask')}</h2>
            {total !== null && <span class="tl-mute">{t('totalIs', duration(total))}</span>}
            <button type="button" class="tl-btn tl-sm" onClick={() => setPicking(true)}>
              {t('changeTask')}
            </button>
            {taskProblem && !task.name && (
              <p class="tl-bad" role="alert">
                {taskProblem}
              </p>
            )}
          </div>
        ) : (
          <>
            {taskProblem && !task && (
              <p class="tl-bad" role="alert">
                {taskProblem}
              </p>
            )}
            <TaskPicker idPrefix="popup-picker" workspaceGid={settings.value.workspaceGid} recent={recent.value} onPick={(t) => void pick(t)} autoFocus />
          </>
        )}
      </section>
      {task && !picking && noTime && (
        <p class="tl-note" role="status">
          {noTime}
        </p>
      )}
      {task && !picking && !noTime && (
        <>
          <EntryForm
            key={task.gid}
            idPrefix="popup-entry"
            categories={categories.value?.categories ?? []}
            projects={task.projects as Array<{ gid: string; name?: string | null }>}
            defaultProjectGid={fromTab?.projectGid ?? null}
            defaults={{ categoryGid: task.workspaceGid === settings.value.workspaceGid ? settings.value.defaultCategoryGid : null, billable: settings.value.defaultBillable }}
            submitLabel={t('logTime')}
            autoFocus
            onSubmit={log}
          />
          {running?.taskGid !== task.gid && (
            <button type="button" class="tl-btn" onClick={() => void startTimer()}>
              ▶ {t('startTimerHere')}
            </button>
          )}
        </>
      )}
      {me && settings.value.workspaceGid && <WeekLine me={me} workspaceGid={settings.value.workspaceGid} />}
      {/* Picking a task, the picker lists the recent tasks itself. */}
      {me && <MyDay me={me} ops={outbox.value.ops} categories={categories.value?.categories ?? []} recent={picking ? [] : recent.value} refresh={tabKnown} onPick={(p) => void pick(p)} onSaid={setMessage} />}
      <Live said={said} />
      <SyncNotice idPrefix="popup" waiting={pending.waiting} waitingReason={pending.waitingReason} failed={pending.failed} categories={categories.value?.categories ?? []} projects={[]} />
      {shortcuts.length > 0 && (
        <footer class="tl-mute">
          <h2 class="tl-label">{t('shortcuts')}</h2>
          <ul class="tl-list">
            {shortcuts.map((s) => (
              <li key={s.name}>
                {s.shortcut ? <kbd>{s.shortcut}</kbd> : <span>{t('notSet')}</span>} {s.description}
              </li>
            ))}
          </ul>
          {shortcuts.some((s) => !s.shortcut) && <p>{t('setShortcuts')}</p>}
        </footer>
      )}
    </main>
  );
}
