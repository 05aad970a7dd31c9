/**
 * Calendar edges, end to end: the browser runs on a faked clock (libfaketime, tests/support/clock.ts)
 * that starts at a chosen moment in a chosen zone, so these tests mean the same on every day they
 * run. Midnight (and New Year's) under an open widget, the nights the clocks go forward and back
 * under a running timer, and the week shown around a weekend's end.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { epochOf, type FakeClock } from '../support/clock.ts';
import { Harness, formatMinutes, widget, newestEntry } from './harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function launchAt(clock: FakeClock): Promise<Harness> {
  h = await Harness.launch({ connect: true, clock });
  return h;
}

/** What the page's clock says: local date and hour:minute. */
const pageClock = (page: Page) =>
  page.evaluate(() => {
    const d = new Date();
    const p = (n: number) => String(n).padStart(2, '0');
    // The zone as its UTC offset: ICU may name a zone by its old alias (Asia/Calcutta).
    return { date: `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`, time: `${p(d.getHours())}:${p(d.getMinutes())}`, utcOffsetMinutes: -d.getTimezoneOffset() };
  });

/** Starts the timer from the widget, then moves its start to `startedAt` (ms), as if started then. */
async function timerStartedAt(harness: Harness, page: Page, startedAt: number): Promise<void> {
  await widget(page).getByRole('button', { name: /Start timer/ }).click();
  await expect.poll(() => widget(page).getByRole('timer').count()).toBe(1);
  await harness.setTimerStart(startedAt);
}

describe('the browser on a faked clock', () => {
  it('is on the moment and zone asked for, and its clock runs', async () => {
    const harness = await launchAt({ at: '2028-02-29 12:00:00', zone: 'Asia/Kolkata' });
    const page = await harness.openAsana(harness.taskUrl(harness.sandbox.seed.tasks.empty.gid));
    expect(await pageClock(page)).toEqual({ date: '2028-02-29', time: '12:00', utcOffsetMinutes: 330 });
    const first = await page.evaluate(() => Date.now());
    await expect.poll(() => page.evaluate(() => Date.now())).toBeGreaterThan(first + 1000);
  });
});

describe('midnight under an open widget', () => {
  it('logs to the day it is when saved, and relabels Today as Yesterday at midnight (New Year)', async () => {
    const harness = await launchAt({ at: '2027-12-31 23:59:52', zone: 'Europe/Berlin' });
    const { seed, world } = harness.sandbox;
    const task = seed.tasks.empty;
    const page = await harness.openAsana(harness.taskUrl(task.gid));
    const w = widget(page);
    await expect.poll(() => w.getByText('No time logged on this task yet.').count()).toBe(1);
    // Before midnight: 15 minutes, on 31 December, under "Today".
    await w.getByLabel('Duration').fill('15m');
    await w.getByLabel('Duration').press('Enter');
    await expect.poll(() => world.entriesOfTask(task.gid).length).toBe(1);
    expect(world.entriesOfTask(task.gid)[0]).toMatchObject({ duration_minutes: 15, entered_on: '2027-12-31' });
    const day = (label: string) => w.locator('section.tl-day').filter({ has: page.locator(`h3 >> text=${label}`) });
    await expect.poll(() => day('Today').count()).toBe(1);
    // The form was drawn in 2027; midnight passes with it open.
    await expect.poll(() => pageClock(page).then((c) => c.date), { timeout: 20_000 }).toBe('2028-01-01');
    // The list now calls that day "Yesterday", without a reload or a keystroke.
    await expect.poll(() => day('Yesterday').count()).toBe(1);
    expect(await day('Today').count()).toBe(0);
    // A new entry goes to 1 January: the form's "today" is the day it is saved on.
    await w.getByLabel('Duration').fill('20m');
    expect(await w.getByRole('button', { name: 'Today', exact: true }).getAttribute('aria-pressed')).toBe('true');
    await w.getByLabel('Duration').press('Enter');
    await expect.poll(() => world.entriesOfTask(task.gid).length).toBe(2);
    expect(world.entriesOfTask(task.gid).map((e) => [e.duration_minutes, e.entered_on])).toEqual([
      [15, '2027-12-31'],
      [20, '2028-01-01'],
    ]);
    await expect.poll(() => day('Today').textContent()).toContain(formatMinutes(20));
    // "Yesterday" on 1 January is 31 December.
    await w.getByLabel('Duration').fill('5m');
    await w.getByRole('button', { name: 'Yesterday', exact: true }).click();
    await w.getByLabel('Duration').press('Enter');
    await expect.poll(() => world.entriesOfTask(task.gid).length).toBe(3);
    expect(world.entriesOfTask(task.gid).filter((e) => e.entered_on === '2027-12-31').map((e) => e.duration_minutes).sort()).toEqual([15, 5].sort());
  });
});

describe('a timer over the nights the clocks change', () => {
  it('logs 60 minutes for 01:30 → 03:30 on the night the clocks go forward (New York)', async () => {
    const zone = 'America/New_York';
    const harness = await launchAt({ at: '2027-03-14 03:30:00', zone });
    const { seed, world } = harness.sandbox;
    const task = seed.ordinaryTasks[5]!;
    const page = await harness.openAsana(harness.taskUrl(task.gid));
    await timerStartedAt(harness, page, epochOf('2027-03-14 01:30:00', zone) * 1000);
    // The clock shows the time that really passed: one hour, not the two the wall clock suggests.
    await expect.poll(() => widget(page).getByRole('timer').textContent()).toMatch(/^1:00:\d\d$/);
    const before = world.entriesOfTask(task.gid).length;
    await widget(page).getByRole('button', { name: /Stop timer/ }).click();
    await expect.poll(() => world.entriesOfTask(task.gid).length).toBe(before + 1);
    expect(newestEntry(world, task.gid)).toMatchObject({ duration_minutes: 60, entered_on: '2027-03-14', created_by: seed.users.me.gid });
  });

  it('logs 120 minutes for 01:30 summer time → 02:30 winter time on the night the clocks go back (Berlin)', async () => {
    const zone = 'Europe/Berlin';
    const harness = await launchAt({ at: '2027-10-31 02:30:00 CET', zone });
    const { seed, world } = harness.sandbox;
    const task = seed.ordinaryTasks[7]!;
    const page = await harness.openAsana(harness.taskUrl(task.gid));
    await timerStartedAt(harness, page, epochOf('2027-10-31 01:30:00 CEST', zone) * 1000);
    await expect.poll(() => widget(page).getByRole('timer').textContent()).toMatch(/^2:00:\d\d$/);
    const before = world.entriesOfTask(task.gid).length;
    await widget(page).getByRole('button', { name: /Stop timer/ }).click();
    await expect.poll(() => world.entriesOfTask(task.gid).length).toBe(before + 1);
    expect(newestEntry(world, task.gid)).toMatchObject({ duration_minutes: 120, entered_on: '2027-10-31' });
  });
});
