/**
 * The time-log widget on an Asana task page: the task's total, my time, everyone's entries, a
 * form to log time, edit and delete my entries, and the timer. It reads what the background
 * cached (shown at once on a revisit) and asks the background to refresh it.
 */
import type { JSX } from 'preact';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Category, Entry } from '@/lib/asana/schemas';
import { duration, plural, t } from '@/lib/i18n';
import { buildTaskView, readOnlyReason } from '@/lib/pending';
import { noTimeReason } from '@/lib/task-state';
import { errorMessage, send } from '@/lib/messaging/client';
// Keys, not items: the content script checks shapes, not schemas (see lib/storage/keys.ts).
import { accountKey, outboxKey, uiPrefsKey, userKeys } from '@/lib/storage/keys';
import type { UiPrefs } from '@/lib/storage/schemas';
import { EntryForm, changedFields, type EntryValues } from './entry-form';
import { FloatingShell } from './page/floating-shell';
import { LazyPart } from './lazy-part';
import { useItem, useNow } from './hooks';
import { TaskGauges } from './budget-line';
import { TimerControl } from './timer-control';
import { Live, type Said } from './live';

export interface TimeLogWidgetProps {
  taskGid: string;
  /** From the URL: the project the task was opened in (default attribution). */
  projectGid: string | null;
  /** From the URL (V1 URLs name it). */
  workspaceGid: string | null;
  theme: 'light' | 'dark';
  /** Floating in the window (in a movable, collapsible frame) instead of a row among Asana's task fields. */
  floating?: boolean;
  /**
   * Shows the task read-only and says why (Asana's pane names another task than the URL):
   * nothing is logged, edited, deleted or timed.
   */
  readOnly?: string | null;
  /** Asked right before every write; a reason stops the write and is shown (the page changed under us). */
  writeBlock?: () => string | null;
  /** The task the mounting code has already asked the background to refresh (so we do not ask again). */
  refreshRequestedFor?: string;
}

const UNDO_WINDOW_MS = 6_000;
/** How long a first load may take before the widget says that Asana has not answered. */
const SLOW_MS = 10_000;

export function TimeLogWidget(props: TimeLogWidgetProps) {
  const { taskGid } = props;
  const id = `tl-${taskGid}`;
  const account = useItem(accountKey);
  const me = account.value ? { gid: account.value.user.gid, name: account.value.user.name } : null;
  // Everything personal is this user's: another account's cache is never read, not even to show a refusal.
  const mine = useMemo(() => (me ? userKeys(me.gid) : null), [me?.gid]);
  const cache = useItem(mine ? mine.task(taskGid) : null);
  const outbox = useItem(outboxKey);
  const timer = useItem(mine ? mine.timer : null);
  const idle = useItem(mine ? mine.idle : null);
  const settingsItem = useItem(mine ? mine.settings : null);
  const settings = { value: settingsItem.value ?? userKeys('0').settings.fallback };
  // The widget opens compact (totals, timer, a duration and Log): it is redrawn in Asana's pane on
  // every task switch, and the full form and list cost that switch ~4x more. Whatever the person
  // opens stays open, on every task, until they close it.
  const ui = useItem(uiPrefsKey);
  // Two quick clicks must not undo each other: merge into what was last asked for, not last heard.
  const uiLatest = useRef(ui.value);
  uiLatest.current = ui.value;
  const setUi = (patch: Partial<UiPrefs>) => {
    uiLatest.current = { ...uiLatest.current, ...patch };
    void send('ui.setPrefs', patch).catch(() => undefined);
  };
  const info = cache.value?.info ?? null;
  const workspaceGid = props.workspaceGid ?? info?.workspace?.gid ?? settings.value.workspaceGid;
  const categoryCache = useItem(mine && workspaceGid ? mine.categories(workspaceGid) : null);
  const categories: Category[] = categoryCache.value?.categories ?? [];
  const [said, setSaid] = useState<Said>(null);
  /** Says `text`: a problem (`bad`) in error colours as an alert, anything else as a status. */
  const setMessage = (text: string, bad?: boolean) => setSaid(text ? { text, bad } : null);
  /** The "saved; waiting to sync" note last shown: it goes once nothing of this task waits. */
  const waitingNote = useRef('');
  const [loadError, setLoadError] = useState<string | null>(null);
  const [detailsRequested, setDetailsRequested] = useState(false);
  const connected = account.value !== null && account.value.status === 'connected';
  const refused = account.value?.status === 'refused';

  const refresh = useCallback(
    (force = false) => {
      setLoadError(null);
      send('task.refresh', { taskGid, force }).catch((error) => setLoadError(errorMessage(error)));
    },
    [taskGid],
  );

  // Ask for fresh figures once per task shown (the cache, if any, is already on screen) - unless
  // whoever mounted us already asked (the content script does, before the first render), and
  // again whenever the account gets connected.
  const skipped = useRef<string | null>(null);
  useEffect(() => {
    if (props.refreshRequestedFor === taskGid && skipped.current !== taskGid) {
      skipped.current = taskGid;
      return;
    }
    if (connected) refresh();
    // Only a new task or a new connection asks again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [taskGid, connected, refresh]);

  // The widget stays mounted from task to task (Asana's pane is redrawn on every switch, and
  // re-creating ours each time cost more than Asana's own navigation); what belongs to one
  // task is reset here, and the form and list are keyed by task.
  const shownTask = useRef(taskGid);
  useEffect(() => {
    if (shownTask.current === taskGid) return;
    shownTask.current = taskGid;
    setSaid(null);
    setLoadError(null);
    setDetailsRequested(false);
  }, [taskGid]);

  /** Projects and categories are needed only to log or edit: fetched on first interaction, then cached. */
  const needDetails = useCallback(() => setDetailsRequested(true), []);
  useEffect(() => {
    if (!detailsRequested || !connected) return;
    if (!info) send('task.get', { taskGid }).catch(() => undefined);
    if (workspaceGid && !categoryCache.value) send('categories.list', { workspaceGid }).catch(() => undefined);
  }, [detailsRequested, connected, info, workspaceGid, categoryCache.value, taskGid]);

  // "…; waiting to sync." is over once nothing of this task waits in the outbox any more.
  const waitingHere = outbox.value.ops.some((o) => (o as { taskGid?: string }).taskGid === taskGid && o.user.gid === me?.gid && o.state !== 'failed');
  useEffect(() => {
    if (!waitingHere) setSaid((shown) => (shown?.text === waitingNote.current ? null : shown));
  }, [waitingHere]);

  // Entries beyond the summary's newest, read from the background as the list is scrolled on:
  // a task's summary is small whatever its size (issue 20); these follow it when it changes.
  // `hidden`: how many older ones were left unread; a new summary re-reads all but as many.
  const [more, setMore] = useState<{ taskGid: string; entries: Entry[]; hidden: number }>({ taskGid, entries: [], hidden: 0 });
  const extra = more.taskGid === taskGid ? more.entries : [];
  const headLength = cache.value?.head.length ?? 0;
  const beyond = (cache.value?.count ?? 0) - headLength;
  const readMore = (offset: number, limit: number) =>
    send('entries.page', { taskGid, offset, limit }).then((page) => page.entries, () => null);
  const loadMore = async (n: number) => {
    const page = await readMore(headLength + extra.length, Math.max(n, 100));
    if (page) setMore({ taskGid, entries: [...extra, ...page], hidden: beyond - extra.length - page.length });
  };
  useEffect(() => {
    if (extra.length === 0) return;
    let live = true;
    void readMore(headLength, Math.max(0, beyond - more.hidden)).then((page) => live && page && setMore({ taskGid, entries: page, hidden: more.hidden }));
    return () => void (live = false);
    // Only a new summary of this task re-reads what was shown beyond it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [cache.value]);

  const now = useNow(1000, outbox.value.ops.some((o) => o.kind === 'entry.delete' && o.notBefore > Date.now()));
  const view = useMemo(
    () => buildTaskView(taskGid, cache.value, outbox.value.ops, { me, categories, projects: info?.projects ?? [], now }, extra),
    [taskGid, cache.value, outbox.value, me?.gid, categories, info, now, extra],
  );
  const taskName = info?.name || cache.value?.head.find((e) => e.task?.name)?.task?.name || '';

  /** Why no write may run now, or null. */
  const blocked = () => props.readOnly || props.writeBlock?.() || null;

  /** Runs a write unless one is blocked; resolves with the problem to show, or null (and says what happened). */
  async function write(run: () => Promise<{ state: string; message?: string }>, done: string, pending: string): Promise<string | null> {
    const why = blocked();
    if (why) return why;
    try {
      const result = await run();
      if (result.state === 'failed') return result.message!;
      if (result.state !== 'done') waitingNote.current = pending;
      setMessage(result.state === 'done' ? done : pending);
      return null;
    } catch (error) {
      return errorMessage(error);
    }
  }

  const create = (values: EntryValues) =>
    write(
      () => send('entries.create', { taskGid, taskName: taskName || undefined, workspaceGid: workspaceGid ?? undefined, entry: values }),
      t('logged', duration(values.duration_minutes)),
      t('savedWaiting', duration(values.duration_minutes)),
    );

  async function save(entry: Entry, values: EntryValues): Promise<string | null> {
    const patch = changedFields(entry, values);
    if (Object.keys(patch).length === 0) return null;
    return write(() => send('entries.update', { taskGid, entryGid: entry.gid, patch }), t('entryUpdated'), t('changeWaiting'));
  }

  async function remove(entry: Entry): Promise<void> {
    const why = blocked();
    if (why) return setMessage(why, true);
    try {
      const result = await send('entries.delete', { taskGid, entryGid: entry.gid, undoWindowMs: UNDO_WINDOW_MS });
      if (result.state === 'failed') setMessage(result.message, true);
      else setMessage(t('deleted', duration(entry.duration_minutes)));
    } catch (error) {
      setMessage(errorMessage(error), true);
    }
  }

  /** Reads the entry afresh before editing: someone may have submitted it for approval since. */
  async function startEdit(entry: Entry): Promise<boolean> {
    needDetails();
    if (entry.gid.startsWith('local-')) return true; // not in Asana yet
    try {
      const fresh = await send('entries.get', { taskGid, entryGid: entry.gid });
      const reason = readOnlyReason(fresh, me?.gid ?? null);
      if (reason) setMessage(reason, true);
      return reason === null;
    } catch (error) {
      setMessage(errorMessage(error), true);
      return false;
    }
  }

  const floating = props.floating === true;
  // Among Asana's task fields the widget is one compact row that opens in place (remembered);
  // floating, its frame collapses to a pill instead, so what is inside is always open.
  const open = floating || ui.value.open === true;
  const rootClass = `tl-root tl-widget tl-${props.theme} ${floating ? 'tl-floating' : 'tl-inpane'}`;
  const loaded = cache.value !== null && cache.value.fetchedAt > 0;
  const errorText = loadError ?? cache.value?.error?.message ?? null;
  const hasFigures = loaded || view.count > 0;
  // No wait without end (issue 14.8): no figures and no error 10 s after asking says so, with Retry.
  const [slow, setSlow] = useState('');
  const waitingFor = hasFigures || errorText ? '' : taskGid;
  useEffect(() => {
    const id = waitingFor && setTimeout(() => setSlow(waitingFor), SLOW_MS);
    return () => clearTimeout(id || undefined);
  }, [waitingFor]);
  /** Why no time can be logged here at all (Asana said so), or null. */
  const noTime = noTimeReason(cache.value?.error?.code);
  /** A figure, or an ellipsis until there is one (a dash where there will be none). */
  const figure = (minutes: number) => (hasFigures ? duration(minutes) : noTime ? '—' : '…');
  const title = t('timeTracking');
  const shell = (content: JSX.Element) =>
    floating ? (
      <FloatingShell theme={props.theme} total={figure(view.totalMinutes)} timerStartedAt={timer.value?.taskGid === taskGid ? timer.value.startedAt : null}>
        {content}
      </FloatingShell>
    ) : (
      content
    );
  const section = (head: JSX.Element, body: JSX.Element) =>
    shell(
      <section class={rootClass} aria-label={title} data-task-gid={connected || refused ? taskGid : undefined} lang={t('lang')}>
        <header class="tl-head">{head}</header>
        {body}
      </section>,
    );
  /** The widget when it cannot show the task: what is wrong, and the button to the options that fixes it. */
  const signIn = (text: string, action: string, bad: boolean) =>
    section(
      <h2>{title}</h2>,
      <div class={bad ? 'tl-note tl-bad' : 'tl-body'} role={bad ? 'alert' : undefined}>
        <p>{text}</p>
        <button type="button" class="tl-btn tl-pri" onClick={() => void send('ui.openOptions').catch(() => undefined)}>
          {action}
        </button>
      </div>,
    );

  if (!account.loaded) return shell(<div class={rootClass} />);
  if (refused) {
    const name = account.value!.user.name;
    return signIn(view.waiting ? t('refusedWaiting', name, plural('changesWait', view.waiting)) : t('refused', name), t('reconnect'), true);
  }
  if (!connected) return signIn(t('connectHere'), t('openToConnect'), false);
  // Said once, in the row's place: no totals, form or timer that could only fail; only what
  // Asana refused here, to move to another task or discard.
  const notices = (view.waiting > 0 || view.failed.length > 0) && (
    <LazyPart name="syncNotice" props={{ idPrefix: id, waiting: view.waiting, waitingReason: view.waitingReason, failed: view.failed, categories, projects: info?.projects ?? [] }} />
  );
  const timerControl = (
    <TimerControl taskGid={taskGid} taskName={taskName} workspaceGid={workspaceGid} projectGid={props.projectGid} timer={timer.value} longMinutes={settings.value.longTimerMinutes} onMessage={setMessage} guard={blocked} />
  );
  if (noTime)
    return section(
      <>
        <h2>{title}</h2>
        <p role="status">{noTime}</p>
        {/* A timer already running here can still be stopped or discarded (its time goes to the outbox, to move elsewhere). */}
        {timer.value?.taskGid === taskGid && timerControl}
      </>,
      <div class="tl-body">
        <Live said={said} />
        {notices}
      </div>,
    );

  return section(
    <>
      {floating ? (
        <h2>{title}</h2>
      ) : (
        <h2>
          <button type="button" class="tl-plain" aria-expanded={open} onClick={() => setUi({ open: !open })}>
            <span aria-hidden="true">{open ? '▾ ' : '▸ '}</span>
            {title}
          </button>
        </h2>
      )}
        <dl class="tl-totals" aria-live="polite">
          <div>
            <dt>{t('total')}</dt>
            <dd data-testid="total">{figure(view.totalMinutes)}</dd>
          </div>
          <div>
            <dt>{t('mine')}</dt>
            <dd data-testid="mine">{figure(view.myMinutes)}</dd>
          </div>
        </dl>
        {!props.readOnly && timerControl}
        {idle.value?.startedAt == timer.value?.startedAt && idle.value && <LazyPart name="idleQuestion" props={{ idPrefix: id, question: idle.value, onSaid: setMessage }} />}
    </>,
      <div class="tl-body">
      {floating && (
        <p class="tl-mute" key="name">
          {taskName}
        </p>
      )}
      {props.readOnly && (
        <p class="tl-note tl-bad" role="alert" key="readonly">
          {props.readOnly}
        </p>
      )}
      {me && <TaskGauges urlProject={props.projectGid} info={info} spent={hasFigures ? view.totalMinutes : null} />}
      <Live said={said} />
      {view.undoable.length > 0 && (
        <LazyPart key="undo" name="undoNotices" props={{ undoable: view.undoable, entries: view.known, ops: outbox.value.ops, onSaid: setMessage }} />
      )}
      {waitingFor && slow === waitingFor && (
        <p class="tl-note" role="status">
          {t('slowAsana')}{' '}
          <button type="button" class="tl-btn tl-sm" onClick={() => refresh(true)}>
            {t('retry')}
          </button>
        </p>
      )}
      {errorText && (
        <div class="tl-note tl-bad" role="alert">
          <p>
            {t(loaded ? 'showingSaved' : 'couldNotLoad', errorText)}
          </p>
          <button type="button" class="tl-btn tl-sm" onClick={() => refresh(true)}>
            {t('retry')}
          </button>
        </div>
      )}
      {open && !props.readOnly && (
        <div key="body">
          <div onFocusIn={needDetails} onPointerDown={needDetails}>
            <EntryForm
              key={taskGid}
              idPrefix={`${id}-new`}
              categories={categories}
              projects={info?.projects ?? []}
              defaultProjectGid={props.projectGid}
              defaults={{ categoryGid: workspaceGid === settings.value.workspaceGid ? settings.value.defaultCategoryGid : null, billable: settings.value.defaultBillable }}
              submitLabel={t('logTime')}
              onSubmit={create}
              compact={{ open: ui.value.details, onToggle: (details) => setUi({ details }) }}
            />
          </div>
          {notices}
          {!loaded && !errorText && view.count === 0 && (
            <p class="tl-mute" role="status">
              {t('loadingEntries')}
            </p>
          )}
          {loaded && view.count === 0 && <p class="tl-mute">{t('noTimeYet')}</p>}
          {view.count > 0 && (
            <button type="button" class="tl-btn tl-sm" aria-expanded={ui.value.entries} aria-controls={`${id}-entries`} onClick={() => setUi({ entries: !ui.value.entries })}>
              {ui.value.entries ? t('hideEntries') : t('showEntries', view.count)}
            </button>
          )}
          {view.count > 0 && ui.value.entries && (
            <div id={`${id}-entries`}>
            <LazyPart
              key={taskGid}
              name="entryList"
              fallback={<p class="tl-mute" role="status">{t('loadingEntries')}</p>}
              props={{
                idPrefix: id,
                entries: view.entries,
                total: view.count,
                onMore: loadMore,
                meGid: me?.gid ?? null,
                categories,
                projects: info?.projects ?? [],
                onSave: save,
                onDelete: remove,
                onEditStart: startEdit,
                onRead: (e) => send('entries.get', { taskGid, entryGid: e.gid }).catch(() => null),
                renamed: outbox.value.renamed,
                // The latest ten first: the widget sits in Asana's pane and is redrawn on every switch.
                pageSize: 10,
              }}
            />
            </div>
          )}
        </div>
      )}
      </div>
  );
}
