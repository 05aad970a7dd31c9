/**
 * Never losing a logged minute, end to end: the timer across a service-worker stop and a browser
 * restart, writes that wait in the outbox through both (with the count on screen), a create whose
 * outcome is unknown (never posted twice), a worker stopped in the middle of a request, and a
 * permanent refusal shown with Asana's reason, fixed or discarded from the popup.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { inContentScript } from './content-world';
import { Harness, formatMinutes, widget, newestEntry } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await Harness.launch({ connect: true });
});
afterAll(async () => h?.close());
afterEach(async () => {
  h.sandbox.faults.clear();
  for (const p of h.context.pages().slice(1)) await p.close();
});

const sum = (entries: Array<{ duration_minutes: number }>) => entries.reduce((s, e) => s + e.duration_minutes, 0);
const localDate = (ms: number) => {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};
/** "25:07" or "1:02:03" → seconds. */
const clockSeconds = (text: string | null) => {
  const parts = (text ?? '').trim().split(':').map(Number);
  return parts.reduce((s, p) => s * 60 + p, 0);
};
const newTask = (name: string) => h.sandbox.world.addTask({ name, projects: [h.sandbox.seed.projects.website.gid] });
const waitingText = (page: Page) => widget(page).getByText(/changes? waiting to sync/).textContent();

describe('timer', () => {
  it('is exact to the second across a worker stop and a browser restart, and logs the wall-clock time rounded', async () => {
    const { world, seed } = h.sandbox;
    const task = newTask('Timer across restarts');
    let page = await h.openAsana(h.taskUrl(task.gid));
    await expect.poll(() => widget(page).getByTestId('total').textContent()).toBe('0 min');
    const clickedAfter = Date.now();
    await widget(page).getByRole('button', { name: /Start timer/ }).click();
    await expect.poll(() => widget(page).getByRole('timer').count()).toBe(1);
    const clickedBefore = Date.now();
    const timer = (await h.storage(h.userKey('timer')))[h.userKey('timer')];
    expect(timer.taskGid).toBe(task.gid);
    expect(timer.startedAt).toBeGreaterThanOrEqual(clickedAfter - 5);
    expect(timer.startedAt).toBeLessThanOrEqual(clickedBefore + 5);
    // As if it had been started 25 minutes earlier: the real seconds that pass during the restarts
    // (well under 30 s) then decide nothing about the rounding, yet are measured to the second.
    const BACKDATE_MS = 25 * 60_000;
    const startedAt = timer.startedAt - BACKDATE_MS;
    await h.setTimerStart(startedAt);

    await h.stopServiceWorker();
    await h.restartBrowser();

    page = await h.openAsana(h.taskUrl(task.gid));
    const clock = widget(page).getByRole('timer');
    await expect.poll(() => clock.count()).toBe(1);
    // The running clock shows the right elapsed seconds (it ticks once a second: ±1 s).
    let last = '';
    for (let i = 0; i < 3; i++) {
      await expect.poll(() => clock.textContent()).not.toBe(last); // a fresh tick
      const before = Date.now();
      last = (await clock.textContent()) ?? '';
      const after = Date.now();
      expect(clockSeconds(last)).toBeGreaterThanOrEqual(Math.floor((before - startedAt) / 1000) - 1);
      expect(clockSeconds(last)).toBeLessThanOrEqual(Math.floor((after - startedAt) / 1000) + 1);
    }

    const entriesBefore = world.entriesOfTask(task.gid).length;
    const stopFrom = Date.now();
    await widget(page).getByRole('button', { name: /Stop timer/ }).click();
    // A run that crossed midnight (the sweep's Monday 00:10, New Year) first asks what to log: all of it, by day.
    const crossed = localDate(startedAt) !== localDate(stopFrom);
    if (crossed) await widget(page).getByRole('button', { name: /^Log all of it/ }).click();
    await expect.poll(() => world.entriesOfTask(task.gid).length).toBe(entriesBefore + (crossed ? 2 : 1));
    const stopTo = Date.now();
    const lowest = Math.round((stopFrom - startedAt) / 60_000);
    const highest = Math.round((stopTo - startedAt) / 60_000);
    if (!crossed) {
      expect(lowest).toBe(highest); // the wall clock decides the minutes unambiguously
      expect(newestEntry(world, task.gid)).toMatchObject({ duration_minutes: lowest, entered_on: localDate(startedAt), created_by: seed.users.me.gid });
    } else {
      const parts = world.entriesOfTask(task.gid).slice(-2);
      expect(parts.map((e) => e.entered_on).sort()).toEqual([localDate(startedAt), localDate(stopFrom)].sort());
      const minutes = parts.reduce((sum, e) => sum + e.duration_minutes, 0);
      expect(minutes).toBeGreaterThanOrEqual(lowest - 1); // each day's part rounded on its own
      expect(minutes).toBeLessThanOrEqual(highest + 1);
    }
    console.log(`timer: ${((stopFrom - startedAt) / 1000).toFixed(1)} s on the wall clock across a worker stop and a browser restart → ${lowest} min logged`);
    await expect.poll(() => widget(page).getByRole('timer').count()).toBe(0);
    expect((await h.storage(h.userKey('timer')))[h.userKey('timer')] ?? null).toBeNull();
  });
});

describe('outbox', () => {
  it('keeps writes through a worker stop and a browser restart, shows the count, and syncs each exactly once', async () => {
    const { world, seed, faults } = h.sandbox;
    const task = newTask('Waiting through restarts');
    const other = newTask('Logged from the popup');
    // The first create reaches Asana but its answer is lost; every later write fails with a 503, and
    // so does the look-up that would find the lost one (GET /time_tracking_entries?task=…).
    faults.failNext(1, 'drop-after', { method: 'POST', path: '/time_tracking_entries' });
    faults.inject({ kind: '503', method: 'POST', path: '/time_tracking_entries', count: Infinity });
    faults.inject({ kind: '503', method: 'GET', path: /^\/api\/1\.0\/time_tracking_entries$/, count: Infinity });

    let page = await h.openAsana(h.taskUrl(task.gid));
    const w = widget(page);
    await expect.poll(() => w.getByTestId('total').textContent()).toBe('0 min');
    for (const [duration, description] of [['25m', 'first (answer lost)'], ['40m', 'second'], ['1h 5m', 'third']] as const) {
      await w.getByLabel('Duration').fill(duration);
      await w.getByLabel('Description').fill(description);
      await w.getByRole('button', { name: 'Log time' }).click();
      await expect.poll(() => w.getByRole('status').filter({ hasText: /waiting to sync/ }).count()).toBeGreaterThan(0);
    }
    await expect.poll(() => waitingText(page)).toMatch(/^3 changes waiting to sync/);
    expect(await w.getByTestId('total').textContent()).toBe(formatMinutes(25 + 40 + 65)); // shown, though not yet in Asana
    expect(world.entriesOfTask(task.gid)).toHaveLength(1); // the one whose answer was lost

    const asana = await h.openAsana(h.taskUrl(other.gid));
    const popup = await h.openPopupOver(asana);
    await expect.poll(() => popup.locator('.tl-task').textContent()).toBe(other.name);
    await popup.getByLabel('Duration').fill('15m');
    await popup.getByLabel('Duration').press('Enter');
    await expect.poll(() => popup.getByRole('status').first().textContent()).toMatch(/waiting to sync/);
    await expect.poll(() => popup.getByText(/changes? waiting to sync/).textContent()).toMatch(/^4 changes waiting to sync/);

    await h.stopServiceWorker();
    await h.restartBrowser();

    // Still waiting after the restart (Asana still failing), with the count in the widget and the popup.
    page = await h.openAsana(h.taskUrl(task.gid));
    await expect.poll(() => waitingText(page)).toMatch(/^3 changes waiting to sync/);
    const popupAgain = await h.openPopupOver(page);
    await expect.poll(() => popupAgain.getByText(/changes? waiting to sync/).textContent()).toMatch(/^4 changes waiting to sync/);
    await popupAgain.close();

    // Asana recovers: the retries (alarms) deliver everything, each exactly once, with no help from the user.
    faults.clear();
    await expect.poll(() => world.entriesOfTask(task.gid).length + world.entriesOfTask(other.gid).length, { timeout: 60_000 }).toBe(4);
    await expect.poll(() => widget(page).getByText(/waiting to sync/).count(), { timeout: 20_000 }).toBe(0);
    const stored = world.entriesOfTask(task.gid).map((e) => [e.duration_minutes, e.description]).sort();
    expect(stored).toEqual([[25, 'first (answer lost)'], [40, 'second'], [65, 'third']].sort());
    expect(world.entriesOfTask(other.gid).map((e) => e.duration_minutes)).toEqual([15]);
    expect(world.entriesOfTask(task.gid).every((e) => e.created_by === seed.users.me.gid)).toBe(true);
    await expect.poll(() => widget(page).getByTestId('total').textContent()).toBe(formatMinutes(sum(world.entriesOfTask(task.gid))));
    // The popup's entry may still be settling (its answer read, its op removed) when the widget is clear.
    await expect.poll(async () => (await h.storage('outbox')).outbox.ops, { timeout: 20_000 }).toEqual([]);
  });

  it('shows a new entry once, and counts it once, when the task is read again before the lost answer is looked into', async () => {
    const { world, faults } = h.sandbox;
    const task = newTask('Read again while the answer is lost');
    // The create lands but its answer is lost, and the look-up that would find it fails: the entry
    // is in Asana while the outbox still holds it as waiting.
    faults.failNext(1, 'drop-after', { method: 'POST', path: '/time_tracking_entries' });
    faults.inject({ kind: '503', method: 'GET', path: /^\/api\/1\.0\/time_tracking_entries$/, count: Infinity });
    let page = await h.openAsana(h.taskUrl(task.gid));
    const rows = () => widget(page).locator('li[data-entry-gid]');
    await expect.poll(() => widget(page).getByTestId('total').textContent()).toBe('0 min');
    await widget(page).getByLabel('Duration').fill('25m');
    await widget(page).getByLabel('Description').fill('answer lost');
    await widget(page).getByRole('button', { name: 'Log time' }).click();
    await expect.poll(() => world.entriesOfTask(task.gid).length).toBe(1);
    await expect.poll(() => waitingText(page)).toMatch(/^1 change waiting to sync/);

    // The task is read afresh (Asana's total, 25 min, is not the cached 0): its list now holds the entry.
    const key = h.userKey(`task:${task.gid}`);
    const before = (await h.storage(key))[key].fetchedAt as number;
    await page.close();
    page = await h.openAsana(h.taskUrl(task.gid));
    await expect.poll(async () => (await h.storage(key))[key].fetchedAt as number).toBeGreaterThan(before);
    await expect.poll(() => waitingText(page)).toMatch(/^1 change waiting to sync/);
    expect(await rows().count()).toBe(1);
    expect(await widget(page).getByTestId('total').textContent()).toBe('25 min');

    // Asana answers again: the look-up finds the entry, which stays one row, counted once.
    faults.clear();
    await expect.poll(async () => (await h.storage('outbox')).outbox.ops, { timeout: 60_000 }).toEqual([]);
    await expect.poll(() => widget(page).getByText(/waiting to sync/).count()).toBe(0);
    expect(world.entriesOfTask(task.gid).map((e) => [e.duration_minutes, e.description])).toEqual([[25, 'answer lost']]);
    await expect.poll(() => rows().count()).toBe(1);
    expect(await widget(page).getByTestId('total').textContent()).toBe('25 min');
  });

  it('finishes a create cut off by a worker stop in mid-request, once, without any user action', async () => {
    const { world, faults } = h.sandbox;
    const task = newTask('Cut off mid-request');
    const page = await h.openAsana(h.taskUrl(task.gid));
    const w = widget(page);
    await expect.poll(() => w.getByTestId('total').textContent()).toBe('0 min');
    faults.latency(1_500, { method: 'POST' });
    const mark = h.sandbox.stats.mark();
    await w.getByLabel('Duration').fill('35m');
    await w.getByRole('button', { name: 'Log time' }).click();
    // Stop the worker while its POST is on the wire.
    await expect.poll(() => h.sandbox.stats.inFlight.write).toBe(1);
    await h.stopServiceWorker();
    faults.latency(0);
    // (Read through the content script: a message to the worker would wake it, and nobody may.)
    const left = (await inContentScript(h, page, 'chrome.storage.local.get("outbox").then((r) => r.outbox.ops.map((o) => o.state))')) as string[];
    expect(left).toEqual(['sending']);
    // Nobody touches anything: the extension itself must come back and settle it.
    await expect.poll(() => world.entriesOfTask(task.gid).length, { timeout: 60_000 }).toBe(1);
    await expect.poll(() => w.getByText(/waiting to sync/).count(), { timeout: 60_000 }).toBe(0);
    expect(world.entriesOfTask(task.gid).map((e) => e.duration_minutes)).toEqual([35]);
    const posts = h.sandbox.stats.requests.filter((r) => r.seq >= mark && r.method === 'POST');
    console.log(`cut off: ${posts.map((r) => `${r.method} ${r.path} ${r.status}`).join(', ')}`);
    expect(posts.every((r) => r.path === `/api/1.0/tasks/${task.gid}/time_tracking_entries`)).toBe(true);
  });
});

describe('refusals', () => {
  it('shows a refused entry with Asana’s reason across a restart, and fixes or discards it from the popup', async () => {
    const { world, seed } = h.sandbox;
    const task = newTask('Refused then fixed');
    const asana = await h.openAsana(h.taskUrl(task.gid));
    const popup = await h.openPopupOver(asana);
    await expect.poll(() => popup.locator('.tl-task').textContent()).toBe(task.name);
    const archived = seed.categories.training;
    await expect.poll(() => popup.getByLabel('Category').locator('option', { hasText: archived.name }).count()).toBe(1);
    world.categories.get(archived.gid)!.is_archived = true;
    for (const duration of ['20m', '30m']) {
      await popup.getByLabel('Duration').fill(duration);
      await popup.getByLabel('Category').selectOption({ label: archived.name });
      await popup.getByLabel('Duration').press('Enter');
    }
    const refused = popup.getByRole('alert').filter({ hasText: 'Not saved' });
    await expect.poll(() => refused.count()).toBe(2);
    expect(await refused.first().textContent()).toMatch(/archived/i); // Asana's own reason
    expect(world.entriesOfTask(task.gid)).toHaveLength(0);

    await h.stopServiceWorker();
    await h.restartBrowser();

    const home = await h.openAsana(`/0/home/${seed.workspaces.main.gid}`);
    const again = await h.openPopupOver(home);
    const notes = again.getByRole('alert').filter({ hasText: 'Not saved' });
    await expect.poll(() => notes.count()).toBe(2);
    expect(await notes.first().textContent()).toMatch(/New entry of 20 min.*archived/is);
    // Fix the first: another category, then "Try again".
    await notes.first().getByRole('button', { name: 'Fix' }).click();
    const fixing = again.getByRole('alert').filter({ has: again.getByRole('button', { name: 'Try again' }) });
    await fixing.getByLabel('Category').selectOption({ label: seed.categories.design.name });
    await fixing.getByRole('button', { name: 'Try again' }).click();
    await expect.poll(() => world.entriesOfTask(task.gid).map((e) => [e.duration_minutes, e.categories])).toEqual([[20, [seed.categories.design.gid]]]);
    // Discard the second: nothing reaches Asana, and the notice goes.
    await expect.poll(() => notes.count()).toBe(1);
    await notes.first().getByRole('button', { name: 'Discard' }).click();
    await expect.poll(() => again.getByRole('alert').filter({ hasText: 'Not saved' }).count()).toBe(0);
    expect(world.entriesOfTask(task.gid)).toHaveLength(1);
    expect((await h.storage('outbox')).outbox.ops).toEqual([]);
    world.categories.get(archived.gid)!.is_archived = false;
  });
});
