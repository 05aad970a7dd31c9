/**
 * How a timed run becomes minutes to log: the timer's rounding, and the split of a run that goes
 * past midnight into one part per local calendar day (an entry's `entered_on` is one day).
 */
import { nextDayStart, toIsoDate } from './dates';
import { MAX_ENTRY_MINUTES } from './duration';

const MINUTE_MS = 60_000;

/** The minutes of one local calendar day in a run. */
export interface DayPart {
  /** `YYYY-MM-DD` in the zone the run was split in. */
  date: string;
  /** Whole minutes, 1 to {@link MAX_ENTRY_MINUTES}. */
  minutes: number;
}

/** Whole minutes to log for a run: rounded to the nearest minute, at least 1, at most 24 h. */
export function minutesToLog(elapsedSeconds: number): number {
  return Math.min(MAX_ENTRY_MINUTES, Math.max(1, Math.round(elapsedSeconds / 60)));
}

/**
 * Splits the run from `startMs` to `endMs` into the calendar days of `timeZone` (the browser's
 * zone when left out) that it touched, in order, one part per day.
 *
 * Rounding: each part is the minutes from the start of the run to the part's end, rounded to the
 * nearest minute (half a minute up), less the same for the part's start. So the parts always add
 * up to the whole run rounded to the nearest minute (a 2 h run across midnight is 120 minutes,
 * however the seconds fall), and each part is within a minute of its exact length. A part that
 * rounds to 0 is left out; a run of under half a minute gives no parts.
 *
 * Days are the zone's real days: on the night New York's clocks go forward a run from 01:30 to
 * 03:30 is 60 minutes; the day they go back has 25 hours. Only a run that covers such a day from
 * midnight to midnight could have a part over 24 h: it is cut to 24 h (one entry can hold no
 * more), and then the parts add up to less than the run.
 */
export function splitRunByDay(startMs: number, endMs: number, timeZone?: string): DayPart[] {
  const parts: DayPart[] = [];
  let from = startMs;
  let roundedSoFar = 0;
  while (from < endMs) {
    // (At least a millisecond on, so that no zone's oddity can stop the loop.)
    const to = Math.min(Math.max(nextDayStart(from, timeZone), from + 1), endMs);
    const roundedToEnd = Math.round((to - startMs) / MINUTE_MS);
    const minutes = Math.min(MAX_ENTRY_MINUTES, roundedToEnd - roundedSoFar);
    if (minutes > 0) parts.push({ date: toIsoDate(new Date(from), timeZone), minutes });
    roundedSoFar = roundedToEnd;
    from = to;
  }
  return parts;
}

/**
 * What the timer logs for a run from `startMs` to `endMs`: the minutes of {@link minutesToLog}
 * (nearest minute, at least 1, at most 24 h: the first 24 h of a longer run), in one part per
 * local day the run touched (see {@link splitRunByDay}). A run that stays in one day gives one
 * part, exactly what the timer logged before runs were split; a run of under half a minute, or
 * one whose end is before its start (the clock was set back), gives 1 minute on the start's day.
 */
export function timerRunParts(startMs: number, endMs: number, timeZone?: string): DayPart[] {
  const end = Math.min(endMs, startMs + MAX_ENTRY_MINUTES * MINUTE_MS);
  const parts = splitRunByDay(startMs, end, timeZone);
  return parts.length > 0 ? parts : [{ date: toIsoDate(new Date(startMs), timeZone), minutes: 1 }];
}
