/**
 * Reminders in the background (issue 18.2): an alarm at the next daily reminder, and a check of
 * the long timer on the badge's minute alarm. Whether to remind is lib/reminders.ts's; this reads
 * what it needs, shows the notification, and opens the popup (or the timesheet) on a click.
 * The `notifications` permission is optional: nothing is shown while it is not granted.
 */
import { browser } from 'wxt/browser';
import { toIsoDate, today } from '../dates';
import { duration, t } from '../i18n';
import { dailyReminderDue, DEFAULT_REMINDERS, loggedOn, longTimerReminderDue, nextDailyReminder } from '../reminders';
import { outboxItem, userItems } from '../storage/items';
import type { BackgroundContext } from './context';
import { stripBidi } from './timer';

export const REMINDER_ALARM = 'reminder-daily';
/**
 * While a daily reminder is on: every half hour, the next one is worked out again, in the time
 * zone the computer is in by then (a journey moves "16:30"; nothing tells an extension).
 */
export const REMINDER_CHECK_ALARM = 'reminder-check';
const CHECK_MINUTES = 30;
/** Notification ids: the daily one and the long timer's (a new one replaces the last). */
export const DAILY_NOTIFICATION = 'reminder-daily';
export const LONG_NOTIFICATION = 'reminder-long';
/** The run last reminded of (its start), so a long timer reminds once: storage.session, which outlives the worker. */
const REMINDED_KEY = 'longReminded';

/** The API exists only once the optional permission is granted (Chrome adds it to a running worker then). */
const hasNotifications = () => (browser as { notifications?: unknown }).notifications !== undefined;
const sessionArea = () => (browser.storage as { session?: typeof browser.storage.local }).session ?? browser.storage.local;

export function createReminders(ctx: BackgroundContext) {
  const { store } = ctx;

  async function prefsOf() {
    const me = await ctx.currentUser();
    if (!me) return null;
    const settings = await store.get(userItems(me.gid).settings);
    return { me, prefs: settings.reminders ?? DEFAULT_REMINDERS, longMinutes: settings.longTimerMinutes };
  }

  const granted = () => browser.permissions.contains({ permissions: ['notifications'] }).catch(() => false);

  /** The alarm for the next daily reminder, or none (set again on every settings change). */
  async function schedule(now = Date.now()): Promise<void> {
    const found = await prefsOf();
    const next = found ? nextDailyReminder(found.prefs, now) : null;
    if (next === null) {
      await browser.alarms.clear(REMINDER_CHECK_ALARM);
      return void (await browser.alarms.clear(REMINDER_ALARM));
    }
    const existing = await browser.alarms.get(REMINDER_ALARM);
    if (existing?.scheduledTime !== next) await browser.alarms.create(REMINDER_ALARM, { when: next });
    if (!(await browser.alarms.get(REMINDER_CHECK_ALARM))) await browser.alarms.create(REMINDER_CHECK_ALARM, { periodInMinutes: CHECK_MINUTES });
  }

  /**
   * The half-hourly check, and a worker's start: the next reminder, where the computer's zone now
   * puts it. One exception: when today's reminder, still to come by the zone it was set in, has
   * already passed by this one, it is kept, and comes late (if still within the hours) rather
   * than not at all today.
   */
  async function recheck(now = Date.now()): Promise<void> {
    const found = await prefsOf();
    const next = found ? nextDailyReminder(found.prefs, now) : null;
    const set = (await browser.alarms.get(REMINDER_ALARM))?.scheduledTime;
    if (next !== null && set !== undefined && set > now && next > set && toIsoDate(new Date(next)) !== toIsoDate(new Date(set))) return;
    await schedule(now);
  }

  /** What the signed-in user has logged today, from the caches here (lib/reminders.ts `loggedOn`). */
  async function loggedToday(userGid: string): Promise<number> {
    const lists = [];
    for (const taskGid of Object.keys(await store.get(userItems(userGid).taskIndex))) lists.push(...((await ctx.tasks.entries(userGid, taskGid)) ?? (await ctx.tasks.read(userGid, taskGid))?.head ?? []));
    const waiting = (await store.get(outboxItem)).ops.flatMap((op) => (op.kind === 'entry.create' && op.user.gid === userGid ? [op.data] : []));
    return loggedOn(today(), userGid, lists, waiting);
  }

  async function show(id: string, message: string): Promise<boolean> {
    if (!hasNotifications() || !(await granted())) return false;
    await browser.notifications.create(id, { type: 'basic', iconUrl: browser.runtime.getURL('/icon/128.png'), title: t('extName'), message: stripBidi(message) });
    return true;
  }

  /** The daily alarm fired: remind if due, then set the next one. */
  async function onDailyAlarm(now = Date.now()): Promise<void> {
    const found = await prefsOf();
    if (found) {
      const logged = await loggedToday(found.me.gid);
      if (dailyReminderDue(found.prefs, now, logged)) await show(DAILY_NOTIFICATION, t('reminderDaily', duration(logged), duration(found.prefs.targetMinutes)));
    }
    await schedule(now + 1);
  }

  /** Each minute's badge alarm: a run past the threshold reminds once, within the hours. */
  async function checkLongTimer(now = Date.now()): Promise<void> {
    const found = await prefsOf();
    if (!found) return;
    const timer = await store.get(userItems(found.me.gid).timer);
    const reminded = ((await sessionArea().get(REMINDED_KEY))[REMINDED_KEY] as number | undefined) ?? null;
    if (!longTimerReminderDue(found.prefs, now, timer?.startedAt ?? null, found.longMinutes, reminded)) return;
    if (await show(LONG_NOTIFICATION, t('reminderLong', timer!.taskName, duration(Math.floor((now - timer!.startedAt) / 60_000))))) await sessionArea().set({ [REMINDED_KEY]: timer!.startedAt });
  }

  /** A click on a reminder opens the popup, or where the popup cannot be opened from here, the timesheet. */
  function clicked(id: string): void {
    if (id !== DAILY_NOTIFICATION && id !== LONG_NOTIFICATION) return;
    // The browser's own object where there is one (as for the notifications above).
    const action = ((globalThis as { chrome?: { action?: unknown } }).chrome?.action ?? browser.action) as { openPopup?: () => Promise<void> } | undefined;
    void (async () => {
      try {
        if (!action?.openPopup) throw new Error('no openPopup');
        await action.openPopup();
      } catch {
        await browser.tabs.create({ url: browser.runtime.getURL('/options.html#timesheet') });
      }
    })().catch((error) => console.warn('Reminder click failed:', error));
  }

  /** The click listener, at the top level when the permission is there, else once it is granted. */
  function listen(): void {
    if (hasNotifications() && !browser.notifications.onClicked.hasListener(clicked)) browser.notifications.onClicked.addListener(clicked);
  }

  return { schedule, recheck, onDailyAlarm, checkLongTimer, listen, loggedToday };
}
