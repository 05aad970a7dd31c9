/**
 * Durations as people type them, and as we show them. One parser for the widget, the popup and
 * the timesheet, so "1,5h" means the same everywhere.
 */

import { duration, t } from './i18n';
import { formatTimeRange, parseTimeRange, type RangeDay, type TimeRange } from './time-range';

export type { RangeDay, TimeRange } from './time-range';

/** The most one time entry may hold. Longer work is logged as several entries. */
export const MAX_ENTRY_MINUTES = 24 * 60;

/**
 * A parsed duration. `range` is there when a start and an end were typed (`9:00-10:30`), to show
 * them back; `maybeHours` when a bare whole number of 12 or less was typed (`8`): it counts as
 * minutes, as it always has, but may have been meant as that many hours ("= 8 min — did you
 * mean 8 h?").
 */
export type DurationResult =
  | { ok: true; minutes: number; range?: TimeRange; maybeHours?: number }
  | { ok: false; error: string };

/** How the parsed value is shown back: `= 1 h 30 min`. */
export type ParsedDuration = Extract<DurationResult, { ok: true }>;

/**
 * Unit words, after the text is lower-cased and NFKC-normalized (so full-width `１ｈ` is `1h`):
 * English, German (`Std.`, `Stunden`, `Min.`, `Minuten`), Japanese (`時間`, `分`, `分間`) and
 * Chinese (`小时`, `小時`, `个小时`, `分钟`, `分鐘`).
 */
const UNIT_MINUTES: Record<string, number> = {
  h: 60, hr: 60, 'hr.': 60, hrs: 60, 'hrs.': 60, hour: 60, hours: 60,
  std: 60, 'std.': 60, stunde: 60, stunden: 60,
  時間: 60, 小时: 60, 小時: 60, 个小时: 60, 個小時: 60,
  m: 1, min: 1, 'min.': 1, mins: 1, 'mins.': 1, minute: 1, minutes: 1, minuten: 1,
  分: 1, 分間: 1, 分钟: 1, 分鐘: 1,
};

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Longest first, so that `min.` wins over `min` and `hours` over `h`. */
const UNIT = Object.keys(UNIT_MINUTES).sort((a, b) => b.length - a.length).map(escapeRegExp).join('|');
const NUMBER = '\\d+(?:[.,]\\d+)?|[.,]\\d+';
/** A number, then its unit or none; `半` (half) right after an hour unit adds 30 minutes (`1時間半`). */
const BARE_NUMBER = new RegExp(`^(${NUMBER})$`);
const PAIR = new RegExp(`(${NUMBER}) ?(${UNIT})?(半)?`, 'y');

/**
 * Parses a typed duration into whole minutes.
 *
 * Accepts `1h 30m`, `1h30`, `1h30min`, `1.5h`, `1,5h`, `1,5 Std.`, `90m`, `30 min.`, `2 hrs`,
 * `1 Stunde`, `2 Stunden`, `90 Minuten`, `1 Std. 30 Min.`, `1 hour and 30 minutes`, `1:30`,
 * `１時間３０分`, `1時間半`, `30分`, `1小时30分钟`, `半小时`, `1个半小时`; `90` (a bare whole number
 * is minutes) and `1.5` (a bare number with a decimal point is hours). Full-width digits and
 * letters count as the plain ones.
 *
 * A start and an end give the minutes between them, with the range: `9:00-10:30`, `9-10:30`,
 * `14:15–15`, `9am-11:15am`, `21:30-00:15` (past midnight), `9.00-10.30`, `9:00 bis 10:30`,
 * `9:00～10:30`, `9時～10時半` (see {@link parseTimeRange} for how hours are read). With `on`,
 * a range counts the minutes that really passed that day (the night clocks change).
 *
 * Refuses zero, negatives, nonsense and more than {@link MAX_ENTRY_MINUTES}, each with a message
 * that says what to do.
 */
export function parseDuration(input: string, on?: RangeDay): DurationResult {
  const text = String(input ?? '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
  if (text === '') return { ok: false, error: t('durEmpty', t('durHelp')) };
  if (/^[-−]/.test(text)) return { ok: false, error: t('durNegative') };

  const range = parseTimeRange(text, on);
  if (range) return range.ok ? checked(range.minutes, { range: range.range }) : range;

  const bare = /^\d+$/.test(text) ? Number(text) : null;
  const minutes = parseMinutes(text);
  if (minutes === null) return { ok: false, error: t('durUnknown', String(input).trim(), t('durHelp')) };
  return checked(minutes, bare !== null && bare <= 12 ? { maybeHours: bare } : {});
}

/** The result for `minutes`, once rounded, or the message for too little or too much. */
function checked(minutes: number, extra: { range?: TimeRange; maybeHours?: number }): DurationResult {
  const rounded = Math.round(minutes);
  if (rounded <= 0) return { ok: false, error: t('durUnderMinute') };
  if (rounded > MAX_ENTRY_MINUTES) return { ok: false, error: t('durOverDay', duration(rounded)) };
  return { ok: true, minutes: rounded, ...extra };
}

/** "Half an hour", written alone: 半小时, 半小時, 半个小时, 半時間. */
const HALF_HOUR = /^半(?:个|個)?(?:小时|小時|時間)$/;

function parseMinutes(input: string): number | null {
  if (HALF_HOUR.test(input)) return 30;
  // 1个半小时 ("one and a half hours") into the order the pairs read: 1小时半.
  const text = input.replace(/(\d)(?:个|個)半(?:小时|小時)/, '$1小时半').replace(/ (?:and|und) /g, ' ');
  // h:mm
  const clock = /^(\d{1,2}):([0-5]\d)$/.exec(text);
  if (clock) return Number(clock[1]) * 60 + Number(clock[2]);

  // A bare number: integer = minutes, decimal = hours.
  const bare = BARE_NUMBER.exec(text);
  if (bare) {
    const raw = bare[1]!;
    const value = toNumber(raw);
    return /[.,]/.test(raw) ? value * 60 : value;
  }

  // Number-unit pairs, hours before minutes and each once: "1h 30m", "1.5h", "45 min",
  // "1 Std. 30 Min.", "1時間半". A number without a unit is minutes, after the hours ("1h30")
  // and nowhere else (alone, it was read just above).
  let total = 0;
  let last: 'h' | 'm' | undefined;
  let pos = 0;
  while (pos < text.length) {
    if (text[pos] === ' ') pos++;
    PAIR.lastIndex = pos;
    const match = PAIR.exec(text);
    if (!match) return null;
    pos = PAIR.lastIndex;
    const unit = match[2];
    const factor = unit === undefined ? 1 : UNIT_MINUTES[unit]!;
    const kind = factor === 60 ? 'h' : 'm';
    const half = match[3] !== undefined;
    // "30m 1h", "1h 2h", "30分半".
    if (last === 'm' || kind === last || (half && kind !== 'h')) return null;
    total += toNumber(match[1]!) * factor + (half ? 30 : 0);
    last = half ? 'm' : kind;
  }
  return total;
}

function toNumber(raw: string): number {
  return Number(raw.replace(',', '.'));
}

/**
 * The line shown under the duration box for what was understood, in the messages' language:
 * "= 1 h 30 min"; "9:00–10:30 = 1 h 30 min" for a range ("21:30–0:15 (next day) = 45 min" past
 * midnight); "= 8 min — did you mean 8 h?" for a bare number that may have meant hours.
 */
export function describeDuration(parsed: ParsedDuration): string {
  if (parsed.range) return t('durRangeShown', formatTimeRange(parsed.range), duration(parsed.minutes));
  if (parsed.maybeHours !== undefined) return t('durMaybeHours', duration(parsed.minutes), duration(parsed.maybeHours * 60));
  return t('durShown', duration(parsed.minutes));
}

/** What the duration box shows for `text` typed for `date` (in the browser's zone): minutes and a hint, or a message. */
export type DurationReading = { ok: true; minutes: number; hint: string; maybeHours?: number } | { ok: false; error: string };

/** {@link parseDuration} and {@link describeDuration} in one: what the widget asks the background (issue 20: the parser stays out of the page). */
export function readDuration(text: string, date?: string): DurationReading {
  const parsed = parseDuration(text, date ? { date } : undefined);
  if (!parsed.ok) return parsed;
  return { ok: true, minutes: parsed.minutes, hint: describeDuration(parsed), ...(parsed.maybeHours !== undefined ? { maybeHours: parsed.maybeHours } : {}) };
}

export { formatClock, formatElapsed } from './clock';
