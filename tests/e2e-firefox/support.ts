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
