/**
 * Durations as people type them, and as we show them. One parser for the widget, the popup and
 * the timesheet, so "1,5h" means the same everywhere.
 */

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

const HINT = 'Type a duration like 1h 30m, 90m, 1:30 or 1.5h, or the start and end like 9:00-10:30.';

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
  if (text === '') return { ok: false, error: `Enter how long you worked. ${HINT}` };
  if (/^[-−]/.test(text)) return { ok: false, error: 'A duration cannot be negative. Enter the time you worked, e.g. 45m.' };

  const range = parseTimeRange(text, on);
  if (range) return range.ok ? checked(range.minutes, { range: range.range }) : range;

  const bare = /^\d+$/.test(text) ? Number(text) : null;
  const minutes = parseMinutes(text);
  if (minutes === null) return { ok: false, error: `"${String(input).trim()}" is not a duration we understand. ${HINT}` };
  return checked(minutes, bare !== null && bare <= 12 ? { maybeHours: bare } : {});
}

/** The result for `minutes`, once rounded, or the message for too little or too much. */
function checked(minutes: number, extra: { range?: TimeRange; maybeHours?: number }): DurationResult {
  const rounded = Math.round(minutes);
  if (rounded <= 0) return { ok: false, error: 'That is less than a minute. Enter at least 1 minute.' };
  if (rounded > MAX_ENTRY_MINUTES) {
    return { ok: false, error: `One entry can hold at most 24 h (you entered ${formatDuration(rounded)}). Split longer work into several entries.` };
  }
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

/** How hours and minutes are written, per language. English is the default. */
interface DurationWords {
  hours: string;
  minutes: string;
  /** Between the hours and the minutes. */
  gap: string;
}
const ENGLISH: DurationWords = { hours: ' h', minutes: ' min', gap: ' ' };
const DURATION_WORDS: Record<string, DurationWords> = {
  de: { hours: ' Std.', minutes: ' Min.', gap: ' ' },
  ja: { hours: '時間', minutes: '分', gap: '' },
  zh: { hours: '小时', minutes: '分钟', gap: '' },
  'zh-Hant': { hours: '小時', minutes: '分鐘', gap: '' },
};

function durationWords(locale: string | undefined): DurationWords {
  if (locale === undefined) return ENGLISH;
  try {
    const { language, script } = new Intl.Locale(locale).maximize();
    return DURATION_WORDS[`${language}-${script}`] ?? DURATION_WORDS[language] ?? ENGLISH;
  } catch {
    return ENGLISH; // not a locale tag
  }
}

/**
 * "1 h 30 min", "45 min", "2 h". For people, next to what they typed. With a `locale`, in its
 * language where we have the words: German "1 Std. 30 Min.", Japanese "1時間30分", Chinese
 * "1小时30分钟" (traditional script "1小時30分鐘"); any other language, and no locale, English.
 */
export function formatDuration(minutes: number, locale?: string): string {
  const words = durationWords(locale);
  const m = Math.max(0, Math.round(minutes));
  const h = Math.floor(m / 60);
  const rest = m % 60;
  if (h === 0) return `${rest}${words.minutes}`;
  if (rest === 0) return `${h}${words.hours}`;
  return `${h}${words.hours}${words.gap}${rest}${words.minutes}`;
}

/**
 * The line shown under the duration box for what was understood: "= 1 h 30 min";
 * "9:00–10:30 = 1 h 30 min" for a range ("21:30–0:15 (next day) = 45 min" past midnight);
 * "= 8 min — did you mean 8 h?" for a bare number that may have meant hours.
 */
export function describeDuration(parsed: ParsedDuration): string {
  const shown = `= ${formatDuration(parsed.minutes)}`;
  if (parsed.range) return `${formatTimeRange(parsed.range)} ${shown}`;
  if (parsed.maybeHours !== undefined) return `${shown} — did you mean ${parsed.maybeHours} h?`;
  return shown;
}

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
