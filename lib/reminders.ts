/**
 * Reminders (issue 18.2): whether and when to remind, as pure functions of the person's choices
 * and the local clock (the machine's time zone, as everything the person sees). The background
 * (lib/background/reminders.ts) schedules an alarm for `nextDailyReminder` and asks the others
 * when it fires, and on each minute's badge alarm for a long timer.
 */
import type { Entry } from './asana/schemas';
import { isLongRun } from './timer-threshold';

/** Days are JavaScript's: 0 Sunday … 6 Saturday. Times are minutes after local midnight. */
export interface ReminderPrefs {
  /** "Less than the target logged today" at `at`, on `days`. */
  daily: boolean;
  /** A timer running past the long-timer threshold (Preferences, lib/timer-run.ts). */
  long: boolean;
  days: number[];
  at: number;
  targetMinutes: number;
  /** The hours reminders may come in (on `days`): from `from` up to, not including, `to`. */
  from: number;
  to: number;
}

/** Off, Monday to Friday, 16:30, 8 h, 9:00–18:00. */
export const DEFAULT_REMINDERS: ReminderPrefs = { daily: false, long: false, days: [1, 2, 3, 4, 5], at: 16 * 60 + 30, targetMinutes: 480, from: 9 * 60, to: 18 * 60 };

/** Minutes after local midnight of `at`'s wall clock (a DST day's 03:30 is 210, whatever passed since midnight). */
export const minuteOfDay = (at: Date): number => at.getHours() * 60 + at.getMinutes();

/** True when `at` is on a chosen day within the chosen hours (local time). */
export function withinHours(prefs: ReminderPrefs, at: number): boolean {
  const d = new Date(at);
  const m = minuteOfDay(d);
  return prefs.days.includes(d.getDay()) && m >= prefs.from && m < prefs.to;
}

/**
 * The next daily reminder strictly after `now` (epoch ms): the chosen time on the next chosen day,
 * in local time, or null when it is off or can never come (no day chosen, or the time is outside
 * the hours). On a day whose clocks skip the chosen time (spring forward), it comes at the same
 * wall-clock offset after the skip (02:30 → 03:30), as `Date` builds it; on a day that repeats it,
 * at its first occurrence.
 */
export function nextDailyReminder(prefs: ReminderPrefs, now: number): number | null {
  if (!prefs.daily || prefs.days.length === 0 || prefs.at < prefs.from || prefs.at >= prefs.to) return null;
  const today = new Date(now);
  for (let ahead = 0; ahead <= 7; ahead++) {
    const day = new Date(today.getFullYear(), today.getMonth(), today.getDate() + ahead);
    if (!prefs.days.includes(day.getDay())) continue;
    const at = new Date(day.getFullYear(), day.getMonth(), day.getDate(), Math.floor(prefs.at / 60), prefs.at % 60).getTime();
    if (at > now) return at;
  }
  return null;
}

/** True when the daily reminder should be shown at `now`: it is on, it is within the hours, and less than the target is logged. */
export const dailyReminderDue = (prefs: ReminderPrefs, now: number, loggedMinutes: number): boolean =>
  prefs.daily && withinHours(prefs, now) && loggedMinutes < prefs.targetMinutes;

/**
 * True when a long timer should raise its reminder at `now`: it is on, the run is past the
 * threshold, it is within the hours (a run that passed it in the night reminds when the hours
 * begin), and this run has not been reminded of yet (`remindedFor`: the start of the run last
 * reminded of).
 */
export const longTimerReminderDue = (prefs: ReminderPrefs, now: number, startedAt: number | null, longMinutes: number, remindedFor: number | null): boolean =>
  prefs.long && startedAt !== null && startedAt !== remindedFor && isLongRun(startedAt, now, longMinutes) && withinHours(prefs, now);

/**
 * What the daily reminder counts as logged today: the signed-in user's own entries dated `date`
 * among the entries the background has (the tasks cached in this browser), plus their new
 * entries still waiting to be sent. Each entry is counted once by gid.
 */
export function loggedOn(date: string, userGid: string, entries: Iterable<Entry>, waiting: Iterable<{ entered_on: string; duration_minutes: number }> = []): number {
  const seen = new Set<string>();
  let minutes = 0;
  for (const e of entries) {
    if (seen.has(e.gid) || e.entered_on !== date || e.created_by?.gid !== userGid) continue;
    seen.add(e.gid);
    minutes += e.duration_minutes;
  }
  for (const w of waiting) if (w.entered_on === date) minutes += w.duration_minutes;
  return minutes;
}
