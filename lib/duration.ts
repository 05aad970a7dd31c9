/**
 * Durations as people type them, and as we show them. One parser for the widget, the popup and
 * the timesheet, so "1,5h" means the same everywhere.
 */

/** The most one time entry may hold. Longer work is logged as several entries. */
export const MAX_ENTRY_MINUTES = 24 * 60;

export type DurationResult = { ok: true; minutes: number } | { ok: false; error: string };

const HINT = 'Type a duration like 1h 30m, 90m, 1:30 or 1.5h.';

const UNIT_MINUTES: Record<string, number> = {
  h: 60, hr: 60, hrs: 60, hour: 60, hours: 60, std: 60,
  m: 1, min: 1, mins: 1, minute: 1, minutes: 1,
};

/**
 * Parses a typed duration into whole minutes.
 * Accepts `1h 30m`, `1h30`, `1.5h`, `1,5h`, `90m`, `90` (minutes), `1:30`, `2h`, `45 min`, and
 * `1.5` (a bare number with a decimal point is hours). Refuses zero, negatives, nonsense and more
 * than {@link MAX_ENTRY_MINUTES}, each with a message that says what to do.
 */
export function parseDuration(input: string): DurationResult {
  const text = String(input ?? '').trim().toLowerCase().replace(/\s+/g, ' ');
  if (text === '') return { ok: false, error: `Enter how long you worked. ${HINT}` };
  if (/^-/.test(text)) return { ok: false, error: 'A duration cannot be negative. Enter the time you worked, e.g. 45m.' };

  const minutes = parseMinutes(text);
  if (minutes === null) return { ok: false, error: `"${String(input).trim()}" is not a duration we understand. ${HINT}` };
  const rounded = Math.round(minutes);
  if (rounded <= 0) return { ok: false, error: 'That is less than a minute. Enter at least 1 minute.' };
  if (rounded > MAX_ENTRY_MINUTES) {
    return { ok: false, error: `One entry can hold at most 24 h (you entered ${formatDuration(rounded)}). Split longer work into several entries.` };
  }
  return { ok: true, minutes: rounded };
}

function parseMinutes(text: string): number | null {
  // h:mm
  const clock = /^(\d{1,2}):([0-5]\d)$/.exec(text);
  if (clock) return Number(clock[1]) * 60 + Number(clock[2]);

  // A bare number: integer = minutes, decimal = hours.
  const bare = /^(\d+(?:[.,]\d+)?|[.,]\d+)$/.exec(text);
  if (bare) {
    const raw = bare[1]!;
    const value = toNumber(raw);
    return /[.,]/.test(raw) ? value * 60 : value;
  }

  // Number-unit pairs: "1h 30m", "1h30", "1.5h", "45 min", "2 hours 5 minutes".
  const pair = /(\d+(?:[.,]\d+)?|[.,]\d+)\s*([a-z]+)?/gy;
  let total = 0;
  let sawUnit = false;
  let lastUnit = '';
  let pos = 0;
  let match: RegExpExecArray | null;
  while (pos < text.length) {
    while (text[pos] === ' ') pos++;
    if (pos >= text.length) break;
    pair.lastIndex = pos;
    match = pair.exec(text);
    if (!match) return null;
    pos = pair.lastIndex;
    const value = toNumber(match[1]!);
    const unit = match[2];
    if (unit === undefined) {
      // "1h30": a trailing bare number after hours is minutes.
      if (lastUnit !== 'h' || pos < text.length) return null;
      total += value;
      lastUnit = 'm';
      continue;
    }
    const factor = UNIT_MINUTES[unit];
    if (factor === undefined) return null;
    const normalized = factor === 60 ? 'h' : 'm';
    if (normalized === lastUnit) return null; // "1h 2h"
    if (lastUnit === 'm' && normalized === 'h') return null; // "30m 1h"
    total += value * factor;
    sawUnit = true;
    lastUnit = normalized;
  }
  return sawUnit ? total : null;
}

function toNumber(raw: string): number {
  return Number(raw.replace(',', '.'));
}

/** "1 h 30 min", "45 min", "2 h". For people, next to what they typed. */
export function formatDuration(minutes: number): string {
  const m = Math.max(0, Math.round(minutes));
  const h = Math.floor(m / 60);
  const rest = m % 60;
  if (h === 0) return `${rest} min`;
  if (rest === 0) return `${h} h`;
  return `${h} h ${rest} min`;
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
