/**
 * The background: the only context that holds a token or talks to Asana. Everything is wired here
 * and every listener is registered synchronously, before anything is awaited, so that a stopped
 * service worker woken by a message, alarm or command finds its listener in place.
 */
import { browser } from 'wxt/browser';
import { createAsanaClient } from '../asana/client';
import { AsanaError, notConnectedError } from '../asana/errors';
import type { Category, Entry } from '../asana/schemas';
import { parseTaskUrl } from '../asana/task-url';
import { createSession } from '../auth/session';
import { createLock } from '../lock';
import type { Handlers } from '../messaging/server';
import { registerMessageHandlers } from '../messaging/server';
import { createOutbox, isLocalGid } from '../outbox';
import { accountItem, recentTasksItem, settingsItem, timerItem, type TimerState } from '../store';
import { readOutbox, writeOutbox } from './outbox-storage';
import { createTaskCache, taskInfoFrom } from './task-cache';
import { BADGE_ALARM, TIMER_CLEARED, elapsedSeconds, minutesToLog, timerEntryDate, updateBadge } from './timer';

export const OUTBOX_ALARM = 'outbox';
const MAX_RECENT = 10;

export function startBackground(): void {
  const lock = createLock();
  const timerLock = createLock();
  const session = createSession({
    getRedirectURL: () => browser.identity.getRedirectURL(),
    launchWebAuthFlow: (details) => browser.identity.launchWebAuthFlow(details),
  });
  const client = createAsanaClient({ getToken: session.getToken, refreshToken: session.refresh });
  const tasks = createTaskCache({ client, lock });

  let wakeTimer: ReturnType<typeof setTimeout> | undefined;
  const outbox = createOutbox({
    read: readOutbox,
    write: writeOutbox,
    client,
    lock,
    currentUserGid: async () => (await accountItem.getValue())?.user.gid ?? null,
    applied: tasks.applied,
    // Firefox re-sends a POST whose connection was reset before any answer: a create can land twice.
    removeReplayedCreates: import.meta.env.FIREFOX,
    wake(at) {
      clearTimeout(wakeTimer);
      if (at === null) {
        void browser.alarms.clear(OUTBOX_ALARM);
        return;
      }
      // A timer while we live; an alarm in case the worker is stopped before it fires.
      wakeTimer = setTimeout(() => void outbox.kick(), Math.max(0, at - Date.now()));
      void browser.alarms.create(OUTBOX_ALARM, { when: Math.max(at, Date.now() + 1_000) });
    },
  });

  async function requireUser(): Promise<string> {
    const account = await accountItem.getValue();
    if (!account || !(await session.getToken())) throw notConnectedError();
    return account.user.gid;
  }

  async function rememberRecent(gid: string, name: string | undefined, workspaceGid: string | undefined): Promise<void> {
    const known = name ?? (await tasks.read(gid))?.info?.name;
    if (!known) return;
    const list = (await recentTasksItem.getValue()).filter((t) => t.gid !== gid);
    list.unshift({ gid, name: known, workspaceGid: workspaceGid ?? (await tasks.read(gid))?.info?.workspace?.gid ?? null, at: Date.now() });
    await recentTasksItem.setValue(list.slice(0, MAX_RECENT));
  }

  /** Refuses, before queueing, a change Asana would refuse: someone else's entry, or a submitted/approved one. */
  async function checkEditable(taskGid: string, entryGid: string, me: string): Promise<void> {
    if (isLocalGid(entryGid)) return;
    const cached = (await tasks.read(taskGid))?.entries.find((e) => e.gid === entryGid);
    if (!cached) return;
    if (cached.created_by && cached.created_by.gid !== me) {
      throw new AsanaError({ code: 'forbidden', message: `This entry was logged by ${cached.created_by.name ?? 'someone else'}; only they can change it.` });
    }
    if (cached.approval_status === 'SUBMITTED' || cached.approval_status === 'APPROVED') {
      throw new AsanaError({ code: 'forbidden', message: `This entry is ${cached.approval_status.toLowerCase()} on a timesheet and can no longer be changed. Ask your timesheet approver to reject it first.` });
    }
  }

  async function stopTimer(): Promise<Awaited<ReturnType<Handlers['timer.stop']>>> {
    const timer = await timerItem.getValue();
    if (!timer) return null;
    const me = await requireUser();
    const secs = elapsedSeconds(timer);
    const minutes = minutesToLog(secs);
    const settings = await settingsItem.getValue();
    const info = (await tasks.read(timer.taskGid))?.info ?? null;
    const sameWorkspace = !timer.workspaceGid || !settings.workspaceGid || timer.workspaceGid === settings.workspaceGid;
    const data: Record<string, unknown> = { duration_minutes: minutes, entered_on: timerEntryDate(timer) };
    if (sameWorkspace && settings.defaultCategoryGid) data.categories = [settings.defaultCategoryGid];
    if (settings.defaultBillable) data.billable_status = settings.defaultBillable;
    if (timer.projectGid && info?.projects.some((p) => p.gid === timer.projectGid)) data.attributable_to = timer.projectGid;
    await rememberRecent(timer.taskGid, timer.taskName, timer.workspaceGid ?? undefined);
    const write = await outbox.submit<Entry>({
      kind: 'entry.create',
      userGid: me,
      taskGid: timer.taskGid,
      taskName: timer.taskName,
      workspaceGid: timer.workspaceGid,
      data,
      knownGids: await tasks.knownSimilar(timer.taskGid, minutes, data.entered_on as string),
      extra: TIMER_CLEARED,
    });
    await updateBadge(null);
    return { minutes, elapsedSeconds: secs, write };
  }

  async function startTimer(input: { taskGid: string; taskName?: string; workspaceGid?: string; projectGid?: string }) {
    await requireUser();
    const current = await timerItem.getValue();
    if (current?.taskGid === input.taskGid) return { timer: current, stopped: null };
    let stopped: { taskName: string; minutes: number } | null = null;
    if (current) {
      const result = await stopTimer();
      if (result) stopped = { taskName: current.taskName, minutes: result.minutes };
    }
    let name = input.taskName;
    let workspaceGid = input.workspaceGid ?? null;
    if (!name || !workspaceGid) {
      const info = await tasks.info(input.taskGid).catch(() => null);
      name ||= info?.name ?? 'Untitled task';
      workspaceGid ??= info?.workspace?.gid ?? null;
    }
    const timer: TimerState = { taskGid: input.taskGid, taskName: name, workspaceGid, projectGid: input.projectGid ?? null, startedAt: Date.now() };
    await timerItem.setValue(timer);
    await updateBadge(timer);
    return { timer, stopped };
  }

  const handlers: Handlers = {
    'session.get': () => session.state(),
    'session.connectToken': async ({ token }) => {
      const state = await session.connectWithToken(token);
      await ensureWorkspace(state.workspaces);
      void outbox.kick();
      return state;
    },
    'session.saveOAuthApp': ({ clientId, clientSecret }) => session.saveOAuthApp(clientId, clientSecret),
    'session.connectOAuth': async () => {
      const state = await session.connectWithOAuth();
      await ensureWorkspace(state.workspaces);
      void outbox.kick();
      return state;
    },
    'session.signOut': () => session.signOut(),
    'session.refreshWorkspaces': async () => {
      await requireUser();
      return session.refreshAccount(await client.getMe());
    },

    'task.get': async ({ taskGid }) => {
      await requireUser();
      return tasks.info(taskGid);
    },
    'task.refresh': async ({ taskGid, force }) => {
      await requireUser();
      return tasks.refresh(taskGid, force);
    },

    'entries.get': async ({ taskGid, entryGid }) => {
      await requireUser();
      const fresh = await client.getEntry(entryGid);
      await tasks.remember(taskGid, fresh);
      return fresh;
    },
    'entries.create': async ({ taskGid, taskName, workspaceGid, entry }) => {
      const me = await requireUser();
      await rememberRecent(taskGid, taskName, workspaceGid);
      return outbox.submit<Entry>({
        kind: 'entry.create',
        userGid: me,
        taskGid,
        taskName: taskName ?? null,
        workspaceGid: workspaceGid ?? null,
        data: entry,
        knownGids: await tasks.knownSimilar(taskGid, entry.duration_minutes, entry.entered_on),
      });
    },
    'entries.update': async ({ taskGid, entryGid, patch }) => {
      const me = await requireUser();
      await checkEditable(taskGid, entryGid, me);
      return outbox.submit<Entry>({ kind: 'entry.update', userGid: me, taskGid, taskName: null, workspaceGid: null, targetGid: entryGid, data: patch });
    },
    'entries.delete': async ({ taskGid, entryGid, undoWindowMs }) => {
      const me = await requireUser();
      await checkEditable(taskGid, entryGid, me);
      return outbox.submit<null>({
        kind: 'entry.delete',
        userGid: me,
        taskGid,
        taskName: null,
        workspaceGid: null,
        targetGid: entryGid,
        data: {},
        notBefore: undoWindowMs ? Date.now() + undoWindowMs : 0,
      });
    },
    'entries.query': async ({ workspace, start, end, user, attributable_to, portfolio, task }) => {
      await requireUser();
      return client.listEntries({ workspace, user, attributable_to, portfolio, task, entered_on_start_date: start, entered_on_end_date: end });
    },

    'outbox.cancel': async ({ opId }) => ({ cancelled: await outbox.cancel(opId) }),
    'outbox.retry': async ({ opId, entry }) => ({ queued: await outbox.retry(opId, entry) }),

    'categories.list': async ({ workspaceGid, archived, refresh }) => {
      await requireUser();
      return archived ? client.listCategories(workspaceGid, true) : tasks.categories(workspaceGid, refresh);
    },
    'categories.get': async ({ categoryGid }) => {
      await requireUser();
      return client.getCategory(categoryGid);
    },
    'categories.create': async ({ workspaceGid, name, color }) => {
      const me = await requireUser();
      return outbox.submit<Category>({ kind: 'category.create', userGid: me, taskGid: null, taskName: null, workspaceGid, data: { name, color } });
    },
    'categories.update': async ({ workspaceGid, categoryGid, patch }) => {
      const me = await requireUser();
      return outbox.submit<Category>({ kind: 'category.update', userGid: me, taskGid: null, taskName: null, workspaceGid, targetGid: categoryGid, data: patch });
    },
    'categories.delete': async ({ workspaceGid, categoryGid }) => {
      const me = await requireUser();
      return outbox.submit<null>({ kind: 'category.delete', userGid: me, taskGid: null, taskName: null, workspaceGid, targetGid: categoryGid, data: {} });
    },
    'categories.entries': async ({ categoryGid, start, end }) => {
      await requireUser();
      return client.listCategoryEntries(categoryGid, { start_date: start, end_date: end });
    },

    'typeahead.tasks': async ({ workspaceGid, query }) => {
      await requireUser();
      return (await client.typeaheadTasks(workspaceGid, query, 20)).map(taskInfoFrom);
    },
    'typeahead.search': async ({ workspaceGid, query, resourceType }) => {
      await requireUser();
      return client.typeahead(workspaceGid, query, resourceType, 20);
    },

    'timer.start': (input) => timerLock(() => startTimer(input)),
    'timer.stop': () => timerLock(() => stopTimer()),
    'timer.discard': () =>
      timerLock(async () => {
        await timerItem.setValue(null);
        await updateBadge(null);
        return null;
      }),

    'ui.openOptions': async () => {
      await browser.runtime.openOptionsPage();
      return null;
    },
  };

  /** After connecting, pick a workspace if none is chosen yet (the first one Asana lists). */
  async function ensureWorkspace(workspaces: Array<{ gid: string }>): Promise<void> {
    const settings = await settingsItem.getValue();
    if (settings.workspaceGid && workspaces.some((w) => w.gid === settings.workspaceGid)) return;
    await settingsItem.setValue({ ...settings, workspaceGid: workspaces[0]?.gid ?? null, defaultCategoryGid: null });
  }

  /** The keyboard shortcut: start the timer on the task in the active tab, or stop the running one. */
  async function toggleTimerForTab(tabUrl: string | undefined): Promise<void> {
    const target = tabUrl ? parseTaskUrl(tabUrl) : null;
    await timerLock(async () => {
      const current = await timerItem.getValue();
      if (current && (!target || current.taskGid === target.taskGid)) {
        await stopTimer();
        return;
      }
      if (target) await startTimer({ taskGid: target.taskGid, workspaceGid: target.workspaceGid ?? undefined, projectGid: target.projectGid ?? undefined });
    });
  }

  // ---- listeners: all registered synchronously, right here ----
  registerMessageHandlers(handlers, (reason) => console.warn('Refused message:', reason));
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === OUTBOX_ALARM) void outbox.kick();
    if (alarm.name === BADGE_ALARM) void updateBadge();
  });
  browser.commands?.onCommand.addListener((command, tab) => {
    if (command !== 'toggle-timer') return;
    void (async () => {
      const url = tab?.url ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.url;
      await toggleTimerForTab(url);
    })().catch((error) => console.warn('Timer shortcut failed:', error));
  });
  browser.runtime.onStartup.addListener(() => void updateBadge());

  // ---- start-up work (after the listeners) ----
  void outbox.recover().then(() => outbox.kick());
  void updateBadge().catch(() => undefined);
}
