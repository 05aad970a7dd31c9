/** Connecting, signing out, removing all data, the user's settings and the widget's remembered layout. */
import { browser } from 'wxt/browser';
import { AsanaError } from '../../asana/errors';
import { day, durationOn, t } from '../../i18n';
import { floatingItem, isCacheKey, outboxItem, pageReportItem, recoveryItem, uiPrefsItem, userItems } from '../../storage/items';
import type { Account, OutboxOp } from '../../storage/schemas';
import type { Handlers } from '../../messaging/server';
import type { SignOutPreview } from '../../messaging/protocol';
import type { BackgroundContext } from '../context';
import { updateBadge } from '../timer';

/** A waiting change in words, for the sign-out question. */
export function describeOp(op: OutboxOp): string {
  switch (op.kind) {
    case 'entry.create':
      return t(op.taskName ? 'opNewEntryFor' : 'opNewEntry', durationOn(op.data.duration_minutes, op.data.entered_on), op.taskName ?? '');
    case 'entry.update':
      return op.taskName ? t('opEntryUpdateOn', op.taskName) : t('op_entry_update');
    case 'entry.delete':
      return op.taskName ? t('opEntryDeleteOn', op.taskName) : t('op_entry_delete');
    case 'category.create':
      return t('opNewCategory', op.data.name);
    case 'category.update':
      return t('op_category_update');
    case 'category.delete':
      return t('op_category_delete');
    case 'timesheet.transition':
      return t(`opWeek_${op.data.to}`, day(op.data.start, 'long'));
  }
}

export function sessionHandlers(ctx: BackgroundContext, onConnected: (account: Account) => Promise<void>): Pick<
  Handlers,
  'session.get' | 'session.connectToken' | 'session.saveOAuthApp' | 'session.connectOAuth' | 'session.signOutPreview' | 'session.signOut' | 'session.refreshWorkspaces' | 'settings.update' | 'ui.setPrefs' | 'ui.setFloating' | 'page.report' | 'page.loadMore' | 'tab.guard' | 'storage.discardRecovered' | 'storage.removeAllPreview' | 'storage.removeAll'
> {
  const { session, store } = ctx;
  let reports: Promise<unknown> = Promise.resolve();

  async function connected() {
    const account = await session.account();
    if (account) await onConnected(account);
    return session.state();
  }

  async function preview(): Promise<SignOutPreview> {
    const me = await ctx.currentUser();
    if (!me) return { changes: [], timer: null };
    const ops = (await store.get(outboxItem)).ops.filter((o) => o.user.gid === me.gid);
    const timer = await store.get(userItems(me.gid).timer);
    return {
      changes: ops.map((o) => ({ opId: o.id, kind: o.kind, taskName: 'taskName' in o ? o.taskName : null, description: describeOp(o) })),
      timer: timer ? { taskName: timer.taskName, startedAt: timer.startedAt } : null,
    };
  }

  return {
    'session.get': () => session.state(),
    'session.connectToken': async ({ token }) => {
      await session.connectWithToken(token);
      return connected();
    },
    'session.saveOAuthApp': ({ clientId, clientSecret }) => session.saveOAuthApp(clientId, clientSecret),
    'session.connectOAuth': async () => {
      await session.connectWithOAuth();
      return connected();
    },
    'session.signOutPreview': () => preview(),
    /**
     * Signs out. The user's caches of Asana's data go (the next person on this browser must not
     * find them); their settings stay. Waiting writes and a running timer are kept for when they
     * reconnect, or discarded: the options page asks first, showing them.
     */
    'session.signOut': ({ pending }) =>
      ctx.timerLock(async () => {
        const me = await ctx.currentUser();
        if (me && pending === 'discard') {
          await ctx.outbox.discardUser(me.gid);
          await store.set(userItems(me.gid).timer, null);
        }
        // Signed out first, then the caches go: a read still under way finds no one signed in and
        // stores nothing (it stored a categories list after the removal, once in CI).
        const result = await session.signOut();
        if (me) {
          await ctx.lock(() => store.removeUserData(me.gid, (raw) => !isCacheKey(raw)));
          ctx.entries.forgetMemory();
        }
        return result;
      }),
    'session.refreshWorkspaces': async () => {
      await ctx.requireReader();
      return session.refreshAccount(await ctx.client.getMe());
    },
    'settings.update': async (patch) => {
      const me = await ctx.requireWriter();
      const account = await session.account();
      if (patch.workspaceGid && !account?.workspaces.some((w) => w.gid === patch.workspaceGid)) {
        throw new AsanaError({ code: 'invalid_request', message: t('errNotYourWorkspace') });
      }
      const item = userItems(me.gid).settings;
      const current = await store.get(item);
      const next = { ...current, ...patch };
      // A category belongs to one workspace: a new workspace starts without a default category.
      if (patch.workspaceGid !== undefined && patch.workspaceGid !== current.workspaceGid && patch.defaultCategoryGid === undefined) next.defaultCategoryGid = null;
      await store.set(item, next);
      return next;
    },
    'ui.setPrefs': async (patch) => {
      const next = { ...(await store.get(uiPrefsItem)), ...patch };
      await store.set(uiPrefsItem, next);
      return next;
    },
    'ui.setFloating': async (place) => {
      await store.set(floatingItem, place);
      return place;
    },
    'page.report': ({ mismatch, ...seen }, sender) => {
      // One after another: a report read-modify-writes the last one, and the widget sends two at once
      // when the pane stops agreeing (its new place, then the moment it began).
      const run = reports.then(async () => {
        const old = await store.get(pageReportItem);
        const next = { ...seen, at: Date.now(), mismatchAt: mismatch ? Date.now() : (old?.mismatchAt ?? null) };
        // Written only when something changed: every write is broadcast to every Asana tab.
        if (!old || old.place !== next.place || old.theme !== next.theme || old.themeFrom !== next.themeFrom || mismatch) await store.set(pageReportItem, next);
        // The widget's place says it while the pane disagrees; `mismatch` marks the moment it began.
        if (!sender.frameId) await ctx.tabPanes.reported(sender.tabId, sender.tabUrl, mismatch || seen.place === 'mismatch');
        return null;
      });
      reports = run.catch(() => undefined);
      return run;
    },
    'tab.guard': async ({ tabId, taskGid }) => ({ reason: await ctx.tabPanes.refusal(tabId, taskGid) }),
    'storage.discardRecovered': async () => {
      await store.set(recoveryItem, null);
      return null;
    },
    /** What "Remove all data" would discard: every account's waiting changes and running timers (the options page asks with these). */
    'storage.removeAllPreview': async () => ({ changes: (await store.get(outboxItem)).ops.length, timers: (await store.usersWithTimer()).length }),
    /**
     * "Remove all data from this browser" (PRIVACY.md): signs out (revoking an OAuth grant with
     * Asana), lets a write already on the wire finish, then removes every storage.local key and
     * everything in the vault (tokens, the OAuth app, every user's settings, timer and waiting
     * writes, which are NOT sent), every alarm and the badge. The extension is then as if just
     * installed. The options page asks first.
     */
    // The widget's rest (entrypoints/asana-more.ts) into the content script's own world of the
    // frame that asked: never a web-accessible file the page could load or probe.
    'page.loadMore': async (_payload, sender) => {
      if (sender.fromExtensionPage || sender.tabId === undefined) throw new AsanaError({ code: 'invalid_request', message: t('errOnlyAsanaPage') });
      await browser.scripting.executeScript({ target: { tabId: sender.tabId, frameIds: [sender.frameId ?? 0] }, files: ['/asana-more.js'] });
      return null;
    },
    'storage.removeAll': () =>
      ctx.timerLock(async () => {
        await session.signOut();
        // Nothing more is sent once signed out; an op already sent is let finish, so that its
        // answer is written before everything goes, not after.
        await ctx.outbox.idle();
        await ctx.lock(() => store.removeAll());
        ctx.entries.forgetMemory();
        session.forget();
        await browser.alarms.clearAll();
        await updateBadge(null);
        return session.state();
      }),
  };
}
