import { describe, expect, it } from 'vitest';
import { minutesToLog, splitRunByDay, timerRunParts } from '@/lib/day-split';
import fc, { ZONES, instant } from './support/fast-check';

// Every run here names its zone: none depends on the machine's zone or today's date.

const ms = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;
const formats = new Map<string, Intl.DateTimeFormat>();
/** Intl's own calendar date of an instant in a zone (the oracle). */
function dateIn(at: number, timeZone: string): string {
  if (!formats.has(timeZone)) formats.set(timeZone, new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }));
  return formats.get(timeZone)!.format(at);
}
const sum = (parts: Array<{ minutes: number }>) => parts.reduce((total, p) => total + p.minutes, 0);

describe('minutesToLog: the timer rounds to the nearest minute, at least 1, at most 24 h', () => {
  it.each([
    [-5, 1], [0, 1], [29, 1], [30, 1], [89, 1], [90, 2], [149, 2], [150, 3], [3600, 60], [86_400, 1440], [86_430, 1440], [1e9, 1440],
  ])('%d s → %d min', (seconds, minutes) => {
    expect(minutesToLog(seconds)).toBe(minutes);
  });
});

describe('splitRunByDay', () => {
  it.each([
    ['a run that stays in its day', '2027-05-10T09:00:00Z', '2027-05-10T10:30:00Z', 'UTC', [['2027-05-10', 90]]],
    ['2 h across midnight', '2027-05-10T23:00:00Z', '2027-05-11T01:00:00Z', 'UTC', [['2027-05-10', 60], ['2027-05-11', 60]]],
    ['2 h across midnight, seconds falling badly', '2027-05-10T23:10:40Z', '2027-05-11T01:10:40Z', 'UTC', [['2027-05-10', 49], ['2027-05-11', 71]]],
    ['20 s before midnight: too little for its day', '2027-05-10T23:59:40Z', '2027-05-11T01:59:40Z', 'UTC', [['2027-05-11', 120]]],
    ['30 s before midnight: a minute', '2027-05-10T23:59:30Z', '2027-05-11T01:59:30Z', 'UTC', [['2027-05-10', 1], ['2027-05-11', 119]]],
    ['01:30 to 03:30 the night New York clocks go forward', '2027-03-14T06:30:00Z', '2027-03-14T07:30:00Z', 'America/New_York', [['2027-03-14', 60]]],
    ['01:00 to 02:00 the night New York clocks go back (the first 01:00)', '2027-11-07T05:00:00Z', '2027-11-07T07:00:00Z', 'America/New_York', [['2027-11-07', 120]]],
    ['New York midnight in local time, not UTC', '2027-05-10T23:00:00Z', '2027-05-11T05:00:00Z', 'America/New_York', [['2027-05-10', 300], ['2027-05-11', 60]]],
    ['over 29 February in Tokyo', '2028-02-28T14:00:00Z', '2028-02-29T16:00:00Z', 'Asia/Tokyo', [['2028-02-28', 60], ['2028-02-29', 1440], ['2028-03-01', 60]]],
    ['the year end where it comes first', '2026-12-31T09:00:00Z', '2026-12-31T11:00:00Z', 'Pacific/Kiritimati', [['2026-12-31', 60], ['2027-01-01', 60]]],
    ['New York 23-hour day, midnight to midnight', '2027-03-14T05:00:00Z', '2027-03-15T04:00:00Z', 'America/New_York', [['2027-03-14', 1380]]],
    ['New York 25-hour day, midnight to midnight: cut to 24 h', '2027-11-07T04:00:00Z', '2027-11-08T05:00:00Z', 'America/New_York', [['2027-11-07', 1440]]],
    ['Santiago, whose clocks skip midnight', '2026-09-06T03:00:00Z', '2026-09-06T05:00:00Z', 'America/Santiago', [['2026-09-05', 60], ['2026-09-06', 60]]],
    ['Sao Paulo, whose clocks went back at midnight', '2018-02-18T01:00:00Z', '2018-02-18T04:00:00Z', 'America/Sao_Paulo', [['2018-02-17', 120], ['2018-02-18', 60]]],
    ['Samoa, which skipped 30 December 2011', '2011-12-30T08:00:00Z', '2011-12-30T12:00:00Z', 'Pacific/Apia', [['2011-12-29', 120], ['2011-12-31', 120]]],
    ['Kathmandu, +05:45', '2027-05-10T18:00:00Z', '2027-05-10T18:30:00Z', 'Asia/Kathmandu', [['2027-05-10', 15], ['2027-05-11', 15]]],
  ])('%s', (_, start, end, zone, parts) => {
    expect(splitRunByDay(ms(start), ms(end), zone)).toEqual(parts.map(([date, minutes]) => ({ date, minutes })));
  });

  it.each([
    ['no time', '2027-05-10T09:00:00Z', '2027-05-10T09:00:00Z'],
    ['an end before the start', '2027-05-10T09:00:00Z', '2027-05-10T08:00:00Z'],
    ['under half a minute', '2027-05-10T09:00:00Z', '2027-05-10T09:00:29.999Z'],
  ])('gives no parts for %s', (_, start, end) => {
    expect(splitRunByDay(ms(start), ms(end), 'UTC')).toEqual([]);
  });

  it('adds up to the whole run rounded to the minute, one part per day in order, in every zone', () => {
    fc.assert(fc.property(fc.constantFrom(...ZONES), instant(), fc.integer({ min: 0, max: 24 * HOUR }), (zone, start, length) => {
      const parts = splitRunByDay(start, start + length, zone);
      expect(sum(parts)).toBe(Math.round(length / 60_000));
      for (const [i, part] of parts.entries()) {
        expect(part.minutes).toBeGreaterThanOrEqual(1);
        expect(part.minutes).toBeLessThanOrEqual(1440);
        if (i > 0) expect(part.date > parts[i - 1]!.date).toBe(true);
      }
    }));
  });

  it('gives each day its own minutes, within a minute (counted minute by minute with Intl)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), instant(), fc.integer({ min: 1, max: 40 * 60 }), (zone, start, minutes) => {
        const counted = new Map<string, number>();
        for (let m = 0; m < minutes; m++) {
          const date = dateIn(start + m * 60_000 + 30_000, zone); // each minute by its middle
          counted.set(date, (counted.get(date) ?? 0) + 1);
        }
        const parts = splitRunByDay(start, start + minutes * 60_000, zone);
        for (const part of parts) expect(Math.abs(part.minutes - (counted.get(part.date) ?? 0))).toBeLessThanOrEqual(1);
        for (const [date, count] of counted) if (count > 1) expect(parts.map((p) => p.date)).toContain(date);
      }),
    );
  });
});

describe('timerRunParts: what the timer logs, day by day', () => {
  it.each([
    ['20 s', '2027-05-10T09:00:00Z', '2027-05-10T09:00:20Z', [['2027-05-10', 1]]],
    ['29.999 s', '2027-05-10T09:00:00Z', '2027-05-10T09:00:29.999Z', [['2027-05-10', 1]]],
    ['30 s', '2027-05-10T09:00:00Z', '2027-05-10T09:00:30Z', [['2027-05-10', 1]]],
    ['90 s', '2027-05-10T09:00:00Z', '2027-05-10T09:01:30Z', [['2027-05-10', 2]]],
    ['an end before the start (the clock was set back)', '2027-05-10T09:00:00Z', '2027-05-10T08:00:00Z', [['2027-05-10', 1]]],
    ['20 s across midnight: 1 minute on the day it started', '2027-05-10T23:59:50Z', '2027-05-11T00:00:10Z', [['2027-05-10', 1]]],
    ['2 h across midnight', '2027-05-10T23:00:00Z', '2027-05-11T01:00:00Z', [['2027-05-10', 60], ['2027-05-11', 60]]],
    ['30 h: the first 24', '2027-05-10T20:00:00Z', '2027-05-12T02:00:00Z', [['2027-05-10', 240], ['2027-05-11', 1200]]],
    ['exactly 24 h', '2027-05-10T20:00:00Z', '2027-05-11T20:00:00Z', [['2027-05-10', 240], ['2027-05-11', 1200]]],
  ])('%s', (_, start, end, parts) => {
    expect(timerRunParts(ms(start), ms(end), 'UTC')).toEqual(parts.map(([date, minutes]) => ({ date, minutes })));
  });

  it('logs the day it started in the zone it is given', () => {
    expect(timerRunParts(ms('2027-05-10T23:59:50Z'), ms('2027-05-10T23:59:55Z'), 'Asia/Tokyo')).toEqual([{ date: '2027-05-11', minutes: 1 }]);
    expect(timerRunParts(ms('2027-05-10T23:00:00Z'), ms('2027-05-11T01:00:00Z'), 'America/New_York')).toEqual([{ date: '2027-05-10', minutes: 120 }]);
  });

  it('logs in all exactly what the timer logged before runs were split', () => {
    fc.assert(fc.property(fc.constantFrom(...ZONES), instant(), fc.integer({ min: -HOUR, max: 30 * HOUR }), (zone, start, length) => {
      const elapsedSeconds = Math.max(0, Math.floor(length / 1000)); // as lib/background/timer.ts counts
      expect(sum(timerRunParts(start, start + length, zone))).toBe(minutesToLog(elapsedSeconds));
    }));
  });
});
