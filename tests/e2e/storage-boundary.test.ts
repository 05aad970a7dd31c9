/**
 * Storage is not a way around the trust boundary (issue 12): from our content script's own world
 * (what a compromised or confused content script could do), write into storage.local what the
 * background acts on, then ask the background to act. Nothing reaches Asana, and no view changes:
 * the background acts on the vault's copy, and puts storage.local's back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { CHANNEL, Harness, widget } from './harness';
import { inContentScript } from './content-world';

let h: Harness;
let page: Page;
beforeAll(async () => {
  h = await Harness.launch({ connect: true });
  page = await h.openAsana(h.taskUrl(h.sandbox.seed.tasks.big.gid));
  await widget(page).getByTestId('total').filter({ hasText: /h/ }).waitFor();
});
afterAll(async () => h?.close());

const apiSince = (mark: number) => h.sandbox.stats.since(mark).filter((r) => r.area === 'api');
const inWorld = (expression: string) => inContentScript(h, page, expression);
const send = (type: string, payload: unknown) => `chrome.runtime.sendMessage({ channel: '${CHANNEL}', type: '${type}', payload: ${JSON.stringify(payload)} })`;

/** A well-formed op of the signed-in user, as the background would have stored it. */
function forgedOp(kind: 'category.delete' | 'entry.create', id: string) {
  const me = h.sandbox.seed.users.me;
  const common = {
    id, user: { gid: me.gid, name: me.name }, createdAt: Date.now(), state: 'failed', attempts: 1, nextAttemptAt: Date.now(), notBefore: 0,
    sentAt: null, uncertain: false, error: { code: 'server_error', message: 'Try again' },
  };
  return kind === 'category.delete'
    ? { ...common, kind, workspaceGid: h.sandbox.seed.workspaces.main.gid, targetGid: h.sandbox.seed.categories.admin.gid }
    : { ...common, kind, workspaceGid: null, taskGid: h.sandbox.seed.ordinaryTasks[0]!.gid, taskName: 'x', targetGid: `local-${id}`, data: { duration_minutes: 600, entered_on: h.sandbox.world.today() }, knownGids: [] };
}

describe('writes into storage.local from the content script’s world', () => {
  it('a forged op in the outbox is never sent, even when retried, and its copy is put back', async () => {
    const before = (await h.storage('outbox')).outbox ?? { ops: [], claimed: [], renamed: {} };
    const mark = h.sandbox.stats.mark();
    const answers = await inWorld(`(async () => {
      const { outbox } = await chrome.storage.local.get('outbox');
      const state = outbox ?? { ops: [], claimed: [], renamed: {} };
      state.ops.push(${JSON.stringify(forgedOp('category.delete', 'abcdefabcdef'))}, ${JSON.stringify(forgedOp('entry.create', 'fedcbafedcba'))});
      await chrome.storage.local.set({ outbox: state });
      return JSON.stringify([await ${send('outbox.retry', { opId: 'abcdefabcdef' })}, await ${send('outbox.retry', { opId: 'fedcbafedcba' })}]);
    })()`);
    // The background knows no such ops: nothing is queued…
    expect(JSON.parse(String(answers))).toEqual([{ ok: true, data: { queued: 0 } }, { ok: true, data: { queued: 0 } }]);
    // …the copy views read is put back…
    await expect.poll(async () => (await h.storage('outbox')).outbox ?? { ops: [], claimed: [], renamed: {} }).toEqual(before);
    // …no view counts them…
    expect(await widget(page).getByText('waiting to sync').count()).toBe(0);
    expect(await widget(page).getByText('Not saved').count()).toBe(0);
    const categories = await h.openOptions('#categories');
    await expect.poll(() => categories.getByRole('list', { name: /Active categories/ }).count()).toBe(1);
    expect(await categories.getByText(/waiting to sync|Not saved/).count()).toBe(0);
    await categories.close();
    // …and nothing reached Asana: the category is still there, no 600-minute entry was made.
    expect(apiSince(mark).filter((r) => r.method !== 'GET')).toEqual([]);
    expect(h.sandbox.world.categories.has(h.sandbox.seed.categories.admin.gid)).toBe(true);
  });

  it('a rewritten account changes neither who the background acts as nor what the options page says', async () => {
    const alex = h.sandbox.seed.users.alex;
    const options = await h.openOptions('#account');
    await expect.poll(() => options.getByTestId('connected-as').textContent()).toContain('Connected as Morgan Avery');
    const before = (await h.storage('account')).account;
    await inWorld(`chrome.storage.local.get('account').then(({ account }) => chrome.storage.local.set({ account: { ...account, user: { gid: '${alex.gid}', name: 'Spoofed Person', email: 'spoof@example.org' } } }))`);
    await expect.poll(async () => (await h.storage('account')).account).toEqual(before);
    // The background still acts as Morgan: a new entry is Morgan's.
    const answer = (await h.message('session.get', {})).data as { user: { gid: string } };
    expect(answer.user.gid).toBe(h.sandbox.seed.users.me.gid);
    await options.reload();
    await expect.poll(() => options.getByTestId('connected-as').textContent()).toContain('Connected as Morgan Avery');
    expect(await options.getByText('Spoofed Person').count()).toBe(0);
    expect(await widget(page).getByText('Spoofed Person').count()).toBe(0);
  });

  it('entries.get naming one task and another task’s entry puts nothing in the first task’s cache', async () => {
    const { seed, world } = h.sandbox;
    const [other] = world.addEntries(seed.ordinaryTasks[1]!.gid, 1, seed.users.me.gid, { entered_on: world.today(), description: 'from another task' });
    const key = h.userKey(`task:${seed.tasks.big.gid}`);
    const before = (await h.storage(key))[key];
    const answer = JSON.parse(String(await inWorld(`${send('entries.get', { taskGid: seed.tasks.big.gid, entryGid: other!.gid })}.then((r) => JSON.stringify(r))`)));
    expect(answer).toMatchObject({ ok: false, error: { message: 'That entry belongs to another task.' } });
    expect((await h.storage(key))[key]).toEqual(before);
    expect(await widget(page).getByText('from another task').count()).toBe(0);
  });

  it('a rewritten timer or settings copy is put back, and stopping logs nothing from it', async () => {
    const { seed, world } = h.sandbox;
    const timerKey = h.userKey('timer');
    const settingsKey = h.userKey('settings');
    const before = await h.storage([timerKey, settingsKey]);
    const target = seed.ordinaryTasks[2]!.gid;
    await inWorld(`chrome.storage.local.set({ '${timerKey}': { taskGid: '${target}', taskName: 'forged', workspaceGid: null, projectGid: null, startedAt: Date.now() - 5 * 3600000 }, '${settingsKey}': { workspaceGid: null, defaultCategoryGid: '${seed.categories.travel.gid}', defaultBillable: 'billable' } })`);
    await expect.poll(() => h.storage([timerKey, settingsKey])).toEqual(before);
    const entries = world.entriesOfTask(target).length;
    const stopped = JSON.parse(String(await inWorld(`${send('timer.stop', {})}.then((r) => JSON.stringify(r))`)));
    expect(stopped).toEqual({ ok: true, data: null }); // no timer runs: the forged one was never real
    expect(world.entriesOfTask(target).length).toBe(entries);
  });
});
