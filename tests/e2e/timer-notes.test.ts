/**
 * A timer that carries its notes, and a running timer's start moved (issue 18.3, 18.4), end to
 * end: the built extension in Chromium against the sandbox, the browser on a faked clock (10:30
 * on a Wednesday in Berlin), so "9:05" means the same on every day the test runs. What is checked
 * is what the person sees and what Asana (the sandbox) stores.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { epochOf } from '../support/clock.ts';
import { Harness, choose, newestEntry, widget } from './harness';

const ZONE = 'Europe/Berlin';
const DAY = '2027-06-09';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const at = (time: string) => epochOf(`${DAY} ${time}`, ZONE) * 1000;
/** The signed-in user's timer as the background keeps it (its copy in storage.local). */
const storedTimer = async (harness: Harness) => {
  const key = `u:${harness.sandbox.seed.users.me.gid}:timer`;
  return (await harness.storage(key))[key] as { startedAt: number; description: string; categoryGid: string | null; billable: string | null } | undefined;
};
const pageNow = (page: Page) => page.evaluate(() => Date.now());

describe('a timer with notes, in the widget', () => {
  it('keeps its description, category and billable status across a worker stop and a browser restart, moves its start, and logs all of it', async () => {
    h = await Harness.launch({ connect: true, clock: { at: `${DAY} 10:30:00`, zone: ZONE } });
    const harness = h;
    const { seed, world } = harness.sandbox;
    const task = seed.ordinaryTasks[4]!;
    let page = await harness.openAsana(harness.taskUrl(task.gid));
    let w = widget(page);
    await w.getByRole('button', { name: /Start timer/ }).click();
    await expect.poll(() => w.getByRole('timer').count()).toBe(1);

    await w.getByRole('button', { name: 'Notes and start' }).click();
    // The timer's own fields (the widget's entry form has a description, category and billable status too).
    let notes = w.getByRole('group', { name: 'Notes and start' });
    await notes.getByLabel('Description').fill('Sprint planning with the team');
    await choose(notes.getByLabel('Category'), 'Planning');
    await choose(notes.getByLabel('Billable'), 'Billable');
    await notes.getByRole('button', { name: 'Save notes' }).click();
    await expect.poll(() => w.getByText('Saved: the timer will be logged with these notes.').count()).toBe(1);
    expect(await storedTimer(harness)).toMatchObject({ description: 'Sprint planning with the team', categoryGid: seed.categories.planning.gid, billable: 'billable' });

    // The worker stops (as Chrome stops an idle one) and the page is opened afresh: the notes are still the timer's.
    await harness.stopServiceWorker();
    await page.reload();
    await expect.poll(() => w.getByRole('timer').count()).toBe(1);
    await w.getByRole('button', { name: 'Notes and start' }).click();
    await expect.poll(() => notes.getByLabel('Description').inputValue()).toBe('Sprint planning with the team');
    expect(await notes.getByLabel('Category').evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.label)).toBe('Planning');

    // And across a browser restart (the same profile).
    await harness.restartBrowser();
    page = await harness.openAsana(harness.taskUrl(task.gid));
    w = widget(page);
    notes = w.getByRole('group', { name: 'Notes and start' });
    await expect.poll(() => w.getByRole('timer').count()).toBe(1);
    await w.getByRole('button', { name: 'Notes and start' }).click();
    await expect.poll(() => notes.getByLabel('Description').inputValue()).toBe('Sprint planning with the team');
    expect(await notes.getByLabel('Billable').evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.label)).toBe('Billable');

    // Started at 9:05 really: typed, then 5 minutes earlier with −5 min.
    await w.getByLabel('Started at').fill('9:05');
    await w.getByRole('button', { name: 'Set start' }).click();
    await expect.poll(() => w.getByText('The timer now runs from 9:05 today.').count()).toBe(1);
    await w.getByRole('button', { name: 'Start 5 min earlier' }).click();
    await expect.poll(() => w.getByText('The timer now runs from 9:00 today.').count()).toBe(1);
    expect((await storedTimer(harness))?.startedAt).toBe(at('09:00:00'));
    await expect.poll(() => w.getByRole('timer').textContent()).toMatch(/^1:30:\d\d$/);

    const before = world.entriesOfTask(task.gid).length;
    const from = await pageNow(page);
    await w.getByRole('button', { name: /Stop timer/ }).click();
    await expect.poll(() => world.entriesOfTask(task.gid).length).toBe(before + 1);
    const to = await pageNow(page);
    const entry = newestEntry(world, task.gid);
    // What Asana stores: the minutes since the moved start (rounded, as a stop logs), on the day it began, with the notes.
    expect(entry.duration_minutes).toBeGreaterThanOrEqual(Math.round((from - at('09:00:00')) / 60_000));
    expect(entry.duration_minutes).toBeLessThanOrEqual(Math.round((to - at('09:00:00')) / 60_000));
    expect(entry).toMatchObject({ entered_on: DAY, created_by: seed.users.me.gid, description: 'Sprint planning with the team', categories: [seed.categories.planning.gid], billable_status: 'billable' });
  });

  it('takes a start later than now as yesterday, says so, and then asks on stopping as for any run past midnight', async () => {
    h = await Harness.launch({ connect: true, clock: { at: `${DAY} 10:30:00`, zone: ZONE } });
    const harness = h;
    const { seed } = harness.sandbox;
    const page = await harness.openAsana(harness.taskUrl(seed.ordinaryTasks[6]!.gid));
    const w = widget(page);
    await w.getByRole('button', { name: /Start timer/ }).click();
    await expect.poll(() => w.getByRole('timer').count()).toBe(1);
    await w.getByRole('button', { name: 'Notes and start' }).click();
    // +5 min would start it after now: not offered on a run of under five minutes.
    expect(await w.getByRole('button', { name: 'Start 5 min later' }).isDisabled()).toBe(true);
    await w.getByLabel('Started at').fill('soon');
    await w.getByRole('button', { name: 'Set start' }).click();
    await expect.poll(() => w.getByRole('alert').filter({ hasText: '“soon” is not a time of day. Type when you started, e.g. 9:05.' }).count()).toBe(1);
    await w.getByLabel('Started at').fill('23:00');
    await w.getByRole('button', { name: 'Set start' }).click();
    await expect.poll(() => w.getByText('23:00 is later than now, so the timer now runs from 23:00 yesterday.').count()).toBe(1);
    expect((await storedTimer(harness))?.startedAt).toBe(epochOf('2027-06-08 23:00:00', ZONE) * 1000);
    // The run now crosses midnight: stopping asks what to log, as it does for any such run.
    await w.getByRole('button', { name: /Stop timer/ }).click();
    await expect.poll(() => w.getByRole('button', { name: 'Log all of it, by day' }).count()).toBe(1);
  });
});

describe('a timer with notes, in the popup', () => {
  it('moves the start with −5 min and logs notes typed but not saved when stopped', async () => {
    h = await Harness.launch({ connect: true, clock: { at: `${DAY} 10:30:00`, zone: ZONE } });
    const harness = h;
    const { seed, world } = harness.sandbox;
    const task = seed.ordinaryTasks[8]!;
    const asana = await harness.openAsana(harness.taskUrl(task.gid));
    const popup = await harness.openPopupOver(asana);
    await expect.poll(() => popup.locator('.tl-task').textContent()).toBe(task.name);
    await popup.getByRole('button', { name: /Start timer on this task/ }).click();
    const running = popup.getByRole('region', { name: 'Running timer' });
    await expect.poll(() => running.count()).toBe(1);
    await running.getByRole('button', { name: 'Notes and start' }).click();
    await running.getByRole('button', { name: 'Start 5 min earlier' }).click();
    await expect.poll(() => storedTimer(harness).then((t) => t?.startedAt ?? 0)).toBeLessThan(at('10:26:00'));
    const startedAt = (await storedTimer(harness))!.startedAt;
    await running.getByLabel('Description').fill('Reviewing the draft');
    const before = world.entriesOfTask(task.gid).length;
    const from = await pageNow(popup);
    await running.getByRole('button', { name: 'Stop and log' }).click();
    await expect.poll(() => world.entriesOfTask(task.gid).length).toBe(before + 1);
    const to = await pageNow(popup);
    const entry = newestEntry(world, task.gid);
    expect(entry.duration_minutes).toBeGreaterThanOrEqual(Math.round((from - startedAt) / 60_000));
    expect(entry.duration_minutes).toBeLessThanOrEqual(Math.round((to - startedAt) / 60_000));
    expect(entry.duration_minutes).toBeGreaterThanOrEqual(5);
    expect(entry).toMatchObject({ description: 'Reviewing the draft', entered_on: DAY });
  });
});
