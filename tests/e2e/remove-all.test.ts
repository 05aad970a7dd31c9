/**
 * "Remove all data from this browser" (PRIVACY.md, `storage.removeAll`): after a real session
 * (OAuth sign-in, a task's cache, a running timer, a write waiting to sync, and a read still on
 * the wire), the request signs out revoking the OAuth grant with Asana, and leaves the browser
 * as a new install has it: storage.local empty, the vault's database holding only what a first
 * start writes (the account and the outbox at their empty values, no secret), no alarm, no badge.
 * Nothing comes back afterwards: not the late read's cache, not the waiting write (never sent,
 * even when the same person connects again), not after the service worker restarts.
 *
 * And the options page's button (Account tab): it asks first, saying what goes (how many
 * changes wait unsynced, that the running timer is discarded); Cancel removes nothing; Remove
 * leaves storage.local and the vault as a new install has them, sends Asana nothing, and says
 * what happened.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './axe';
import { Harness, widget } from './harness';

let h: Harness;
beforeAll(async () => {
  // A new user's compact widget: the harness writes no layout preference, so storage.local starts empty.
  h = await Harness.launch({ widget: 'defaults' });
});
afterAll(async () => h?.close());

interface VaultContents {
  secrets: Record<string, unknown>;
  records: Record<string, unknown>;
}

/** Both object stores of the vault, read from the service worker (the only context that can open it). */
async function readVault(): Promise<VaultContents> {
  const worker = await h.serviceWorker();
  return worker.evaluate(
    () =>
      new Promise<VaultContents>((resolve, reject) => {
        const open = indexedDB.open('asana-time-log-vault');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const names = ['secrets', 'records'].filter((n) => db.objectStoreNames.contains(n));
          const out: VaultContents = { secrets: {}, records: {} };
          if (names.length === 0) {
            db.close();
            resolve(out);
            return;
          }
          const tx = db.transaction(names, 'readonly');
          for (const name of names) {
            const store = tx.objectStore(name);
            const keys = store.getAllKeys();
            const values = store.getAll();
            values.onsuccess = () => {
              const target = out[name as keyof VaultContents];
              keys.result.forEach((k, i) => (target[String(k)] = values.result[i]));
            };
          }
          tx.oncomplete = () => {
            db.close();
            resolve(out);
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

/** What a new install's first start writes to the vault: the account (signed out) and an empty outbox, at their versions. */
const NEW_INSTALL_VAULT: VaultContents = {
  secrets: {},
  records: { account: { v: 2, value: null }, outbox: { v: 2, value: { ops: [], claimed: [], renamed: {} } } },
};

const browserState = async () => {
  const worker = await h.serviceWorker();
  return worker.evaluate(async () => ({
    alarms: (await chrome.alarms.getAll()).map((a: { name: string }) => a.name),
    badge: await chrome.action.getBadgeText({}),
    title: await chrome.action.getTitle({}),
  }));
};

const me = () => h.sandbox.seed.users.me;

describe('storage.removeAll', () => {
  it('a new install keeps nothing in storage.local and only the empty account and outbox in the vault', async () => {
    await expect.poll(readVault).toEqual(NEW_INSTALL_VAULT);
    expect(await h.storage()).toEqual({});
  });

  it('signs out revoking the OAuth grant, removes everything, and nothing comes back', async () => {
    const task = h.sandbox.seed.ordinaryTasks[2]!;
    const slow = h.sandbox.seed.ordinaryTasks[5]!;

    // Connect through OAuth (the app's id and secret, and the tokens, go to the vault).
    const app = h.sandbox.world.oauthApp;
    app.redirectUris.push(`https://${h.extensionId}.chromiumapp.org/`);
    expect((await h.message('session.saveOAuthApp', { clientId: app.clientId, clientSecret: app.clientSecret })).ok).toBe(true);
    const consent = h.context.waitForEvent('page', { predicate: (p) => p.url().includes('/-/oauth_authorize'), timeout: 15_000 });
    const connecting = h.message('session.connectOAuth', {});
    const consentPage = await consent;
    await consentPage.waitForLoadState();
    await consentPage.getByRole('button', { name: 'Allow' }).click();
    expect(await connecting).toMatchObject({ ok: true, data: { status: 'connected', method: 'oauth' } });

    // Use it: a task's figures cached, a timer running (badge), a write waiting to sync.
    const page = await h.openAsana(h.taskUrl(task.gid));
    await expect.poll(() => widget(page).getByTestId('total').count()).toBe(1);
    expect((await h.message('timer.start', { taskGid: task.gid, taskName: task.name })).ok).toBe(true);
    h.sandbox.faults.inject({ kind: '503', count: Infinity, method: 'POST', path: '/time_tracking_entries' });
    const waiting = await h.message('entries.create', { taskGid: task.gid, taskName: task.name, entry: { duration_minutes: 17, entered_on: '2026-03-02', description: 'never sent' } });
    expect(waiting).toMatchObject({ ok: true, data: { state: 'pending' } });
    const before = await h.storage();
    expect(Object.keys(before)).toEqual(expect.arrayContaining(['account', 'outbox', `u:${me().gid}:timer`, `u:${me().gid}:task:${task.gid}`]));
    expect((await readVault()).secrets.secrets).toMatchObject({ clientId: app.clientId, clientSecret: app.clientSecret, refreshToken: expect.any(String) });
    await expect.poll(async () => (await browserState()).badge).not.toBe('');

    // A read still on the wire when the data is removed: Asana holds its answer for 4 s.
    h.sandbox.faults.latency(4_000, { path: `/tasks/${slow.gid}/time_tracking_entries` });
    const held = h.sandbox.faults.injected.latency;
    let lateSettled = false;
    const late = h.message('task.refresh', { taskGid: slow.gid, force: true }).finally(() => (lateSettled = true));
    late.catch(() => undefined); // awaited below; a failure before that must not go unhandled
    await expect.poll(() => h.sandbox.faults.injected.latency).toBeGreaterThan(held);

    const removed = await h.message('storage.removeAll', {});
    expect(removed).toMatchObject({ ok: true, data: { status: 'signed-out', connected: false, user: null, oauth: { clientId: null, hasClientSecret: false } } });
    expect(lateSettled).toBe(false); // the read really answers after the removal
    h.sandbox.faults.clear();

    // Signed out with Asana: every grant of this user is revoked.
    const grants = [...h.sandbox.world.oauth.grants.values()].filter((g) => g.user === me().gid);
    expect(grants.length).toBeGreaterThan(0);
    expect(grants.every((g) => g.revoked)).toBe(true);

    // Nothing left: storage.local, the vault, alarms, the badge. The late read's answer cached nothing.
    expect(await h.storage()).toEqual({});
    await late;
    expect(await h.storage()).toEqual({});
    expect(await readVault()).toEqual(NEW_INSTALL_VAULT);
    expect(await browserState()).toEqual({ alarms: [], badge: '', title: 'Asana Time Log' });
    // The widget on the open task page asks to connect.
    await expect.poll(() => widget(page).getByText('Connect your Asana account to see and log time on this task.').count()).toBe(1);

    // Still so after the service worker restarts (nothing was only in memory).
    await h.stopServiceWorker();
    expect((await h.message('session.get', {})).data).toMatchObject({ status: 'signed-out', oauth: { clientId: null, hasClientSecret: false } });
    expect(await h.storage()).toEqual({});
    expect(await readVault()).toEqual(NEW_INSTALL_VAULT);

    // The same person connects again: a new start (no timer, no waiting write), and the discarded
    // write is not sent (connecting sends what waits before it answers).
    const posts = h.sandbox.stats.mark();
    await h.connectWithToken(me().token);
    const after = await h.storage();
    expect(after).not.toHaveProperty(`u:${me().gid}:timer`);
    expect(after.outbox?.ops ?? []).toEqual([]);
    expect(h.sandbox.stats.since(posts).filter((r) => r.method === 'POST' && r.path.includes('time_tracking_entries'))).toEqual([]);
    expect(h.sandbox.world.entriesOfTask(task.gid).filter((e) => e.description === 'never sent')).toEqual([]);
    await h.message('storage.removeAll', {});
  });
});

describe('the options page’s “Remove all data from this browser”', () => {
  it('asks first, saying what goes; Cancel removes nothing; Remove removes everything and writes nothing to Asana', async () => {
    const { seed, world } = h.sandbox;
    const task = seed.ordinaryTasks[3]!;
    await h.connectWithToken(me().token);
    // A session in use: a cached task, a running timer, a change waiting to sync (Asana refuses writes for now).
    const page = await h.openAsana(h.taskUrl(task.gid));
    await expect.poll(() => widget(page).getByTestId('total').count()).toBe(1);
    expect((await h.message('timer.start', { taskGid: task.gid, taskName: task.name })).ok).toBe(true);
    h.sandbox.faults.inject({ kind: '503', count: Infinity, method: 'POST', path: '/time_tracking_entries' });
    const waiting = await h.message('entries.create', { taskGid: task.gid, taskName: task.name, entry: { duration_minutes: 23, entered_on: '2026-03-02', description: 'waiting, then removed' } });
    expect(waiting).toMatchObject({ ok: true, data: { state: 'pending' } });
    const entriesBefore = world.entries.size;
    const writes = h.sandbox.stats.mark();
    const storedKeys = async () => Object.keys(await h.storage()).sort();
    const keysBefore = await storedKeys();
    expect(keysBefore).toEqual(expect.arrayContaining(['account', 'outbox', h.userKey('timer'), h.userKey('settings'), h.userKey(`task:${task.gid}`)]));

    const options = await h.openOptions('#account');
    const button = options.getByRole('button', { name: 'Remove all data from this browser' });
    await button.click();
    const question = options.getByRole('alertdialog', { name: 'Remove all data from this browser?' });
    await question.waitFor();
    expect(await question.getByTestId('remove-all-what').locator('li').allTextContents()).toEqual([
      'the sign-in: you are signed out (an OAuth sign-in is also revoked with Asana), and the token and your Asana app’s client ID and secret are deleted;',
      'the settings: workspace, default category and billable status, and the widget’s layout;',
      'the caches of Asana’s data: tasks’ time entries, categories, budgets, timesheet weeks and recent tasks;',
      '1 change waiting to sync that has not reached Asana: it is deleted and never sent;',
      'the running timer: it is discarded, and its time is not logged.',
    ]);
    // The safe choice has the focus.
    expect(await options.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
    expect(await axeViolations(options)).toEqual([]);

    // Cancel: the question goes, and everything stays.
    await question.getByRole('button', { name: 'Cancel' }).click();
    await question.waitFor({ state: 'detached' });
    expect(await storedKeys()).toEqual(keysBefore);
    expect((await h.storage(h.userKey('timer')))[h.userKey('timer')]).toMatchObject({ taskGid: task.gid });
    expect((await h.storage('outbox')).outbox.ops.map((o: { kind: string }) => o.kind)).toEqual(['entry.create']);
    expect((await readVault()).secrets.secrets).toMatchObject({ pat: me().token });
    expect(await options.getByTestId('connected-as').textContent()).toContain(me().name);

    // Asked again and confirmed: everything goes, and the page says what happened.
    await button.click();
    await question.getByRole('button', { name: 'Remove all data', exact: true }).click();
    await expect
      .poll(() => options.getByRole('status').first().textContent())
      .toBe('All data was removed from this browser: you are signed out, and Asana Time Log keeps nothing here. 1 waiting change was discarded. The running timer was discarded.');
    expect(await question.count()).toBe(0);
    expect(await options.getByRole('heading', { name: 'Connect with a personal access token' }).count()).toBe(1);
    expect(await h.storage()).toEqual({});
    expect(await readVault()).toEqual(NEW_INSTALL_VAULT);
    expect(await browserState()).toEqual({ alarms: [], badge: '', title: 'Asana Time Log' });
    h.sandbox.faults.clear();

    // Asana got no write: the waiting entry was never stored, the timer logged nothing.
    expect(h.sandbox.stats.since(writes).filter((r) => r.area === 'api' && r.method !== 'GET' && r.fault === null)).toEqual([]);
    expect(world.entries.size).toBe(entriesBefore);
    expect([...world.entries.values()].filter((e) => e.description === 'waiting, then removed')).toEqual([]);
    await page.close();
    await options.close();
  });
});
