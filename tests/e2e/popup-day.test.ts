/**
 * The popup that knows my day (issue 18.5), end to end: today's and this week's totals against
 * what the sandbox stores for the signed-in user (nobody else's time counts), a write still
 * waiting counted at once and once, my last five entries with "Log again" and "Continue", and the
 * recent tasks. The browser runs on a faked clock (Wednesday 2027-06-09, 10:30 in Berlin) and the
 * sandbox's "today" is that day, so the week is the same on every day the test runs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addDays } from '../../lib/dates';
import { compareGids } from '../sandbox/world';
import { Harness, formatMinutes } from './harness';

const DAY = '2027-06-09';
const MONDAY = '2027-06-07';
const SUNDAY = '2027-06-13';

let h: Harness;
beforeAll(async () => {
  h = await Harness.launch({ connect: true, clock: { at: `${DAY} 10:30:00`, zone: 'Europe/Berlin' }, sandbox: { today: DAY } });
});
afterAll(async () => h?.close());

/** What the sandbox stores for the signed-in user in the main workspace: every entry of theirs, newest first. */
function mineInAsana() {
  const { world, seed } = h.sandbox;
  return [...world.entries.values()]
    .filter((e) => e.created_by === seed.users.me.gid && world.tasks.get(e.task)?.workspace === seed.workspaces.main.gid)
    .sort((a, b) => b.entered_on.localeCompare(a.entered_on) || b.created_at.localeCompare(a.created_at) || compareGids(b.gid, a.gid));
}
const totals = () => {
  const mine = mineInAsana();
  const sum = (list: typeof mine) => list.reduce((s, e) => s + e.duration_minutes, 0);
  return { today: sum(mine.filter((e) => e.entered_on === DAY)), week: sum(mine.filter((e) => e.entered_on >= MONDAY && e.entered_on <= SUNDAY)) };
};
const shown = async (popup: Page) => ({ today: await popup.getByTestId('popup-today').textContent(), week: await popup.getByTestId('popup-this-week').textContent() });
const inWords = (t: { today: number; week: number }) => ({ today: `Today: ${formatMinutes(t.today)}`, week: `This week: ${formatMinutes(t.week)}` });

describe('the popup’s day', () => {
  let task: { gid: string; name: string };
  beforeAll(() => {
    const { world, seed } = h.sandbox;
    task = seed.ordinaryTasks[3]!;
    // Another person's time today, on a task of mine: never counted as mine.
    world.addEntry({ task: task.gid, created_by: seed.users.alex.gid, duration_minutes: 240, entered_on: DAY });
    // My newest entry: logged today, with a description and a category.
    const latest = Math.max(Date.parse(`${DAY}T08:00:00.000Z`), ...mineInAsana().map((e) => Date.parse(e.created_at)));
    world.addEntry({ task: task.gid, created_by: seed.users.me.gid, duration_minutes: 35, entered_on: DAY, description: 'Standup notes', categories: [seed.categories.meetings.gid], created_at: new Date(latest + 1_000).toISOString() });
    // And last Sunday: last week's, not this week's.
    world.addEntry({ task: seed.ordinaryTasks[2]!.gid, created_by: seed.users.me.gid, duration_minutes: 50, entered_on: addDays(MONDAY, -1) });
  });

  it('shows my totals for today and this week as Asana has them, and my last five entries', async () => {
    const popup = await h.openPopup();
    const expected = totals();
    expect(expected.today).toBeGreaterThanOrEqual(35);
    await expect.poll(() => shown(popup)).toEqual(inWords(expected));
    const last = mineInAsana().slice(0, 5);
    const rows = popup.getByTestId('popup-last-entry');
    await expect.poll(() => rows.count()).toBe(5);
    for (const [i, entry] of last.entries()) expect(await rows.nth(i).textContent()).toContain(h.sandbox.world.tasks.get(entry.task)!.name);
    expect(await rows.first().textContent()).toContain(`35 min, Today: ${task.name}`);
    expect(await rows.first().textContent()).toContain('Standup notes');
    await popup.close();
  });

  it('logs an entry again today through the outbox: counted at once while it waits, and once when Asana has it', async () => {
    const { world, seed } = h.sandbox;
    const before = totals();
    const popup = await h.openPopup();
    await expect.poll(() => shown(popup)).toEqual(inWords(before));
    // Asana is down: the write waits in the outbox, and already counts.
    h.sandbox.faults.inject({ kind: '503', count: Infinity, method: 'POST', path: '/time_tracking_entries' });
    const count = world.entriesOfTask(task.gid).length;
    try {
      await popup.getByRole('button', { name: `Log again today: 35 min, Today: ${task.name}` }).click();
      await expect.poll(() => shown(popup)).toEqual(inWords({ today: before.today + 35, week: before.week + 35 }));
    } finally {
      h.sandbox.faults.clear();
    }
    expect((await h.message('outbox.retry', {})).ok).toBe(true);
    await expect.poll(() => world.entriesOfTask(task.gid).length, { timeout: 30_000 }).toBe(count + 1);
    const logged = world.entriesOfTask(task.gid).reduce((a, b) => (compareGids(a.gid, b.gid) >= 0 ? a : b));
    expect(logged).toMatchObject({ duration_minutes: 35, entered_on: DAY, description: 'Standup notes', categories: [seed.categories.meetings.gid], created_by: seed.users.me.gid });
    // Asana has it now, and it is counted once.
    expect(totals()).toEqual({ today: before.today + 35, week: before.week + 35 });
    await expect.poll(() => h.storage('outbox').then((r) => r.outbox?.ops.length)).toBe(0);
    expect(await shown(popup)).toEqual(inWords(totals()));
    // Opened again, it draws the same figures from what it keeps.
    await popup.close();
    const again = await h.openPopup();
    await expect.poll(() => shown(again)).toEqual(inWords(totals()));
    await again.close();
  });

  it('continues an entry: the timer on its task with its description and category, logged with them', async () => {
    const { world, seed } = h.sandbox;
    const popup = await h.openPopup();
    const row = popup.getByRole('button', { name: `Continue with the timer: 35 min, Today: ${task.name}` }).first();
    await row.click();
    const running = popup.getByRole('region', { name: 'Running timer' });
    await expect.poll(() => running.count()).toBe(1);
    expect(await running.textContent()).toContain(task.name);
    const key = `u:${seed.users.me.gid}:timer`;
    expect((await h.storage(key))[key]).toMatchObject({ taskGid: task.gid, description: 'Standup notes', categoryGid: seed.categories.meetings.gid });
    const count = world.entriesOfTask(task.gid).length;
    await running.getByRole('button', { name: 'Stop and log' }).click();
    await expect.poll(() => world.entriesOfTask(task.gid).length).toBe(count + 1);
    const logged = world.entriesOfTask(task.gid).reduce((a, b) => (compareGids(a.gid, b.gid) >= 0 ? a : b));
    expect(logged).toMatchObject({ entered_on: DAY, description: 'Standup notes', categories: [seed.categories.meetings.gid], created_by: seed.users.me.gid });
    await popup.close();
  });

  it('lists the recent tasks, and picks one to log to', async () => {
    // Over another task's page (without one, the task picker lists the recent tasks itself).
    const asana = await h.openAsana(h.taskUrl(h.sandbox.seed.ordinaryTasks[9]!.gid));
    const popup = await h.openPopupOver(asana);
    await expect.poll(() => popup.locator('.tl-task').textContent()).toBe(h.sandbox.seed.ordinaryTasks[9]!.name);
    const recent = popup.getByRole('list', { name: 'Recent tasks' });
    await expect.poll(() => recent.getByRole('button').count()).toBeGreaterThan(0);
    expect(await recent.getByRole('button').count()).toBeLessThanOrEqual(10);
    await recent.getByRole('button', { name: task.name }).click();
    await expect.poll(() => popup.locator('.tl-task').textContent()).toBe(task.name);
    await popup.close();
    await asana.close();
  });
});
