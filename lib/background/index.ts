/**
 * The background: the only context that holds a token or talks to Asana. Everything is wired here,
 * the handlers come from one small file per concern (handlers/), and every listener is registered
 * synchronously, before anything is awaited, so that a stopped service worker woken by a message,
 * alarm, command or storage change finds its listener in place.
 */
import { browser } from 'wxt/browser';
import { createAsanaClient, type AsanaClient } from '../asana/client';
import { createSession } from '../auth/session';
import { createLock } from '../lock';
import { registerMessageHandlers, type Handlers } from '../messaging/server';
import { createOutbox } from '../outbox';
import { accountItem, outboxItem, userItems } from '../storage/items';
import type { Account } from '../storage/schemas';
import { createStore } from '../storage/store';
import { indexedDbVault, type Vault } from '../storage/vault';
import { users, type BackgroundContext } from './context';
import { categoryHandlers } from './handlers/categories';
import { timesheetHandlers } from './handlers/timesheets';
import { entryHandlers } from './handlers/entries';
import { searchHandlers } from './handlers/search';
import { sessionHandlers } from './handlers/session';
import { timerHandlers } from './handlers/timer';
import { dayHandlers } from './handlers/day';
import { createMyEntries } from './my-entries';
import { createEntryStore } from './entry-store';
import { createTabPanes } from './tab-panes';
import { createTaskCache } from './task-cache';
import { createTimesheets } from './timesheets';
import { BADGE_ALARM } from './timer';
import { createIdle } from './idle';
import { createReminders, REMINDER_ALARM, REMINDER_CHECK_ALARM } from './reminders';

export const OUTBOX_ALARM = 'outbox';

export interface BackgroundOptions {
  /** Where the truth is kept (default: the extension's IndexedDB). Tests of the whole background in node give a memory vault. */
  vault?: Vault;
  /** Asana's API (default https://app.asana.com/api/1.0). */
  apiBaseUrl?: string;
}

export function startBackground(options: BackgroundOptions = {}): void {
  const lock = createLock();
  const timerLock = createLock();
  const vault = options.vault ?? indexedDbVault();
  const store = createStore({
    vault,
    onRecovered: (r) => console.warn(`Kept aside ${r.key}: ${r.reason}`),
    onUndone: (key) => console.warn(`Undid a change to “${key}” that did not come from the background (a content script?).`),
  });
  let client: AsanaClient;
  const session = createSession({
    store,
    vault,
    client: () => client,
    getRedirectURL: () => browser.identity.getRedirectURL(),
    launchWebAuthFlow: (details) => browser.identity.launchWebAuthFlow(details),
    changed: () => void timer.refreshBadge().catch(() => undefined),
  });
  client = createAsanaClient({ baseURL: options.apiBaseUrl, getToken: session.getToken, refreshToken: session.refresh, onUnauthorized: () => void session.markRefused() });
  const entries = createEntryStore(vault, async () => (await store.get(accountItem))?.user.gid ?? null);
  const tasks = createTaskCache({ client, lock, store, entries, signedIn: async (userGid) => (await who.currentUser())?.gid === userGid });
  const timesheets = createTimesheets({ client, lock, store, tasks });
  const myEntries = createMyEntries({ client, lock, store });
  const who = users(session, store, () => tasks);

  let wakeTimer: ReturnType<typeof setTimeout> | undefined;
  const outbox = createOutbox({
    read: () => store.get(outboxItem),
    write: (state, extra = []) => store.commit([[outboxItem, state], ...extra]),
    client,
    lock,
    // Only a sign-in Asana accepts sends anything: a refused one's writes wait for the reconnect.
    currentUserGid: async () => {
      const state = await session.state();
      return state.status === 'connected' ? (state.user?.gid ?? null) : null;
    },
    // What an accepted write changes in the caches: the task's entries, and weeks and budgets.
    applied: async (op, result) => [...(await tasks.applied(op, result)), ...(await timesheets.applied(op, result)), ...(await myEntries.applied(op, result))],
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

  const tabPanes = createTabPanes();
  const ctx: BackgroundContext = { store, vault, client, session, outbox, tasks, entries, tabPanes, timesheets, lock, timerLock, ...who };
  const timer = timerHandlers(ctx);
  const idle = createIdle({ ctx, stopTimer: timer.stopTimer, refreshBadge: timer.refreshBadge });
  const reminders = createReminders(ctx);
  /** A change of settings or of who is signed in: the idle interval and the reminder alarm follow it. */
  const followSettings = () => Promise.all([idle.applyInterval(), reminders.schedule()]);

  /** A sign-in Asana accepted: pick a workspace if none is chosen, and send what waited for this user. */
  async function onConnected(account: Account): Promise<void> {
    const item = userItems(account.user.gid).settings;
    const settings = await store.get(item);
    if (!settings.workspaceGid || !account.workspaces.some((w) => w.gid === settings.workspaceGid)) {
      await store.set(item, { ...settings, workspaceGid: account.workspaces[0]?.gid ?? null, defaultCategoryGid: null });
    }
    await timer.refreshBadge();
    await followSettings();
    await outbox.resume(account.user.gid);
  }

  const session_ = sessionHandlers(ctx, onConnected);
  const handlers: Handlers = {
    ...session_,
    'settings.update': async (patch, sender) => {
      const next = await session_['settings.update'](patch, sender);
      await followSettings();
      return next;
    },
    'idle.answer': ({ answer, startedAt }) => idle.answer(answer, startedAt) as ReturnType<Handlers['idle.answer']>,
    ...entryHandlers(ctx),
    ...categoryHandlers(ctx),
    ...timesheetHandlers(ctx),
    ...searchHandlers(ctx),
    ...timer.handlers,
    ...dayHandlers(ctx, myEntries),
  };

  // ---- listeners: all registered synchronously, right here ----
  registerMessageHandlers(handlers, (reason) => console.warn('Refused message:', reason));
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === OUTBOX_ALARM) void outbox.kick();
    if (alarm.name === BADGE_ALARM) void timer.refreshBadge().then(() => reminders.checkLongTimer());
    if (alarm.name === REMINDER_ALARM) void reminders.onDailyAlarm().catch((error) => console.warn('Reminder failed:', error));
    if (alarm.name === REMINDER_CHECK_ALARM) void reminders.recheck().catch((error) => console.warn('Reminder check failed:', error));
  });
  // Idle time (issue 18.1): at the top level, so a stopped worker is woken by the state change.
  browser.idle.onStateChanged.addListener((state) => void idle.onState(state).catch((error) => console.warn('Idle check failed:', error)));
  // Reminders' clicks: `notifications` is optional, so its API exists only once granted.
  reminders.listen();
  browser.permissions?.onAdded?.addListener(() => reminders.listen());
  browser.commands?.onCommand.addListener((command, tab) => {
    if (command !== 'toggle-timer') return;
    void (async () => {
      const active = tab ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0];
      await timer.toggleForTab(active?.url, active?.id);
    })().catch((error) => console.warn('Timer shortcut failed:', error));
  });
  browser.runtime.onStartup.addListener(() => void timer.refreshBadge());
  // Content scripts can write storage.local: a guarded item's copy changed by anything but us is put back.
  browser.storage.onChanged.addListener((changes, area) => void store.onStorageChanged(changes as Record<string, { newValue?: unknown }>, area));

  // ---- start-up work (after the listeners) ----
  void (async () => {
    await store.get(accountItem); // adopts the previous version's account into the vault on first start
    await store.syncCopies(); // copies left behind by a worker stopped in mid-commit
    const me = await who.currentUser();
    const { oauthClientId } = await store.adoptLegacy(me?.gid ?? null);
    if (oauthClientId) await session.adoptOAuthClientId(oauthClientId);
    await outbox.recover();
    await outbox.kick();
    await timer.refreshBadge();
    // The settings are as they were: the reminder is only checked against the zone the computer is in now.
    await Promise.all([idle.applyInterval(), reminders.recheck()]);
  })().catch((error) => console.warn('Start-up failed:', error));
}
