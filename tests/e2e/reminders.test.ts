/**
 * Reminders (issue 18.2), end to end in Chromium with the built extension and the sandbox, on a
 * faked clock: Monday 4 January 2027, 16:30 in Berlin (libfaketime, tests/support/clock.ts), so
 * the day, the hours and the zone are the same on every day this runs.
 *
 * The permission: `notifications` is optional. Headless Chromium's permission prompt cannot be
 * reached from Playwright, so the harness writes the profile's record of a person's "Allow"
 * (`grantOptionalPermission`, see tests/e2e/harness.ts) before the test turns a reminder on in
 * Preferences; the page's `permissions.request` then answers "granted", as it does for a
 * permission already allowed. The prompt itself, and a refusal, are not exercised here.
 *
 * The clock: the alarm the background schedules is read back (`chrome.alarms.get`) to check when
 * it would fire; its firing is delivered with `chrome.alarms.onAlarm.dispatch` (the event object's
 * own method in the service worker), so the background's own alarm listener runs at once, at the
 * faked time, instead of the test waiting for the minute. The notification is the real one
 * (`chrome.notifications.getAll()`); its text is read from what the background passed to
 * `chrome.notifications.create` (recorded on its way through, as getAll gives only ids).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Worker } from 'playwright-core';
import { epochOf } from '../support/clock.ts';
import { Harness, widget } from './harness';

const ZONE = 'Europe/Berlin';
const TODAY = '2027-01-04';
let h: Harness;
let worker: Worker;
beforeAll(async () => {
  h = await Harness.launch({ connect: true, clock: { at: `${TODAY} 16:30:00`, zone: ZONE } });
  await h.grantOptionalPermission('notifications');
  worker = await h.serviceWorker();
  await recordNotifications();
});
afterAll(async () => h?.close());

const at = (wall: string) => epochOf(wall, ZONE) * 1000;

/** Records each notification's options on their way to the real `chrome.notifications.create`. */
async function recordNotifications(): Promise<void> {
  await worker.evaluate(() => {
    const g = globalThis as unknown as { shown: Array<{ id: string; message: string }>; recording?: boolean };
    if (g.recording) return;
    g.recording = true;
    g.shown = [];
    const api = chrome.notifications as unknown as { create: (...a: unknown[]) => unknown };
    const real = api.create.bind(api);
    api.create = (...args: unknown[]) => {
      g.shown.push({ id: args[0] as string, message: (args[1] as { message: string }).message });
      return real(...args);
    };
  });
}
const shown = () => worker.evaluate(() => (globalThis as unknown as { shown: Array<{ id: string; message: string }> }).shown);
const showing = () => worker.evaluate(async () => Object.keys(await chrome.notifications.getAll()).sort());
async function clearShown(): Promise<void> {
  await worker.evaluate(async () => {
    (globalThis as unknown as { shown: unknown[] }).shown = [];
    for (const id of Object.keys(await chrome.notifications.getAll())) await chrome.notifications.clear(id);
  });
}
const dailyAlarm = () => worker.evaluate(async () => (await chrome.alarms.get('reminder-daily'))?.scheduledTime ?? null);
/**
 * Fires the daily alarm now and waits until the background has handled it: it removes the
 * alarm first, and the handler's last step schedules the next one.
 */
async function fireDaily(): Promise<void> {
  await worker.evaluate(async () => {
    await chrome.alarms.clear('reminder-daily');
    (chrome.alarms.onAlarm as unknown as { dispatch(a: object): void }).dispatch({ name: 'reminder-daily', scheduledTime: Date.now() });
  });
  await expect.poll(dailyAlarm).not.toBeNull();
}
const settingsNow = async () => (await h.storage(h.userKey('settings')))[h.userKey('settings')];

describe('reminders (18.2)', () => {
  it('are off by default, and turned on in Preferences (the permission asked for in that click)', async () => {
    expect((await settingsNow()).reminders).toBeUndefined();
    expect(await dailyAlarm()).toBeNull();
    const options = await h.openOptions('#preferences');
    await options.getByLabel('Remind me when less than my target is logged for the day').check();
    await expect.poll(() => options.getByRole('status').filter({ hasText: 'Saved: reminders.' }).count()).toBe(1);
    expect((await settingsNow()).reminders).toMatchObject({ daily: true, long: false, days: [1, 2, 3, 4, 5], at: 990, targetMinutes: 480, from: 540, to: 1080 });
    // It is 16:30 on Monday: the next check is Tuesday's 16:30, Berlin time.
    await expect.poll(dailyAlarm).toBe(at('2027-01-05 16:30:00'));
    await options.close();
  });

  it("say how much is logged today when it is less than the target (the user's own entries)", async () => {
    const { seed } = h.sandbox;
    // The task is one this browser knows (opened here): what the background counts is its local data.
    const page = await h.openAsana(h.taskUrl(seed.tasks.empty.gid));
    await expect.poll(async () => (await h.storage(h.userKey(`task:${seed.tasks.empty.gid}`)))[h.userKey(`task:${seed.tasks.empty.gid}`)]?.fetchedAt ?? 0).toBeGreaterThan(0);
    // 1 h 30 min of mine today, and an entry of mine yesterday (not counted).
    for (const [minutes, date] of [[90, TODAY], [60, '2027-01-03']] as const) {
      const result = await h.message('entries.create', { taskGid: seed.tasks.empty.gid, entry: { duration_minutes: minutes, entered_on: date } });
      expect(result.ok).toBe(true);
    }
    await expect.poll(() => h.sandbox.world.entriesOfTask(seed.tasks.empty.gid).filter((e) => e.entered_on === TODAY || e.entered_on === '2027-01-03').length).toBe(2);
    await clearShown();
    await fireDaily();
    await expect.poll(shown).toEqual([{ id: 'reminder-daily', message: '1 h 30 min logged today, less than your 8 h. Click to log time.' }]);
    expect(await showing()).toEqual(['reminder-daily']);
    await page.close();
  });

  it('come not when the target is met, nor outside the hours, nor on a day not chosen', async () => {
    const base = (await settingsNow()).reminders;
    try {
      for (const reminders of [
        { ...base, targetMinutes: 90 }, // met: 1 h 30 min logged
        { ...base, from: 9 * 60, to: 16 * 60 + 30, at: 16 * 60 }, // it is 16:30, the hours end at 16:30
        { ...base, days: [2, 3, 4, 5] }, // not on Mondays
      ]) {
        await h.updateSettings({ reminders });
        await clearShown();
        await fireDaily();
        expect(await shown()).toEqual([]);
        expect(await showing()).toEqual([]);
      }
    } finally {
      await h.updateSettings({ reminders: base });
    }
  });

  it('remind once of a timer that has run longer than the threshold', async () => {
    const options = await h.openOptions('#preferences');
    await options.getByLabel('Remind me when a timer has run longer than 8 h').check();
    await expect.poll(async () => (await settingsNow()).reminders.long).toBe(true);
    await options.close();
    const page = await h.openAsana(h.taskUrl(h.sandbox.seed.tasks.empty.gid));
    await widget(page).getByRole('button', { name: /Start timer/ }).click();
    await expect.poll(() => widget(page).getByRole('timer').count()).toBe(1);
    await clearShown();
    const fireBadge = () => worker.evaluate(() => (chrome.alarms.onAlarm as unknown as { dispatch(a: object): void }).dispatch({ name: 'timer-badge', scheduledTime: Date.now() }));
    // Not long yet: the badge alarm reminds of nothing (its redraw is what we wait on).
    await h.setTimerStart(at(`${TODAY} 09:00:00`));
    await worker.evaluate(() => chrome.action.setBadgeText({ text: '' }));
    await fireBadge();
    await expect.poll(() => worker.evaluate(() => chrome.action.getBadgeText({}))).toMatch(/^7:3\d$/);
    expect(await shown()).toEqual([]);
    // Past 8 h.
    await h.setTimerStart(at(`${TODAY} 08:00:00`));
    await fireBadge();
    await expect.poll(shown).toEqual([{ id: 'reminder-long', message: expect.stringMatching(/^The timer on .+ has been running for 8 h 3\d min\. Click to stop it or keep it running\.$/) }]);
    // Once per run.
    await worker.evaluate(() => chrome.action.setBadgeText({ text: '' }));
    await fireBadge();
    await expect.poll(() => worker.evaluate(() => chrome.action.getBadgeText({}))).toBe('8h!');
    expect((await shown()).length).toBe(1);
    await h.message('timer.discard', {});
    await page.close();
  });

  it('open the popup when clicked', async () => {
    type Contexts = (filter: { contextTypes: string[] }) => Promise<Array<{ documentUrl?: string }>>;
    const popups = () => worker.evaluate(async () => (await (chrome.runtime as unknown as { getContexts: Contexts }).getContexts({ contextTypes: ['POPUP'] })).map((c) => new URL(c.documentUrl!).pathname));
    expect(await popups()).toEqual([]);
    await worker.evaluate(() => (chrome.notifications.onClicked as unknown as { dispatch(id: string): void }).dispatch('reminder-daily'));
    // This Chromium has action.openPopup, and opens the popup in headless mode too (measured; Playwright
    // lists no page for it, the browser's own list of the extension's contexts does).
    await expect.poll(popups).toEqual(['/popup.html']);
  });
});
