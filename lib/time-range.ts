/**
 * A start and an end typed instead of a duration: `9:00-10:30`, `9-10:30`, `14:15–15`,
 * `9am-11:15am`, `21:30-00:15` (past midnight), `9.00-10.30`, `9:00 bis 10:30`, `9時～10時半`.
 * The duration box (lib/duration.ts) asks here first; text that is not shaped like a range is
 * left to the duration parser.
 */
import { t } from './i18n';
import { instantOf, wallTimeExists } from './dates';

const DAY_MINUTES = 24 * 60;

/** A range of clock times, as the hint shows it back ("9:00–10:30 = 1 h 30 min"). */
export interface TimeRange {
  /** When the work began: minutes after midnight, 0–1439. */
  startMinute: number;
  /** When it ended: minutes after midnight of the day it ended on, 0–1440 (1440 is `24:00`). */
  endMinute: number;
  /** True when it ended on the next day (`21:30-00:15`). The entry's date is the day it began. */
  overnight: boolean;
}

export type TimeRangeResult =
  | { ok: true; minutes: number; range: TimeRange }
  | { ok: false; error: string };

/** The day the range was on and its zone, to count real minutes on a night the clocks change. */
export interface RangeDay {
  /** `YYYY-MM-DD`: the day the range began. */
  date: string;
  /** IANA zone; the browser's own when left out. */
  timeZone?: string;
}


/**
 * Between the two times: a dash (hyphen, en or em dash, minus sign), a tilde (also the Japanese
 * wave dash and the long-vowel mark a Japanese keyboard gives for "-"), the words to, till,
 * until and bis, or から / 到 / 至. `from`, `von` before and `まで` after are allowed.
 */
const RANGE = /^(?:from |von )?(.+?) ?(?:[-–—−~〜ー]| to | till | until | bis |から|到|至) ?(.+?)(?:まで)?$/;

/**
 * One clock time: `9`, `09`, `9:30`, `9.30`, each with an optional `am`/`pm` (`a.m.`, `a`…) or
 * `Uhr`; or `9時`, `9時30分`, `9時半` (Japanese), `9点`, `9點半` (Chinese).
 */
const LATIN_TIME = /^(\d{1,2})(?:[:.](\d{2}))? ?(am|pm|a\.m\.|p\.m\.|a|p)?(?: ?uhr)?$/;
const CJK_TIME = /^(\d{1,2})[時时点點](?:(\d{1,2})分|(半))?$/;

interface ClockTime {
  /** Minutes after midnight as written, read on a 24-hour clock (`5` is 5:00). */
  minute: number;
  /** Whether `am`/`pm` was written (then `minute` is exact). */
  meridiem: boolean;
  /** What was typed, for messages. */
  text: string;
}

/** A clock time, `undefined` when the text is not shaped like one, or a message when it is but is impossible. */
function readClockTime(text: string): ClockTime | undefined | string {
  const latin = LATIN_TIME.exec(text);
  const cjk = latin ? null : CJK_TIME.exec(text);
  if (!latin && !cjk) return undefined;
  const match = (latin ?? cjk)!;
  const hour = Number(match[1]);
  const minute = match[3] === '半' ? 30 : Number(match[2] ?? 0);
  const notATime = t('rangeNotTime', text, t('rangeHelp'));
  if (minute > 59) return notATime;
  const meridiem = latin?.[3];
  if (meridiem !== undefined) {
    if (hour < 1 || hour > 12) return notATime;
    const pm = meridiem.startsWith('p');
    return { minute: ((hour % 12) + (pm ? 12 : 0)) * 60 + minute, meridiem: true, text };
  }
  if (hour * 60 + minute > DAY_MINUTES) return notATime;
  return { minute: hour * 60 + minute, meridiem: false, text };
}

/**
 * One clock time typed alone (a timer's start, issue 18.3): minutes after midnight, 0–1439, read
 * as the range's times are (`9:05`, `14.30`, `9am`, `9時半`; a bare `9` is 9:00), or null when
 * the text is no time of day.
 */
export function parseClockTime(text: string): number | null {
  const time = readClockTime(text.trim().toLowerCase());
  return time && typeof time === 'object' && time.minute < DAY_MINUTES ? time.minute : null;
}

/** The readings of a time: with am/pm or after 12, one; `1`–`12` alone, as morning or afternoon. */
function readings(time: ClockTime): number[] {
  const hour = Math.floor(time.minute / 60);
  if (time.meridiem || hour < 1 || hour > 12) return [time.minute];
  return [time.minute, (time.minute + 12 * 60) % DAY_MINUTES];
}

/** Minutes from `start` to `end` on a clock, going on past midnight when the end is not later; 1–1440. */
const forward = (start: number, end: number): number => (end > start ? end - start : end - start + DAY_MINUTES);

/** Of the readings, the one that ends (or starts) closest to the other time: "9-11am" is 9–11 am. */
function closest(candidates: number[], length: (candidate: number) => number): number {
  return candidates.reduce((best, c) => (length(c) < length(best) ? c : best));
}

/**
 * Reads a start and an end. Returns null when the text is not shaped like a range (so that the
 * caller can try it as a duration), or the minutes between them with the range, or a message.
 *
 * Reading the hours: a time with am/pm, or written over 12 (`14:15`), is what it says. A bare
 * start (`9`) is a 24-hour time, unless only the end has am/pm: then it is the reading closest
 * before the end (`9-11am`, `5-9pm` is 17–21). A bare end of 1–12 is the reading closest after
 * the start: `9-5` is 9:00–17:00, `22-6` ends at 6:00 the next day, `12-1` is 12:00–13:00.
 * An end before the start is on the next day. With `on`, the minutes are those that really passed
 * on that day in its zone (on the night clocks go forward `1:30-3:30` is 60 minutes).
 */
export function parseTimeRange(text: string, on?: RangeDay): TimeRangeResult | null {
  const match = RANGE.exec(text);
  if (!match) return null;
  const start = readClockTime(match[1]!);
  const end = readClockTime(match[2]!);
  if (start === undefined || end === undefined) return null;
  if (typeof start === 'string') return { ok: false, error: start };
  if (typeof end === 'string') return { ok: false, error: end };
  if (start.minute === DAY_MINUTES) return { ok: false, error: t('rangeStart24') };
  if (start.minute === end.minute) return { ok: false, error: t('rangeSame', start.text) };

  const startMinute = !start.meridiem && end.meridiem
    ? closest(readings(start), (s) => forward(s, end.minute))
    : start.minute;
  const endMinute = closest(readings(end), (e) => forward(startMinute, e));
  const overnight = endMinute < startMinute;
  const range: TimeRange = { startMinute, endMinute, overnight };
  const wallMinutes = endMinute - startMinute + (overnight ? DAY_MINUTES : 0);
  if (!on) return { ok: true, minutes: wallMinutes, range };

  const endOfDay = startMinute + wallMinutes;
  const skipped = [startMinute, endOfDay].find((m) => !wallTimeExists(on.date, m, on.timeZone));
  if (skipped !== undefined) {
    return { ok: false, error: t('rangeSkipped', formatTimeOfDay(skipped % DAY_MINUTES)) };
  }
  const from = instantOf(on.date, startMinute, on.timeZone);
  const to = instantOf(on.date, endOfDay, on.timeZone);
  return { ok: true, minutes: Math.round((to - from) / 60_000), range };
}

/** `9:00`, `21:30`, `24:00`: minutes after midnight on a 24-hour clock. */
export function formatTimeOfDay(minuteOfDay: number): string {
  return `${Math.floor(minuteOfDay / 60)}:${String(minuteOfDay % 60).padStart(2, '0')}`;
}

/** `9:00–10:30`, with an en dash; `21:30–0:15 (next day)` past midnight. */
export function formatTimeRange(range: TimeRange): string {
  const text = `${formatTimeOfDay(range.startMinute)}–${formatTimeOfDay(range.endMinute)}`;
  return range.overnight ? t('rangeNextDay', text) : text;
}
