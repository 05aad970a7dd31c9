import { describe, expect, it } from 'vitest';
import { formatTimeOfDay, formatTimeRange, parseTimeRange } from '@/lib/time-range';

// parseDuration's tests (duration.test.ts) hold the many ways to write a range; here, what this
// module gives on its own. Its input is already lower-cased and NFKC-normalized by parseDuration.

describe('parseTimeRange', () => {
  it.each([['90'], ['1h 30m'], ['1:30'], ['-30m'], ['1-2h'], ['9:00-'], ['-10:30'], ['9:00 10:30'], ['9:0-10:00'], ['9:000-10:00'], ['123-4'], ['9:00-10:30-11:00'], ['ab-cd'], ['9 to'], ['9to10']])(
    'leaves %j to the duration parser',
    (text) => {
      expect(parseTimeRange(text)).toBeNull();
    },
  );

  it('gives the minutes and the range', () => {
    expect(parseTimeRange('9:00-10:30')).toEqual({ ok: true, minutes: 90, range: { startMinute: 540, endMinute: 630, overnight: false } });
    expect(parseTimeRange('21:30-0:15')).toEqual({ ok: true, minutes: 165, range: { startMinute: 1290, endMinute: 15, overnight: true } });
  });

  it('counts real minutes on a given day and zone, and wall-clock minutes without', () => {
    expect(parseTimeRange('1:30-3:30')).toMatchObject({ ok: true, minutes: 120 });
    expect(parseTimeRange('1:30-3:30', { date: '2027-03-14', timeZone: 'America/New_York' })).toMatchObject({ ok: true, minutes: 60 });
    expect(parseTimeRange('1:30-3:30', { date: '2027-03-14', timeZone: 'Europe/Berlin' })).toMatchObject({ ok: true, minutes: 120 });
    expect(parseTimeRange('1:30-3:30', { date: '2027-03-28', timeZone: 'Europe/Berlin' })).toMatchObject({ ok: true, minutes: 60 });
  });

  it('says which time the clocks skipped', () => {
    expect(parseTimeRange('2:15-4:00', { date: '2027-03-28', timeZone: 'Europe/Berlin' })).toEqual({
      ok: false,
      error: 'There was no 2:15 that night: the clocks went forward. Type the times your clock showed.',
    });
    expect(parseTimeRange('23:00-2:10', { date: '2027-03-27', timeZone: 'Europe/Berlin' })).toEqual({
      ok: false,
      error: 'There was no 2:10 that night: the clocks went forward. Type the times your clock showed.',
    });
  });
});

describe('formatTimeOfDay', () => {
  it.each([[0, '0:00'], [5, '0:05'], [540, '9:00'], [630, '10:30'], [1290, '21:30'], [1439, '23:59'], [1440, '24:00']])('%d → %s', (minute, text) => {
    expect(formatTimeOfDay(minute)).toBe(text);
  });
});

describe('formatTimeRange', () => {
  it.each([
    [{ startMinute: 540, endMinute: 630, overnight: false }, '9:00–10:30'],
    [{ startMinute: 1290, endMinute: 15, overnight: true }, '21:30–0:15 (next day)'],
    [{ startMinute: 1320, endMinute: 1440, overnight: false }, '22:00–24:00'],
  ])('%j → %s', (range, text) => {
    expect(formatTimeRange(range)).toBe(text);
  });
});
