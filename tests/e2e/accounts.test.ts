/**
 * Several Asana accounts on one browser (issue 12): one person's waiting writes, caches and
 * timer are never shown to, counted for, or sent as another; signing out asks what to do with
 * writes still waiting and leaves no figures behind; a sign-in Asana refuses is one clear state
 * everywhere, and reconnecting sends what waited at once.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { Harness, formatMinutes, widget } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await Harness.launch();
});
afterAll(async () => h?.close());
afterEach(async () => {
  h.sandbox.faults.clear();
  await h.message('session.signOut', { pending: 'discard' });
  for (const p of h.context.pages().slice(1)) await p.close();
});

const users = () => h.sandbox.seed.users;
const sum = (entries: Array<{ duration_minutes: number }>) => entries.reduce((s, e) => s + e.duration_minutes, 0);
const stored = (taskGid: string, by: string) => h.sandbox.world.entriesOfTask(taskGid).filter((e) => e.created_by === by);

async function connectAs(token: string): Promise<void> {
  await h.connectWithToken(token);
}

/** Logs `minutes` in the widget and waits for it to be queued (Asana is made to fail meanwhile). */
async function logInWidget(page: Page, minutes: number): Promise<void> {
  const w = widget(page);
  await w.getByLabel('Duration').fill(`${minutes}m`);
  await w.getByLabel('Duration').press('Enter');
  await expect.poll(() => w.getByRole('status').filter({ hasText: 'waiting to sync' }).count()).toBeGreaterThan(0);
}

/** Makes every entry write fail with a 503 until cleared (the outbox keeps them waiting). */
const writesFail = () => h.sandbox.faults.inject({ kind: '503', count: Infinity, method: 'POST', path: '/time_tracking_entries' });

describe('one account’s waiting writes are never another’s', () => {
  it('A’s unsynced entries wait for A: B never sees, counts or changes them; A reconnecting sends them within 2 s', async () => {
    const { me, alex } = users();
    const task = h.sandbox.seed.ordinaryTasks[8]!;
    await connectAs(me.token);
    const page = await h.openAsana(h.taskUrl(task.gid));
    const w = widget(page);
    await expect.poll(() => w.getByTestId('total').textContent()).toBe(formatMinutes(sum(h.sandbox.world.entriesOfTask(task.gid))));
    writesFail();
    await logInWidget(page, 25);
    await logInWidget(page, 40);
    await expect.poll(() => w.getByText('2 changes waiting to sync', { exact: false }).count()).toBe(1);
    const mineBefore = sum(stored(task.gid, me.gid));
    expect(await w.getByTestId('mine').textContent()).toBe(formatMinutes(mineBefore + 65));

    // A signs out, keeping them; B signs in on the same browser.
    const options = await h.openOptions('#account');
    await options.getByRole('button', { name: 'Sign out' }).click();
    const ask = options.getByRole('alertdialog', { name: 'Sign out with changes waiting?' });
    await ask.waitFor();
    expect(await ask.getByTestId('leave-changes').locator('li').allTextContents()).toEqual([
      expect.stringContaining('New entry of 25 min'),
      expect.stringContaining('New entry of 40 min'),
    ]);
    await ask.getByRole('button', { name: 'Keep them and sign out' }).click();
    await expect.poll(() => options.getByRole('status').textContent()).toMatch(/The 2 waiting changes are kept for this account/);
    h.sandbox.faults.clear();
    await connectAs(alex.token);

    // B's widget: Asana's figures only, no waiting rows, nothing counted, nothing to edit.
    await page.reload();
    await expect.poll(() => w.getByTestId('total').textContent()).toBe(formatMinutes(sum(h.sandbox.world.entriesOfTask(task.gid))));
    expect(await w.getByTestId('mine').textContent()).toBe(formatMinutes(sum(stored(task.gid, alex.gid))));
    expect(await w.locator('li.tl-pending').count()).toBe(0);
    expect(await w.getByText('waiting to sync').count()).toBe(0);
    // B's popup neither.
    const popup = await h.openPopupOver(page);
    await expect.poll(() => popup.locator('.tl-task').textContent()).toBe(task.name);
    expect(await popup.getByText('waiting to sync').count()).toBe(0);
    await popup.close();
    // The options page tells B whose writes wait, and that they are not B's.
    await options.reload();
    await expect.poll(() => options.getByTestId('others-waiting').textContent()).toMatch(new RegExp(`^2 changes by ${me.name} are waiting for that account`));
    // Nothing of A's was sent as B.
    expect(stored(task.gid, alex.gid).some((e) => e.duration_minutes === 25 || e.duration_minutes === 40)).toBe(false);
    expect(stored(task.gid, me.gid).length).toBe(h.sandbox.world.entriesOfTask(task.gid).filter((e) => e.created_by === me.gid).length);

    // A comes back: the two entries reach Asana as A's, within 2 s of connecting.
    await h.message('session.signOut', { pending: 'keep' });
    const connected = Date.now();
    await connectAs(me.token);
    await expect.poll(() => stored(task.gid, me.gid).filter((e) => e.duration_minutes === 25 || e.duration_minutes === 40).length, { timeout: 2_000, interval: 50 }).toBe(2);
    expect(Date.now() - connected).toBeLessThan(2_500);
    await page.reload();
    await expect.poll(() => w.getByTestId('mine').textContent()).toBe(formatMinutes(mineBefore + 65));
    expect(await w.getByText('waiting to sync').count()).toBe(0);
  });

  it('signing out with writes waiting can discard them: nothing is sent, and nothing waits any more', async () => {
    const { me } = users();
    const task = h.sandbox.seed.ordinaryTasks[9]!;
    await connectAs(me.token);
    const page = await h.openAsana(h.taskUrl(task.gid));
    await expect.poll(() => widget(page).getByTestId('total').textContent()).not.toBe('…');
    writesFail();
    await logInWidget(page, 17);
    const options = await h.openOptions('#account');
    await options.getByRole('button', { name: 'Sign out' }).click();
    await options.getByRole('alertdialog').getByRole('button', { name: 'Discard them and sign out' }).click();
    await expect.poll(() => options.getByRole('status').textContent()).toMatch(/discarded/);
    h.sandbox.faults.clear();
    await connectAs(me.token);
    // Give the outbox the chance it would have taken: it has nothing of A's to send.
    await expect.poll(async () => ((await h.storage('outbox')).outbox?.ops ?? []).length).toBe(0);
    expect(stored(task.gid, me.gid).some((e) => e.duration_minutes === 17)).toBe(false);
  });
});

describe('signing out leaves no figures behind', () => {
  it('removes the user’s caches; another user, whom Asana refuses, sees none of them', async () => {
    const { me, alex } = users();
    const world = h.sandbox.world;
    // A's private workspace, which B is not a member of.
    const secret = world.addWorkspace({ name: 'Secret client', members: [me.gid] });
    const project = world.addProject({ name: 'Secret client', workspace: secret.gid });
    const task = world.addTask({ name: 'Globex negotiation', workspace: secret.gid, projects: [project.gid] });
    const description = 'Negotiated the Globex rate card';
    world.addEntries(task.gid, 1, me.gid, { entered_on: world.today(), description, duration_minutes: 90 });
    await connectAs(me.token);
    const url = `https://app.asana.com/0/${project.gid}/${task.gid}`;
    const page = await h.openAsana(url);
    await expect.poll(() => widget(page).getByText(description).count()).toBe(1);
    expect(Object.keys(await h.storage()).some((k) => k.startsWith(`u:${me.gid}:task:`))).toBe(true);

    await h.message('session.signOut', { pending: 'keep' });
    const keys = Object.keys(await h.storage());
    expect(keys.filter((k) => k.startsWith(`u:${me.gid}:task:`) || k.startsWith(`u:${me.gid}:categories:`) || k === `u:${me.gid}:recentTasks`)).toEqual([]);

    // B opens the same task: Asana refuses, and B's widget says so with none of A's figures.
    await connectAs(alex.token);
    await page.reload();
    const w = widget(page);
    await expect.poll(() => w.getByRole('alert').textContent()).toMatch(/Could not load the time entries\. Asana refused access/);
    expect(await w.getByText(description).count()).toBe(0);
    expect(await w.getByTestId('total').textContent()).toBe('…');
    expect(await w.textContent()).not.toContain('Showing saved figures');
  });
});

describe('a sign-in Asana no longer accepts', () => {
  it('shows one clear state in the widget, the popup and the options page; reconnecting sends what waited within 2 s', async () => {
    const { me } = users();
    const world = h.sandbox.world;
    // A token of A's own that Asana will revoke.
    const token = `2/${me.gid}/revocable:${Date.now()}`;
    world.tokens.set(token, { token, user: me.gid, kind: 'pat', expiresAt: null, refreshToken: null, revoked: false });
    await connectAs(token);
    const task = h.sandbox.seed.ordinaryTasks[10]!;
    const opened = h.sandbox.stats.mark();
    const page = await h.openAsana(h.taskUrl(task.gid));
    const w = widget(page);
    await expect.poll(() => w.getByTestId('total').textContent()).not.toBe('…');
    await w.getByLabel('Duration').fill('12m');
    await expect.poll(() => w.getByLabel('Category').locator('option').count()).toBeGreaterThan(1); // what typing asked for has come
    // And what focusing the form asked for (the task's details, then its project's budget): a read
    // that met the revocation first would sign the widget out before the write could be made.
    const served = (path: RegExp) => h.sandbox.stats.requests.filter((r) => r.seq >= opened && r.status === 200 && path.test(r.path)).length;
    await expect.poll(() => served(new RegExp(`/tasks/${task.gid}$`))).toBeGreaterThan(0);
    await expect.poll(() => served(/\/budgets$/)).toBeGreaterThan(0);
    world.tokens.get(token)!.revoked = true;
    // The write meets the 401: it is kept, and every view asks to reconnect.
    await w.getByLabel('Duration').press('Enter');
    await expect.poll(() => w.getByRole('alert').textContent()).toMatch(/Asana no longer accepts the saved sign-in for Morgan Avery\. Reconnect/);
    expect(await w.getByRole('alert').textContent()).toContain('1 change waits to be sent');
    const popup = await h.openPopupOver(page);
    await expect.poll(() => popup.getByRole('alert').textContent()).toMatch(/Asana no longer accepts the saved sign-in for Morgan Avery/);
    expect(await popup.getByText('Loading task…').count()).toBe(0);
    await popup.close();
    const options = await h.openOptions('#account');
    await expect.poll(() => options.getByTestId('sign-in-refused').textContent()).toMatch(/Asana no longer accepts the saved sign-in for Morgan Avery/);
    expect(await options.getByTestId('connected-as').count()).toBe(0);

    // Reconnecting with a token Asana accepts: the entry reaches Asana within 2 s.
    await options.getByLabel('Personal access token', { exact: true }).fill(me.token);
    const connectedAt = Date.now();
    await options.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect.poll(() => stored(task.gid, me.gid).filter((e) => e.duration_minutes === 12).length, { timeout: 2_000, interval: 50 }).toBe(1);
    expect(Date.now() - connectedAt).toBeLessThan(2_500);
    await expect.poll(() => options.getByTestId('connected-as').textContent()).toContain('Connected as Morgan Avery');
    await expect.poll(() => w.getByRole('alert').count()).toBe(0);
  });
});
