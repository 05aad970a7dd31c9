/**
 * Clock-style figures: "1:30" for totals in tables, "1:02:03" for a running timer. Apart from
 * lib/duration.ts (the parser) so that the content script can show a timer without carrying it.
 */

/** "1:30": compact hours and minutes for tables and totals. */
export function formatClock(minutes: number): string {
  const m = Math.max(0, Math.round(minutes));
  return `${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}`;
}

/** Elapsed seconds as "1:02:03" (or "2:03" under an hour), for a running timer. */
export function formatElapsed(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}
