/**
 * Issue 14.1, the forgotten timer, end to end on a faked clock (Wednesday 2 June 2027, 10:00 in
 * Berlin; tests/support/clock.ts), so the days a run touches are the same on every day it runs.
 * A timer past the threshold says so on the badge and in the widget; stopping a long run, or one
 * past midnight, shows which days would get how much and asks: all of it by day, a corrected
 * duration, or nothing. Discard is beside Stop.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { epochOf } from '../support/clock.ts';
import { axeViolations } from './axe';
import { Harness, choose, widget } from './harness';

const ZONE = 'Europe/Berlin';
let h: Harness;
beforeAll(async () => {
  h = await Harness.launch({ connect: true, clock: { at: '2027-06-02 10:00:00', zone: ZONE } });
});
afterAll(async () => h?.close());

const at = (wall: string) => epochOf(wall, ZONE) * 1000;
const badge = async () => {
  const worker = await h.serviceWorker();
  return worker.evaluate(async () => ({ text: await chrome.action.getBadgeText({}), title: await chrome.action.getTitle({}) }));
};
const entriesOf = (taskGid: string) => h.sandbox.world.entriesOfTask(taskGid).map((e) => [e.duration_minutes, e.entered_on]);

/** A task of its own, its page, and a timer on it started at `wall` (Berlin time). */
async function timerSince(name: string, wall: string): Promise<{ page: Page; taskGid: string }> {
  const { seed, world } = h.sandbox;
  const task = world.addTask({ name, workspace: seed.workspaces.main.gid, projects: [seed.projects.internal.gid] });
  await h.message('timer.discard', {}); // whatever an earlier test left running
  const page = await h.openAsana(h.taskUrl(task.gid));
  await widget(page).getByRole('button', { name: /Start timer/ }).click();
  await expect.poll(() => widget(page).getByRole('timer').count()).toBe(1);
  await h.setTimerStart(at(wall));
  return { page, taskGid: task.gid };
}

describe('the forgotten timer (14.1)', () => {
  it('says a 26 h run is past the threshold, shows the days before logging, and logs the corrected duration chosen', async () => {
    const { page, taskGid } = await timerSince('Write the quarterly report', '2027-06-01 08:00:00');
    const w = widget(page);
    await expect.poll(() => w.getByRole('timer').textContent()).toMatch(/^26:00:\d\d$/);
    expect(await w.getByText('Running longer than 8 h').count()).toBe(1);
    await expect.poll(async () => (await badge()).text).toBe('26h!');
    expect((await badge()).title).toContain('longer than 8 h');
    // Another task's widget says so too.
    const elsewhere = await h.openAsana(h.taskUrl(h.sandbox.seed.tasks.empty.gid));
    await expect.poll(() => widget(elsewhere).getByText('Running longer than 8 h').count()).toBe(1);
    await elsewhere.close();
    await w.getByRole('button', { name: /Stop timer/ }).click();
    const ask = w.getByRole('group', { name: /This timer has run 26:00:\d\d, longer than 8 h/ });
    await ask.waitFor();
    // Before anything is logged: which days would get how much.
    expect(await ask.textContent()).toContain('All of it, by day: 16 h on Yesterday, 10 h on Today.');
    expect(entriesOf(taskGid)).toEqual([]);
    expect(await axeViolations(page, 'asana-time-log')).toEqual([]);
    // A corrected duration, on the first day.
    await ask.getByLabel('Or log instead').fill('7h 30m');
    await choose(ask.getByRole('combobox', { name: 'Date' }), '2027-06-01'); // from the keyboard, as a person does
    await ask.getByRole('button', { name: 'Log this' }).click();
    await expect.poll(() => entriesOf(taskGid)).toEqual([[450, '2027-06-01']]);
    await expect.poll(() => w.getByRole('status').filter({ hasText: 'Logged 7 h 30 min' }).count()).toBe(1);
    expect(await w.getByRole('timer').count()).toBe(0);
    await expect.poll(async () => (await badge()).text).toBe('');
    await page.close();
  });

  it('logs all of a run past midnight split by calendar day, from the popup', async () => {
    const { page, taskGid } = await timerSince('Migrate the mail server', '2027-06-01 21:30:00');
    const popup = await h.openPopupOver(page);
    await popup.getByRole('button', { name: 'Stop and log' }).click();
    const ask = popup.getByRole('group', { name: /This timer has run 12:30:\d\d, longer than 8 h/ });
    await ask.waitFor();
    expect(await ask.textContent()).toContain('All of it, by day: 2 h 30 min on Yesterday, 10 h on Today.');
    await ask.getByRole('button', { name: 'Log all of it, by day' }).click();
    await expect.poll(() => entriesOf(taskGid).sort()).toEqual([[150, '2027-06-01'], [600, '2027-06-02']].sort());
    await expect.poll(() => popup.getByRole('status').first().textContent()).toBe('Logged 2 h 30 min on Yesterday, 10 h on Today.');
    await popup.close();
    await page.close();
  });

  it('asks for a short run past midnight too, and logs nothing when asked to', async () => {
    const { page, taskGid } = await timerSince('Night shift handover', '2027-06-01 23:30:00');
    await h.updateSettings({ longTimerMinutes: 24 * 60 }); // not long: only the midnight asks
    try {
      const w = widget(page);
      await w.getByRole('button', { name: /Stop timer/ }).click();
      const ask = w.getByRole('group', { name: /This timer ran past midnight \(10:30:\d\d in all\)/ });
      await ask.waitFor();
      expect(await w.getByText(/Running longer than/).count()).toBe(0);
      await ask.getByRole('button', { name: 'Log nothing' }).click();
      await expect.poll(() => w.getByRole('status').filter({ hasText: 'Timer discarded; nothing was logged.' }).count()).toBe(1);
      expect(entriesOf(taskGid)).toEqual([]);
      expect((await h.storage(h.userKey('timer')))[h.userKey('timer')] ?? null).toBeNull();
    } finally {
      await h.updateSettings({ longTimerMinutes: 480 });
    }
    await page.close();
  });

  it('takes its threshold from Preferences, offers Discard beside Stop, and refuses a stop without a choice', async () => {
    const options = await h.openOptions('#preferences');
    const hours = options.getByLabel('Ask what to log when a timer has run longer than (hours)');
    await expect.poll(() => hours.inputValue()).toBe('8');
    await hours.fill('1');
    await hours.press('Enter');
    await hours.blur();
    await expect.poll(() => options.getByRole('status').filter({ hasText: 'Saved: stopping a timer that ran longer than 1 h asks what to log.' }).count()).toBe(1);
    await options.close();
    try {
      const { page, taskGid } = await timerSince('Sort the invoices', '2027-06-02 08:00:00');
      const w = widget(page);
      await expect.poll(() => w.getByText('Running longer than 1 h').count()).toBe(1);
      await expect.poll(async () => (await badge()).text).toBe('2h!');
      // Nothing is logged without a choice, whoever asks.
      const refused = await h.message('timer.stop', {});
      expect(refused).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^This timer has run 2:00:\d\d \(long, or past midnight\): choose what to log/) } });
      expect(entriesOf(taskGid)).toEqual([]);
      await w.getByRole('button', { name: 'Discard' }).click();
      await expect.poll(() => w.getByRole('status').filter({ hasText: 'Timer discarded; nothing was logged.' }).count()).toBe(1);
      expect(entriesOf(taskGid)).toEqual([]);
      await page.close();
    } finally {
      await h.updateSettings({ longTimerMinutes: 480 });
    }
  });
});
