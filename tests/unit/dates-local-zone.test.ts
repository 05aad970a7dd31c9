/**
 * The browser-zone defaults of lib/dates.ts and lib/day-split.ts, run with the process in each of
 * several zones (process.env.TZ, which Node applies at once in a process of its own: vitest's
 * default "forks" pool). Each zone is checked to be in force first, so a runner that cannot switch
 * zones (worker threads) fails here instead of passing without testing anything. Stryker runs its
 * tests in threads, so this file is left out of the mutation run (vitest.mutation.config.ts); there,
 * dates.test.ts compares the defaults with the zone Stryker's run is set to.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addDays, formatDay, instantOf, isIsoDate, nextDayStart, relativeDayLabel, toIsoDate, today, wallTimeExists, weekOf, weekday,
  zoneOffsetMinutes,
} from '@/lib/dates';
import { splitRunByDay, timerRunParts } from '@/lib/day-split';

const ms = (iso: string) => Date.parse(iso);
const saved = process.env.TZ;
afterAll(() => {
  if (saved === undefined) delete process.env.TZ;
  else process.env.TZ = saved;
});

/** Instants around the year end, a leap day and both DST changes of 2027/2028 (US and Europe). */
const INSTANTS = [
  '2027-01-01T00:00:00Z', '2026-12-31T23:30:00Z', '2027-03-14T06:59:59Z', '2027-03-14T07:00:00Z', '2027-03-28T00:59:59Z',
  '2027-03-28T01:00:00Z', '2027-10-31T00:30:00Z', '2027-10-31T01:30:00Z', '2027-11-07T05:30:00Z', '2027-11-07T06:30:00Z',
  '2028-02-28T23:00:00Z', '2028-02-29T12:00:00Z', '2028-03-01T00:30:00Z',
].map(ms);

describe.each([
  ['America/New_York', -300],
  ['Europe/Berlin', 60],
  ['Asia/Tokyo', 540],
  ['Asia/Kathmandu', 345],
  ['Australia/Lord_Howe', 660],
  ['Pacific/Kiritimati', 840],
  ['Pacific/Pago_Pago', -660],
  ['UTC', 0],
])('with the browser in %s', (zone, januaryOffset) => {
  beforeAll(() => {
    process.env.TZ = zone;
  });

  it('is in that zone', () => {
    // (Compared as Intl spells the zone: ICU calls Asia/Kathmandu "Asia/Katmandu".)
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe(new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone);
    expect(0 - new Date(ms('2027-01-15T12:00:00Z')).getTimezoneOffset()).toBe(januaryOffset);
  });

  it('reads instants as that zone does', () => {
    for (const at of INSTANTS) {
      expect(zoneOffsetMinutes(at)).toBe(zoneOffsetMinutes(at, zone));
      expect(toIsoDate(new Date(at))).toBe(toIsoDate(new Date(at), zone));
      expect(today(new Date(at))).toBe(toIsoDate(new Date(at), zone));
      expect(nextDayStart(at)).toBe(nextDayStart(at, zone));
    }
  });

  it('finds wall-clock times where the browser itself does (new Date(y, m, d, h, min))', () => {
    for (const date of ['2027-01-01', '2027-03-14', '2027-03-28', '2027-10-31', '2027-11-07', '2028-02-29']) {
      const [y, m, d] = date.split('-').map(Number) as [number, number, number];
      for (let minute = 0; minute < 1440; minute += 15) {
        expect(instantOf(date, minute)).toBe(new Date(y, m - 1, d, 0, minute).getTime());
        expect(instantOf(date, minute)).toBe(instantOf(date, minute, zone));
        const shown = new Date(y, m - 1, d, 0, minute);
        expect(wallTimeExists(date, minute)).toBe(shown.getHours() * 60 + shown.getMinutes() === minute);
      }
    }
  });

  it('splits runs at the midnights of that zone', () => {
    const start = ms('2027-03-13T20:00:00Z');
    const end = ms('2027-03-15T09:00:00Z');
    expect(splitRunByDay(start, end)).toEqual(splitRunByDay(start, end, zone));
    expect(timerRunParts(start, end)).toEqual(timerRunParts(start, end, zone));
  });

  it('computes calendar dates the same as in UTC', () => {
    expect(addDays('2027-03-14', 1)).toBe('2027-03-15');
    expect(addDays('2027-11-07', -1)).toBe('2027-11-06');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(weekday('2027-03-14')).toBe(0);
    expect(weekOf('2027-03-31', 1)).toEqual(['2027-03-29', '2027-03-30', '2027-03-31', '2027-04-01', '2027-04-02', '2027-04-03', '2027-04-04']);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(formatDay('2027-03-14', 'en-US', 'long')).toBe('Sunday, Mar 14, 2027');
    const noon = new Date(instantOf('2027-03-14', 720));
    expect(relativeDayLabel('2027-03-14', noon, 'en-US')).toBe('Today');
    expect(relativeDayLabel('2027-03-13', noon, 'en-US')).toBe('Yesterday');
  });
});
