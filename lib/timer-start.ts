/**
 * Moving a running timer's start (issue 18.3): the time typed is when the person really began.
 * The timer stays a start time (lib/background/timer.ts): moving it changes what a stop logs and
 * nothing else, and a run made long by the move asks on stopping like any other (lib/timer-run.ts).
 */
import { addDays, instantOf, toIsoDate, wallTimeExists } from './dates';
import { t } from './i18n';
import { parseClockTime } from './time-range';

/** How far a −5 / +5 button moves the start. */
export const NUDGE_MINUTES = 5;

export type StartReading =
  | { ok: true; startedAt: number; date: string; yesterday: boolean }
  | { ok: false; error: string };

/**
 * The start a typed time of day means at `now`: today at that time, or, when that is later than
 * now, yesterday at that time (a timer cannot have started in the future: "23:50" typed at 00:10
 * is last night). `timeZone`: the browser's when left out.
 */
export function readStartTime(text: string, now: number, timeZone?: string): StartReading {
  const typed = text.normalize('NFKC').trim().toLowerCase();
  const minute = parseClockTime(typed);
  if (minute === null) return { ok: false, error: t('startNotTime', text.trim()) };
  const todayDate = toIsoDate(new Date(now), timeZone);
  let date = todayDate;
  if (instantOf(date, minute, timeZone) > now) date = addDays(todayDate, -1);
  if (!wallTimeExists(date, minute, timeZone)) return { ok: false, error: t('rangeSkipped', text.trim()) };
  return { ok: true, startedAt: instantOf(date, minute, timeZone), date, yesterday: date !== todayDate };
}

/** The start moved by `minutes` (negative: earlier, a longer run), never after `now`. */
export const nudgeStart = (startedAt: number, minutes: number, now: number): number => Math.min(now, startedAt + minutes * 60_000);
