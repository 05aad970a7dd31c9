/**
 * When reminders come (lib/reminders.ts): days, times, the hours, time zones and DST. Each zone is
 * set for the process (process.env.TZ, applied at once in vitest's forked workers) and checked to
 * be in force first, so a runner that cannot switch zones fails instead of testing nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Entry } from '@/lib/asana/schemas';
import { dailyReminderDue, DEFAULT_REMINDERS, loggedOn, longTimerReminderDue, nextDailyReminder, withinHours, type ReminderPrefs } from '@/lib/reminders';

const saved = process.env.TZ;
afterAll(() => {
  if (saved === undefined) delete process.env.TZ;
  else process.env.TZ = saved;
});
const inZone = (zone: string) =>
  beforeAll(() => {
    process.env.TZ = zone;
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe(zone);
  });

const ms = (iso: string) => Date.parse(iso);
const on: ReminderPrefs = { ...DEFAULT_REMINDERS, daily: true, long: true };
/** The local wall clock of an instant, as the person reads it. */
const wall = (at: number | null) => (at === null ? null : new Date(at).toLocaleString('sv-SE'));

describe('reminders in Europe/Berlin', () => {
  inZone('Europe/Berlin');

  it('are off by default', () => {
    expect(DEFAULT_REMINDERS.daily).toBe(false);
    expect(DEFAULT_REMINDERS.long).toBe(false);
    expect(nextDailyReminder(DEFAULT_REMINDERS, ms('2027-01-04T08:00:00Z'))).toBeNull();
    expect(dailyReminderDue(DEFAULT_REMINDERS, ms('2027-01-04T15:30:00Z'), 0)).toBe(false);
    expect(longTimerReminderDue(DEFAULT_REMINDERS, ms('2027-01-04T15:30:00Z'), ms('2027-01-04T00:00:00Z'), 480, null)).toBe(false);
  });

  it('come at the chosen local time on the next chosen day', () => {
    // Monday 2027-01-04 09:00 local (08:00Z): today at 16:30.
    expect(wall(nextDailyReminder(on, ms('2027-01-04T08:00:00Z')))).toBe('2027-01-04 16:30:00');
    // Exactly at 16:30: the next one is tomorrow (an alarm that fires sets the next after itself).
    expect(wall(nextDailyReminder(on, ms('2027-01-04T15:30:00Z')))).toBe('2027-01-05 16:30:00');
    // Friday after the time: Monday (no weekend days chosen).
    expect(wall(nextDailyReminder(on, ms('2027-01-08T17:00:00Z')))).toBe('2027-01-11 16:30:00');
    // Saturday only: a week ahead at most.
    expect(wall(nextDailyReminder({ ...on, days: [6] }, ms('2027-01-09T16:00:00Z')))).toBe('2027-01-16 16:30:00');
  });

  it('never come when no day is chosen, or when the time is outside the hours', () => {
    expect(nextDailyReminder({ ...on, days: [] }, ms('2027-01-04T08:00:00Z'))).toBeNull();
    expect(nextDailyReminder({ ...on, at: 19 * 60 }, ms('2027-01-04T08:00:00Z'))).toBeNull();
    expect(nextDailyReminder({ ...on, at: 8 * 60 + 59 }, ms('2027-01-04T06:00:00Z'))).toBeNull();
    expect(nextDailyReminder({ ...on, at: 18 * 60 }, ms('2027-01-04T06:00:00Z'))).toBeNull(); // `to` is not included
    expect(wall(nextDailyReminder({ ...on, at: 9 * 60 }, ms('2027-01-04T06:00:00Z')))).toBe('2027-01-04 09:00:00'); // `from` is
  });

  it('are due only within the hours on chosen days, and only below the target', () => {
    const monday1630 = ms('2027-01-04T15:30:00Z');
    expect(dailyReminderDue(on, monday1630, 479)).toBe(true);
    expect(dailyReminderDue(on, monday1630, 480)).toBe(false);
    expect(dailyReminderDue({ ...on, daily: false }, monday1630, 0)).toBe(false);
    expect(dailyReminderDue(on, ms('2027-01-04T17:00:00Z'), 0)).toBe(false); // 18:00 local: outside
    expect(dailyReminderDue(on, ms('2027-01-04T07:59:00Z'), 0)).toBe(false); // 08:59 local
    expect(dailyReminderDue(on, ms('2027-01-04T08:00:00Z'), 0)).toBe(true); // 09:00 local
    expect(dailyReminderDue(on, ms('2027-01-09T15:30:00Z'), 0)).toBe(false); // Saturday
  });

  it('remind of a long timer once per run, within the hours (a run that passed the threshold at night: when they begin)', () => {
    const start = ms('2027-01-04T20:00:00Z'); // Monday 21:00 local
    expect(longTimerReminderDue(on, ms('2027-01-05T05:01:00Z'), start, 480, null)).toBe(false); // 06:01, past 8 h, but outside the hours
    expect(longTimerReminderDue(on, ms('2027-01-05T08:00:00Z'), start, 480, null)).toBe(true); // 09:00
    expect(longTimerReminderDue(on, ms('2027-01-05T08:01:00Z'), start, 480, start)).toBe(false); // already reminded
    expect(longTimerReminderDue(on, ms('2027-01-05T08:01:00Z'), start + 6 * 3_600_000, 480, start)).toBe(false); // another run, not yet long
    expect(longTimerReminderDue(on, ms('2027-01-05T08:01:00Z'), start - 60_000, 480, start)).toBe(true); // another long run: reminded again
    expect(longTimerReminderDue(on, ms('2027-01-04T14:00:00Z'), ms('2027-01-04T06:00:00Z'), 480, null)).toBe(false); // exactly 8 h: not longer
    expect(longTimerReminderDue(on, ms('2027-01-04T14:00:01Z'), ms('2027-01-04T06:00:00Z'), 480, null)).toBe(true);
    expect(longTimerReminderDue({ ...on, long: false }, ms('2027-01-05T08:00:00Z'), start, 480, null)).toBe(false);
    expect(longTimerReminderDue(on, ms('2027-01-05T08:00:00Z'), null, 480, null)).toBe(false);
  });

  it('keep the wall-clock time across the clocks going back (2027-10-31)', () => {
    // Saturday 30 Oct 17:00 local (CEST, 15:00Z); on Sunday's change day… the next weekday is Monday 1 Nov, CET.
    expect(wall(nextDailyReminder(on, ms('2027-10-29T15:00:00Z')))).toBe('2027-11-01 16:30:00');
    expect(nextDailyReminder(on, ms('2027-10-29T15:00:00Z'))).toBe(ms('2027-11-01T15:30:00Z'));
    // Every day chosen, at 02:30 within hours that start at midnight: the first 02:30 of the repeated hour.
    const night: ReminderPrefs = { ...on, days: [0, 1, 2, 3, 4, 5, 6], at: 2 * 60 + 30, from: 0, to: 24 * 60 };
    expect(nextDailyReminder(night, ms('2027-10-30T23:00:00Z'))).toBe(ms('2027-10-31T00:30:00Z'));
  });
});

describe('reminders in America/New_York', () => {
  inZone('America/New_York');

  it('come at the same wall clock before and after the clocks go forward (2027-03-14)', () => {
    const daily: ReminderPrefs = { ...on, days: [0, 1, 2, 3, 4, 5, 6] };
    // Saturday 13 Mar 17:00 EST → Sunday 14 Mar 16:30 EDT (20:30Z, not 21:30Z).
    expect(nextDailyReminder(daily, ms('2027-03-13T22:00:00Z'))).toBe(ms('2027-03-14T20:30:00Z'));
    // A time the change day skips (02:30): 03:30 EDT that day.
    const night: ReminderPrefs = { ...daily, at: 2 * 60 + 30, from: 0, to: 24 * 60 };
    expect(wall(nextDailyReminder(night, ms('2027-03-14T05:00:00Z')))).toBe('2027-03-14 03:30:00');
  });

  it('read the hours and the day in local time, not UTC', () => {
    // Monday 2027-01-04 20:00 EST is Tuesday 01:00Z: outside 9–18 on Monday, though UTC says Tuesday 01:00.
    expect(withinHours(on, ms('2027-01-05T01:00:00Z'))).toBe(false);
    // Friday 17:30 EST is Saturday 22:30Z: a chosen day here.
    expect(withinHours(on, ms('2027-01-08T22:30:00Z'))).toBe(true);
    expect(withinHours(on, ms('2027-01-09T14:00:00Z'))).toBe(false); // Saturday 09:00 EST
  });
});

describe('reminders in Asia/Tokyo', () => {
  inZone('Asia/Tokyo');

  it('take Monday from the local calendar', () => {
    // Sunday 2027-01-03 16:00Z is Monday 01:00 in Tokyo: Monday's reminder is the same local day.
    expect(wall(nextDailyReminder(on, ms('2027-01-03T16:00:00Z')))).toBe('2027-01-04 16:30:00');
    expect(nextDailyReminder(on, ms('2027-01-03T16:00:00Z'))).toBe(ms('2027-01-04T07:30:00Z'));
  });
});

describe('what counts as logged today', () => {
  const entry = (gid: string, minutes: number, date: string, by: string | null): Entry =>
    ({ gid, duration_minutes: minutes, entered_on: date, created_by: by ? { gid: by, name: by } : null }) as Entry;

  it("is the user's own entries of that date, each once, and their new entries still waiting", () => {
    const entries = [entry('1', 30, '2027-01-04', '42'), entry('2', 45, '2027-01-04', '7'), entry('3', 60, '2027-01-03', '42'), entry('1', 30, '2027-01-04', '42'), entry('4', 15, '2027-01-04', null)];
    expect(loggedOn('2027-01-04', '42', entries)).toBe(30);
    expect(loggedOn('2027-01-04', '42', entries, [{ entered_on: '2027-01-04', duration_minutes: 20 }, { entered_on: '2027-01-05', duration_minutes: 99 }])).toBe(50);
    expect(loggedOn('2027-01-04', '7', entries)).toBe(45);
    expect(loggedOn('2027-01-05', '42', entries)).toBe(0);
  });
});
