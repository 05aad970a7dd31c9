/**
 * Dates in end-to-end tests, as the user's own calendar has them: the local date (the browser
 * runs in the test's time zone, TZ) of an instant. A test never writes a date down, and never
 * assumes "today" stays the same while it runs: the calendar sweep starts some runs two minutes
 * before midnight on New Year's Eve. So an expectation about "today" is the set of local dates
 * between two instants that bracket the action (one date, or two when midnight passed between).
 */
import { addDays } from '../../lib/dates';

/** The local calendar date (YYYY-MM-DD) of `ms`. */
export function localDate(ms: number = Date.now()): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The local dates from `fromMs` to `toMs` (inclusive), shifted by `days` (e.g. -1 for "yesterday"). */
export function datesBetween(fromMs: number, toMs: number, days = 0): string[] {
  const out: string[] = [];
  for (let d = localDate(fromMs); d <= localDate(toMs); d = addDays(d, 1)) out.push(addDays(d, days));
  return out;
}

/**
 * Runs `action` and returns the local dates it may have seen as "today" (plus `days`): read the
 * clock before and after, so that an action that straddles midnight accepts either date.
 */
export async function duringDates<T>(action: () => Promise<T>, days = 0): Promise<{ result: T; dates: string[] }> {
  const from = Date.now();
  const result = await action();
  return { result, dates: datesBetween(from, Date.now(), days) };
}
