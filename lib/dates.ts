/**
 * Calendar dates as Asana stores them (`YYYY-MM-DD`, no time zone), computed in the user's local
 * time. We always send `entered_on` explicitly so that "today" is the user's today, not Asana's.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date in `YYYY-MM-DD` form (rejects 2026-02-30). */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** The local calendar date of `at` as `YYYY-MM-DD`. */
export function toIsoDate(at: Date = new Date()): string {
  const y = at.getFullYear();
  const m = String(at.getMonth() + 1).padStart(2, '0');
  const d = String(at.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** Today in local time. */
export const today = (now: Date = new Date()): string => toIsoDate(now);

/** `date` plus `days` (negative to go back), calendar-exact across DST and month ends. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const utc = new Date(Date.UTC(y, m - 1, d + days));
  return utc.toISOString().slice(0, 10);
}

/** 0 = Sunday ... 6 = Saturday, for a `YYYY-MM-DD` date. */
export function weekday(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/**
 * The first day of the week for a locale, 0 = Sunday ... 6 = Saturday. Uses Intl's week info
 * where the browser has it (Chrome 130+: getWeekInfo(), earlier: weekInfo), else Monday.
 */
export function firstDayOfWeek(locale: string): number {
  try {
    const loc = new Intl.Locale(locale) as Intl.Locale & {
      getWeekInfo?: () => { firstDay: number };
      weekInfo?: { firstDay: number };
    };
    const info = loc.getWeekInfo?.() ?? loc.weekInfo;
    if (info && info.firstDay >= 1 && info.firstDay <= 7) return info.firstDay % 7;
  } catch {
    // Unknown locale tag: fall through to Monday.
  }
  return 1;
}

/** The seven dates of the week containing `date`, starting on `firstDay` (0 = Sunday). */
export function weekOf(date: string, firstDay: number): string[] {
  const back = (weekday(date) - firstDay + 7) % 7;
  const start = addDays(date, -back);
  return Array.from({ length: 7 }, (_, i) => addDays(start, i));
}

/**
 * Formatters are costly to create (~0.3 ms each on a slow machine, and a list shows dozens of
 * dates): one per locale and style, reused.
 */
const dayFormats = new Map<string, Intl.DateTimeFormat>();
function dayFormat(locale: string | undefined, style: 'short' | 'long'): Intl.DateTimeFormat {
  const key = `${locale ?? ''}|${style}`;
  let format = dayFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      timeZone: 'UTC',
      weekday: style === 'long' ? 'long' : 'short',
      day: 'numeric',
      month: 'short',
      ...(style === 'long' ? { year: 'numeric' } : {}),
    });
    dayFormats.set(key, format);
  }
  return format;
}

/** "Mon 23 Nov" style label in the user's locale, for a `YYYY-MM-DD` date. */
export function formatDay(date: string, locale?: string, style: 'short' | 'long' = 'short'): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return dayFormat(locale, style).format(new Date(Date.UTC(y, m - 1, d)));
}

/** "Today", "Yesterday" or the formatted day. */
export function relativeDayLabel(date: string, now: Date = new Date(), locale?: string): string {
  const t = today(now);
  if (date === t) return 'Today';
  if (date === addDays(t, -1)) return 'Yesterday';
  return formatDay(date, locale, 'long');
}
