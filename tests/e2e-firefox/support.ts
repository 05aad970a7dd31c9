/** Small helpers the Firefox suite's files share. */

/** The local calendar date `offsetDays` from today, as YYYY-MM-DD (what the widget's Today/Yesterday mean). */
export function localDate(offsetDays = 0, from = Date.now()): string {
  const d = new Date(from);
  d.setDate(d.getDate() + offsetDays);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export const sum = (entries: Array<{ duration_minutes: number }>) => entries.reduce((s, e) => s + e.duration_minutes, 0);

/** "25:07" or "1:02:03" → seconds. */
export const clockSeconds = (text: string | null) => (text ?? '').trim().split(':').map(Number).reduce((s, p) => s * 60 + p, 0);

/**
 * How far back (ms) a test may move a running timer's start, at most `wanted`, so that the run and
 * the minutes the test takes after it stay on one local calendar day: a run past midnight asks what
 * to log (tests/e2e/timer.test.ts covers that, at a moment it sets). Within `testTakes` of midnight,
 * or in a day's first four minutes, it first waits for the fourth minute of the day (at most 7
 * minutes, a few minutes of each day): this sets the scene, it decides no outcome.
 */
export async function sameDayShift(wanted: number, testTakes = 3 * 60_000): Promise<number> {
  const midnight = (days: number) => {
    const d = new Date();
    return new Date(d.getFullYear(), d.getMonth(), d.getDate() + days).getTime();
  };
  while (midnight(1) - Date.now() < testTakes || Date.now() - midnight(0) < 4 * 60_000) await new Promise((r) => setTimeout(r, 1_000));
  return Math.min(wanted, Date.now() - midnight(0) - 60_000);
}
