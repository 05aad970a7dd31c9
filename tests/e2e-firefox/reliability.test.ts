/**
 * Nothing logged is lost: the timer across a background stop (Firefox: the event page terminated)
 * and a browser restart (Firefox: the temporary add-on installed again with the same uuid, so its
 * storage and database come back), and writes waiting in the outbox through both, each delivered
 * exactly once when Asana recovers, with no help from the user.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { formatMinutes, launchDriver, type Driver, type Tab } from '../e2e/driver';
import { clockSeconds, localDate, sameDayShift, sum } from './support';

let d: Driver;
beforeAll(async () => {
  d = await launchDriver({ connect: true });
});
afterAll(async () => d?.close());
afterEach(async () => {
  d.sandbox.faults.clear();
  await d.closeTabs();
});

const newTask = (name: string) => d.sandbox.world.addTask({ name, projects: [d.sandbox.seed.projects.website.gid] });
const waitingText = (tab: Tab) => tab.widget().getByText(/changes? waiting to sync/).text();

describe('timer', () => {
  it('is exact to the second across a background stop and a browser restart, and logs the wall-clock time rounded', async () => {
    const { world, seed } = d.sandbox;
    const task = newTask('Timer across restarts');
    let tab = await d.openAsana(d.taskUrl(task.gid));
    await expect.poll(() => tab.widget().getByTestId('total').text()).toBe('0 min');
    const shift = await sameDayShift(25 * 60_000);
    const clickedAfter = Date.now();
    await tab.widget().getByRole('button', { name: /Start timer/ }).click();
    await expect.poll(() => tab.widget().getByRole('timer').count()).toBe(1);
    const timer = (await d.timer())!;
    expect(timer.taskGid).toBe(task.gid);
    expect(timer.startedAt).toBeGreaterThanOrEqual(clickedAfter - 5);
    // As if started 25 minutes earlier (less, early in a day): the seconds the stop and restart take decide nothing about the rounding.
    const startedAt = timer.startedAt - shift;
    await d.moveTimerStart(startedAt);

    await d.stopBackground();
    expect(await d.backgroundRunning()).toBe(false);
    // The running clock needs no background: it is still shown, and still ticking.
    await expect.poll(async () => clockSeconds(await tab.widget().getByRole('timer').text())).toBeGreaterThan(shift / 1000);
    await d.restartBrowser();

    tab = await d.openAsana(d.taskUrl(task.gid));
    const clock = tab.widget().getByRole('timer');
    await expect.poll(() => clock.count()).toBe(1);
    let last = '';
    for (let i = 0; i < 2; i++) {
      await expect.poll(() => clock.text()).not.toBe(last); // a fresh tick
      const before = Date.now();
      last = (await clock.text()) ?? '';
      const after = Date.now();
      expect(clockSeconds(last)).toBeGreaterThanOrEqual(Math.floor((before - startedAt) / 1000) - 1);
      expect(clockSeconds(last)).toBeLessThanOrEqual(Math.floor((after - startedAt) / 1000) + 1);
    }

    const entriesBefore = world.entriesOfTask(task.gid).length;
    const stopFrom = Date.now();
    await tab.widget().getByRole('button', { name: /Stop timer/ }).click();
    await expect.poll(() => world.entriesOfTask(task.gid).length).toBe(entriesBefore + 1);
    const minutes = Math.round((stopFrom - startedAt) / 60_000);
    expect(world.entriesOfTask(task.gid).at(-1)).toMatchObject({ duration_minutes: minutes, entered_on: localDate(0, startedAt), created_by: seed.users.me.gid });
    await expect.poll(() => tab.widget().getByRole('status').first().text()).toMatch(new RegExp(`rounded to ${minutes} min`));
    await expect.poll(() => tab.widget().getByRole('timer').count()).toBe(0);
    expect(await d.timer()).toBeNull();
  }, 600_000); // (sameDayShift may wait a few minutes near midnight)
});

describe('outbox', () => {
  it('keeps writes through a background stop and a browser restart, shows the count, and syncs each exactly once', async () => {
    const { world, faults } = d.sandbox;
    const task = newTask('Waiting through restarts');
    const other = newTask('Logged from the popup');
    // The first create reaches Asana but its answer is lost; every later write fails with a 503, and
    // so does the look-up that would find the lost one.
    faults.failNext(1, 'drop-after', { method: 'POST', path: '/time_tracking_entries' });
    faults.inject({ kind: '503', method: 'POST', path: '/time_tracking_entries', count: Infinity });
    faults.inject({ kind: '503', method: 'GET', path: /^\/api\/1\.0\/time_tracking_entries$/, count: Infinity });

    let tab = await d.openAsana(d.taskUrl(task.gid));
    const w = tab.widget();
    await expect.poll(() => w.getByTestId('total').text()).toBe('0 min');
    for (const [duration, description] of [['25m', 'first (answer lost)'], ['40m', 'second']] as const) {
      await w.getByLabel('Duration').fill(duration);
      await w.getByLabel('Description').fill(description);
      await w.getByRole('button', { name: 'Log time' }).click();
      await expect.poll(() => w.getByRole('status').filter({ hasText: /waiting to sync/ }).count()).toBeGreaterThan(0);
    }
    await expect.poll(() => waitingText(tab)).toMatch(/^2 changes waiting to sync/);
    expect(await w.getByTestId('total').text()).toBe(formatMinutes(25 + 40)); // shown, though not yet in Asana
    expect(world.entriesOfTask(task.gid)).toHaveLength(1); // the one whose answer was lost

    const asana = await d.openAsana(d.taskUrl(other.gid));
    const popup = await d.openPopupOver(asana);
    await expect.poll(() => popup.page().locator('.tl-task').text()).toBe(other.name);
    await popup.page().getByLabel('Duration').fill('15m');
    await popup.page().getByLabel('Duration').press('Enter');
    await expect.poll(() => popup.page().getByText(/changes? waiting to sync/).text()).toMatch(/^3 changes waiting to sync/);

    await d.stopBackground();
    await d.restartBrowser();

    tab = await d.openAsana(d.taskUrl(task.gid));
    await expect.poll(() => waitingText(tab)).toMatch(/^2 changes waiting to sync/);

    // Asana recovers: the retries deliver everything, each exactly once, with no help from the user.
    faults.clear();
    await expect.poll(() => world.entriesOfTask(task.gid).length + world.entriesOfTask(other.gid).length, { timeout: 60_000 }).toBe(3);
    await expect.poll(() => tab.widget().getByText(/waiting to sync/).count(), { timeout: 20_000 }).toBe(0);
    expect(world.entriesOfTask(task.gid).map((e) => [e.duration_minutes, e.description]).sort()).toEqual([[25, 'first (answer lost)'], [40, 'second']]);
    expect(world.entriesOfTask(other.gid).map((e) => e.duration_minutes)).toEqual([15]);
    await expect.poll(() => tab.widget().getByTestId('total').text()).toBe(formatMinutes(sum(world.entriesOfTask(task.gid))));
    expect((await d.storage('outbox')).outbox.ops).toEqual([]);
  });

  it('logs a create once when the connection drops after Asana stored it, whatever the browser does about the drop', async () => {
    const { world, faults, stats } = d.sandbox;
    const task = newTask('Answer lost once');
    const tab = await d.openAsana(d.taskUrl(task.gid));
    const w = tab.widget();
    await expect.poll(() => w.getByTestId('total').text()).toBe('0 min');
    const mark = stats.mark();
    const dropped = faults.injected['drop-after'] ?? 0;
    faults.failNext(1, 'drop-after', { method: 'POST', path: '/time_tracking_entries' });
    await w.getByLabel('Duration').fill('30m');
    await w.getByLabel('Description').fill('sent once');
    await w.getByRole('button', { name: 'Log time' }).click();
    await expect.poll(() => faults.injected['drop-after']).toBe(dropped + 1);
    await expect.poll(() => w.getByText('sent once', { exact: true }).count()).toBe(1);
    await expect.poll(async () => ((await d.storage('outbox')).outbox?.ops ?? []).length, { timeout: 30_000 }).toBe(0);
    const requests = stats.requests.filter((r) => r.seq >= mark && r.area === 'api').map((r) => `${r.method} ${r.path.replace('/api/1.0', '')} ${r.status}${r.fault ? ` ${r.fault}` : ''}`);
    expect(world.entriesOfTask(task.gid).map((e) => [e.duration_minutes, e.description]), `requests: ${requests.join(', ')}`).toEqual([[30, 'sent once']]);
    await expect.poll(() => w.getByTestId('total').text()).toBe('30 min');
    expect(await w.locator('li[data-entry-gid]').count()).toBe(1);
  });

  it('creates a category once when the connection drops after Asana stored it', async () => {
    const { world, faults, stats } = d.sandbox;
    const page = await d.openOptions('#categories');
    await page.page().getByTestId('active-categories').waitFor({ timeout: 15_000 });
    const mark = stats.mark();
    const dropped = faults.injected['drop-after'] ?? 0;
    faults.failNext(1, 'drop-after', { method: 'POST', path: '/time_tracking_categories' });
    await page.page().locator('#cat-new-name').fill('Created once');
    await page.page().getByRole('radio', { name: 'Aqua' }).check();
    await page.page().getByRole('button', { name: 'Create category' }).click();
    await expect.poll(() => faults.injected['drop-after']).toBe(dropped + 1);
    // Firefox's own re-send answers at once; Chromium reports the drop and the outbox finds the category on Asana.
    await expect.poll(() => page.page().getByTestId('category-status').text(), { timeout: 20_000 }).toMatch(/^Created “Created once”\.$|waiting to sync/);
    await expect.poll(async () => ((await d.storage('outbox')).outbox?.ops ?? []).length, { timeout: 30_000 }).toBe(0);
    const requests = stats.requests.filter((r) => r.seq >= mark && r.area === 'api').map((r) => `${r.method} ${r.path.replace('/api/1.0', '')} ${r.status}${r.fault ? ` ${r.fault}` : ''}`);
    expect([...world.categories.values()].filter((c) => c.name === 'Created once').map((c) => c.color), `requests: ${requests.join(', ')}`).toEqual(['aqua']);
    await expect.poll(() => page.page().locator('li[data-category-gid]').filter({ hasText: 'Created once' }).count()).toBe(1);
  });

  it('finishes a create cut off by a background stop in mid-request, once, without any user action', async () => {
    const { world, faults, stats } = d.sandbox;
    const task = newTask('Cut off mid-request');
    const tab = await d.openAsana(d.taskUrl(task.gid));
    const w = tab.widget();
    await expect.poll(() => w.getByTestId('total').text()).toBe('0 min');
    faults.latency(1_500, { method: 'POST' });
    const mark = stats.mark();
    await w.getByLabel('Duration').fill('35m');
    await w.getByRole('button', { name: 'Log time' }).click();
    await expect.poll(() => stats.inFlight.write).toBe(1);
    await d.stopBackground();
    faults.latency(0);
    // Read through the content script: a message to the background would wake it, and nobody may.
    expect(await d.inContentScript(tab, `chrome.storage.local.get("outbox").then((r) => r.outbox.ops.filter((o) => o.taskGid === '${task.gid}').map((o) => o.state))`)).toEqual(['sending']);
    await expect.poll(() => world.entriesOfTask(task.gid).length, { timeout: 60_000 }).toBe(1);
    await expect.poll(() => w.getByText(/waiting to sync/).count(), { timeout: 60_000 }).toBe(0);
    expect(world.entriesOfTask(task.gid).map((e) => e.duration_minutes)).toEqual([35]);
    const posts = stats.requests.filter((r) => r.seq >= mark && r.method === 'POST');
    expect(posts.every((r) => r.path === `/api/1.0/tasks/${task.gid}/time_tracking_entries`)).toBe(true);
  });
});
