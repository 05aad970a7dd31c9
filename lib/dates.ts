/**
 * Calendar dates as Asana stores them (`YYYY-MM-DD`, no time zone), computed in the user's local
 * time. We always send `entered_on` explicitly so that "today" is the user's today, not Asana's.
 *
 * Two kinds of function live here. Those on `YYYY-MM-DD` strings (addDays, weekday, weekOf…)
 * compute in UTC, where every day has 24 hours, so they give the same answer in every zone and
 * across DST changes. Those that turn an instant into a calendar date or back (toIsoDate,
 * instantOf, nextDayStart…) take an optional IANA time zone: without one they use the zone the
 * browser is in now (and follow it when it changes); with one they use that zone, which is how
 * the tests check them in every zone without changing the machine's.
 */

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/**
 * Midnight UTC of a calendar date, as milliseconds. `setUTCFullYear` rather than `Date.UTC`,
 * which reads years 0–99 as 1900–1999.
 */
function utcMidnight(year: number, month: number, day: number): number {
  const at = new Date(0);
  at.setUTCFullYear(year, month - 1, day);
  return at.getTime();
}

/** The `YYYY-MM-DD` of a UTC millisecond value (the year padded to four digits). */
function isoOfUtc(ms: number): string {
  const at = new Date(ms);
  const y = String(at.getUTCFullYear()).padStart(4, '0');
  const m = String(at.getUTCMonth() + 1).padStart(2, '0');
  const d = String(at.getUTCDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** Midnight UTC of a `YYYY-MM-DD` date. */
function utcOfIso(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return utcMidnight(y, m, d);
}

/** True for a real calendar date in `YYYY-MM-DD` form (rejects 2026-02-30). */
export function isIsoDate(value: string): boolean {
  // A real date is one that reads back the same: 2026-02-30 comes back as 2026-03-02.
  return typeof value === 'string' && isoOfUtc(utcOfIso(value)) === value;
}

/** One formatter per explicit zone: they are costly to create and the answers never change. */
const zoneFormats = new Map<string, Intl.DateTimeFormat>();
function zoneFormat(timeZone: string): Intl.DateTimeFormat {
  let format = zoneFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    zoneFormats.set(timeZone, format);
  }
  return format;
}

/**
 * How far the zone's clocks are ahead of UTC at instant `atMs`, in minutes (New York in winter:
 * -300; Tokyo: 540). Without `timeZone`, the browser's zone. Throws a RangeError for a zone
 * name the browser does not know.
 */
export function zoneOffsetMinutes(atMs: number, timeZone?: string): number {
  // (0 minus, not unary minus: UTC is 0, not -0.)
  if (timeZone === undefined) return 0 - new Date(atMs).getTimezoneOffset();
  const parts: Record<string, number> = {};
  for (const part of zoneFormat(timeZone).formatToParts(atMs)) parts[part.type] = Number(part.value);
  const wall = utcMidnight(parts.year!, parts.month!, parts.day!) + ((parts.hour! * 60 + parts.minute!) * 60 + parts.second!) * 1000;
  // The parts stop at the second: compare with the instant cut to its second.
  return (wall - Math.floor(atMs / 1000) * 1000) / MINUTE_MS;
}

/** The local calendar date of `at` as `YYYY-MM-DD`, in `timeZone` or the browser's zone. */
export function toIsoDate(at: Date = new Date(), timeZone?: string): string {
  const ms = at.getTime();
  return isoOfUtc(ms + zoneOffsetMinutes(ms, timeZone) * MINUTE_MS);
}

/** Today in local time (or in `timeZone`). */
export const today = (now: Date = new Date(), timeZone?: string): string => toIsoDate(now, timeZone);

/**
 * The instant at which the clocks of the zone show `minuteOfDay` (0 = midnight, may be 1440 or
 * more to go on into the next days) on `date`. Where that time does not exist (the hour skipped
 * when clocks go forward) it is read with the offset from before the change, so 02:30 on the
 * night New York goes from 02:00 to 03:00 is 03:30; where it exists twice (clocks go back), it
 * is the first. Browsers' `new Date(y, m, d, h, min)` does the same.
 */
export function instantOf(date: string, minuteOfDay: number, timeZone?: string): number {
  const wall = utcOfIso(date) + minuteOfDay * MINUTE_MS;
  const before = zoneOffsetMinutes(wall - DAY_MS, timeZone);
  const after = zoneOffsetMinutes(wall + DAY_MS, timeZone);
  const early = wall - before * MINUTE_MS;
  const late = wall - after * MINUTE_MS;
  // Read with the offset from before, unless the clocks did not show that offset then and do
  // show the later one. Both right: the time happened twice, and the earlier offset gives the
  // first. Neither: the time was skipped, and the earlier offset puts it just after the jump.
  return zoneOffsetMinutes(early, timeZone) !== before && zoneOffsetMinutes(late, timeZone) === after ? late : early;
}

/**
 * True when the zone's clocks show `minuteOfDay` of `date` at some instant; false for the times
 * skipped when the clocks go forward (02:30 on 2027-03-14 in New York).
 */
export function wallTimeExists(date: string, minuteOfDay: number, timeZone?: string): boolean {
  const at = instantOf(date, minuteOfDay, timeZone);
  return at + zoneOffsetMinutes(at, timeZone) * MINUTE_MS === utcOfIso(date) + minuteOfDay * MINUTE_MS;
}

/**
 * The instant the day after `atMs`'s local day begins (its local midnight, or its first minute
 * where midnight was skipped). That day may be two calendar days on, where a zone skipped a whole
 * date (Samoa, 2011-12-30).
 */
export function nextDayStart(atMs: number, timeZone?: string): number {
  return instantOf(addDays(toIsoDate(new Date(atMs), timeZone), 1), 0, timeZone);
}

/** `date` plus `days` (negative to go back), calendar-exact across DST and month ends. */
export function addDays(date: string, days: number): string {
  return isoOfUtc(utcOfIso(date) + days * DAY_MS);
}

/** 0 = Sunday ... 6 = Saturday, for a `YYYY-MM-DD` date. */
export function weekday(date: string): number {
  return new Date(utcOfIso(date)).getUTCDay();
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
    // firstDay is 1 (Monday) ... 7 (Sunday).
    if (info) return info.firstDay % 7;
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
  return dayFormat(locale, style).format(utcOfIso(date));
}

/** "Today", "Yesterday" or the formatted day; today is `now`'s date in `timeZone` or the browser's zone. */
export function relativeDayLabel(date: string, now: Date = new Date(), locale?: string, timeZone?: string): string {
  const t = today(now, timeZone);
  if (date === t) return 'Today';
  if (date === addDays(t, -1)) return 'Yesterday';
  return formatDay(date, locale, 'long');
}
