/**
 * The forgotten timer (issue 14.1): when a stop must ask what to log. A run longer than the
 * person's threshold (8 h unless set in Preferences) is probably forgotten; a run past midnight
 * gives time to more than one day. Either way nothing is logged before the person has seen what
 * would be and chosen: all of it split by calendar day, a corrected duration, or nothing.
 */
import { toIsoDate } from './dates';
import { splitRunByDay, type DayPart } from './day-split';
import { DEFAULT_LONG_TIMER_MINUTES, isLongRun } from './timer-threshold';

export { DEFAULT_LONG_TIMER_MINUTES, isLongRun };
/** What Preferences accepts, in minutes: 1 h to 7 days. */
export const LONG_TIMER_RANGE = { min: 60, max: 7 * 24 * 60 } as const;

/** True when a stop at `at` must first ask what to log: the run is long, or it crossed midnight (local time). */
export const stopNeedsChoice = (startedAt: number, at: number, longMinutes = DEFAULT_LONG_TIMER_MINUTES): boolean =>
  isLongRun(startedAt, at, longMinutes) || toIsoDate(new Date(startedAt)) !== toIsoDate(new Date(at));

/**
 * All of a run, by local calendar day (each day's part on its own day, none over 24 h); a run of
 * under half a minute is a minute on its first day, as a stop has always logged at least one.
 */
export function runByDay(startedAt: number, at: number): DayPart[] {
  const parts = splitRunByDay(startedAt, at);
  return parts.length > 0 ? parts : [{ date: toIsoDate(new Date(startedAt)), minutes: 1 }];
}
