import { describe, expect, it } from 'vitest';
import {
  addDays, firstDayOfWeek, formatDay, instantOf, isIsoDate, nextDayStart, relativeDayLabel, toIsoDate, today, wallTimeExists, weekday,
  weekOf, zoneOffsetMinutes,
} from '@/lib/dates';
import fc, { ZONES, instant } from './support/fast-check';

// Every test here names its zone (or uses none): none depends on the machine's zone or today's
// date. tests/unit/dates-local-zone.test.ts runs the browser-zone defaults under several zones.

const ms = (iso: string) => Date.parse(iso);
const iso = (at: number) => new Date(at).toISOString();
const DAY_MS = 86_400_000;

/** Independent oracles: Intl's own calendar date, UTC offset and wall clock of an instant in a zone. */
const formats = new Map<string, Intl.DateTimeFormat>();
function format(key: string, locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  if (!formats.has(key)) formats.set(key, new Intl.DateTimeFormat(locale, options));
  return formats.get(key)!;
}
const oracleDate = (at: number, timeZone: string) =>
  format(`date ${timeZone}`, 'en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
function oracleOffset(at: number, timeZone: string): number {
  const name = format(`offset ${timeZone}`, 'en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(at).find((p) => p.type === 'timeZoneName')!.value;
  const m = /GMT(?:([+-])(\d{2}):(\d{2}))?/.exec(name)!;
  return m[1] ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}
/** The wall clock in a zone at an instant: its date and minutes after midnight. */
function oracleWall(at: number, timeZone: string): { date: string; minute: number } {
  const parts = format(`wall ${timeZone}`, 'en-US', { timeZone, hourCycle: 'h23', hour: 'numeric', minute: 'numeric' }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return { date: oracleDate(at, timeZone), minute: get('hour') * 60 + get('minute') };
}
/** The date `days` after 2000-01-01 (a Saturday), by the platform's UTC calendar. */
const dateFromDays = (days: number) => new Date(Date.UTC(2000, 0, 1) + days * DAY_MS).toISOString().slice(0, 10);
/** Days from year 1000 to 9999, as offsets from 2000-01-01. */
const dayIndex = fc.integer({ min: -365_000, max: 2_920_000 });
const daysIn = (y: number, m: number) => [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;

describe('isIsoDate', () => {
  it.each([
    ['2026-02-28', true], ['2026-02-29', false], ['2028-02-29', true], ['2000-02-29', true], ['2100-02-29', false],
    ['2026-01-01', true], ['2026-12-31', true], ['2026-04-30', true], ['2026-04-31', false], ['2026-01-32', false],
    ['2026-13-01', false], ['2026-00-10', false], ['2026-01-00', false], ['0001-01-01', true], ['0099-12-31', true],
    ['9999-12-31', true], ['2026-2-3', false], ['26-02-03', false], ['20260203', false], ['2026/02/03', false],
    [' 2026-02-03', false], ['2026-02-03 ', false], ['2026-02-03T00:00', false], ['+2026-02-03', false], ['', false],
    ['nonsense', false],
  ])('%j → %s', (value, valid) => {
    expect(isIsoDate(value)).toBe(valid);
  });

  it('is false, without throwing, for what is not a string', () => {
    expect(isIsoDate(undefined as unknown as string)).toBe(false);
    expect(isIsoDate(20260203 as unknown as string)).toBe(false);
  });

  it('holds for exactly the days of the Gregorian calendar', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), (y, m, d) => {
      const text = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
      expect(isIsoDate(text)).toBe(m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m));
    }));
  });
});

describe('zoneOffsetMinutes', () => {
  it.each([
    ['2027-01-15T12:00:00Z', 'America/New_York', -300],
    ['2027-07-15T12:00:00Z', 'America/New_York', -240],
    ['2027-03-14T06:59:59.999Z', 'America/New_York', -300], // the last instant before clocks go forward
    ['2027-03-14T07:00:00Z', 'America/New_York', -240],
    ['2027-11-07T05:59:59Z', 'America/New_York', -240],
    ['2027-11-07T06:00:00Z', 'America/New_York', -300],
    ['2027-01-15T12:00:00.750Z', 'America/New_York', -300], // part of a second: still whole minutes
    ['2027-01-15T12:00:00Z', 'America/St_Johns', -210],
    ['2027-01-15T12:00:00Z', 'Asia/Tokyo', 540],
    ['2027-01-15T12:00:00Z', 'Asia/Kolkata', 330],
    ['2027-01-15T12:00:00Z', 'Asia/Kathmandu', 345],
    ['2027-01-15T12:00:00Z', 'Australia/Lord_Howe', 660],
    ['2027-07-15T12:00:00Z', 'Australia/Lord_Howe', 630],
    ['2027-01-15T12:00:00Z', 'Pacific/Chatham', 825],
    ['2027-01-15T12:00:00Z', 'Pacific/Kiritimati', 840],
    ['2027-01-15T12:00:00Z', 'Pacific/Pago_Pago', -660],
    ['2027-01-15T12:00:00Z', 'UTC', 0],
    ['1969-12-31T23:59:59.500Z', 'UTC', 0], // before 1970: the second is cut downwards
    ['1969-12-31T23:59:59.500Z', 'Asia/Tokyo', 540],
  ])('%s in %s: %d', (at, zone, offset) => {
    expect(zoneOffsetMinutes(ms(at), zone)).toBe(offset);
  });

  it('agrees with Intl in every zone at any instant', () => {
    fc.assert(fc.property(fc.constantFrom(...ZONES), instant(), (zone, at) => {
      expect(zoneOffsetMinutes(at, zone)).toBe(oracleOffset(at, zone));
    }));
  });

  it('without a zone, is the browser zone', () => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    fc.assert(fc.property(instant(), (at) => {
      expect(zoneOffsetMinutes(at)).toBe(zoneOffsetMinutes(at, zone));
    }));
    expect(Object.is(zoneOffsetMinutes(0, 'UTC'), 0)).toBe(true); // not -0
  });

  it('refuses a zone that does not exist', () => {
    expect(() => zoneOffsetMinutes(0, 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});

describe('toIsoDate and today', () => {
  it.each([
    ['2027-01-01T04:59:59Z', 'America/New_York', '2026-12-31'], // year end
    ['2027-01-01T05:00:00Z', 'America/New_York', '2027-01-01'],
    ['2026-12-31T09:59:59Z', 'Pacific/Kiritimati', '2026-12-31'],
    ['2026-12-31T10:00:00Z', 'Pacific/Kiritimati', '2027-01-01'],
    ['2027-01-01T10:59:59Z', 'Pacific/Pago_Pago', '2026-12-31'],
    ['2027-01-01T11:00:00Z', 'Pacific/Pago_Pago', '2027-01-01'],
    ['2028-02-28T14:59:59Z', 'Asia/Tokyo', '2028-02-28'], // leap day
    ['2028-02-28T15:00:00Z', 'Asia/Tokyo', '2028-02-29'],
    ['2028-02-29T15:00:00Z', 'Asia/Tokyo', '2028-03-01'],
    ['2027-02-28T15:00:00Z', 'Asia/Tokyo', '2027-03-01'],
    ['2026-12-31T18:29:59Z', 'Asia/Kolkata', '2026-12-31'],
    ['2026-12-31T18:30:00Z', 'Asia/Kolkata', '2027-01-01'],
    ['2026-12-31T18:14:59Z', 'Asia/Kathmandu', '2026-12-31'],
    ['2026-12-31T18:15:00Z', 'Asia/Kathmandu', '2027-01-01'],
    ['2027-03-14T06:59:59Z', 'America/New_York', '2027-03-14'], // 01:59:59, then the clocks jump
    ['2027-03-15T03:59:59Z', 'America/New_York', '2027-03-14'], // 23:59:59 daylight time
    ['2027-03-15T04:00:00Z', 'America/New_York', '2027-03-15'],
    ['2026-09-06T03:59:59Z', 'America/Santiago', '2026-09-05'],
    ['2026-09-06T04:00:00Z', 'America/Santiago', '2026-09-06'], // midnight skipped: 01:00
    ['2018-02-18T01:59:59Z', 'America/Sao_Paulo', '2018-02-17'],
    ['2018-02-18T02:00:00Z', 'America/Sao_Paulo', '2018-02-17'], // back from 00:00 to 23:00
    ['2018-02-18T03:00:00Z', 'America/Sao_Paulo', '2018-02-18'],
    ['2011-12-30T09:59:59Z', 'Pacific/Apia', '2011-12-29'],
    ['2011-12-30T10:00:00Z', 'Pacific/Apia', '2011-12-31'], // 30 December never happened there
    ['0999-06-01T12:00:00Z', 'UTC', '0999-06-01'], // four-digit year
  ])('%s in %s is %s', (at, zone, date) => {
    expect(toIsoDate(new Date(ms(at)), zone)).toBe(date);
    expect(today(new Date(ms(at)), zone)).toBe(date);
  });

  it('agrees with Intl in every zone at any instant', () => {
    fc.assert(fc.property(fc.constantFrom(...ZONES), instant(), (zone, at) => {
      expect(toIsoDate(new Date(at), zone)).toBe(oracleDate(at, zone));
    }));
  });

  it('without a zone, is the browser zone', () => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    fc.assert(fc.property(instant(), (at) => {
      expect(toIsoDate(new Date(at))).toBe(toIsoDate(new Date(at), zone));
    }));
  });

  it('without a date, is now', () => {
    const before = Date.now();
    const now = [toIsoDate(), today()];
    const after = Date.now();
    for (const date of now) expect([toIsoDate(new Date(before)), toIsoDate(new Date(after))]).toContain(date);
  });
});

describe('instantOf', () => {
  it.each([
    ['2027-03-14', 90, 'America/New_York', '2027-03-14T06:30:00.000Z'], // 01:30 EST
    ['2027-03-14', 150, 'America/New_York', '2027-03-14T07:30:00.000Z'], // 02:30 never showed: 03:30 EDT
    ['2027-03-14', 210, 'America/New_York', '2027-03-14T07:30:00.000Z'], // 03:30 EDT
    ['2027-11-07', 90, 'America/New_York', '2027-11-07T05:30:00.000Z'], // 01:30 showed twice: the first
    ['2027-11-07', 150, 'America/New_York', '2027-11-07T07:30:00.000Z'],
    ['2027-11-07', 0, 'America/New_York', '2027-11-07T04:00:00.000Z'],
    ['2027-03-14', 1440, 'America/New_York', '2027-03-15T04:00:00.000Z'], // on past midnight
    ['2027-03-13', 1440 + 90, 'America/New_York', '2027-03-14T06:30:00.000Z'],
    ['2026-09-06', 0, 'America/Santiago', '2026-09-06T04:00:00.000Z'], // midnight skipped: 01:00
    ['2026-04-04', 1410, 'America/Santiago', '2026-04-05T02:30:00.000Z'], // 23:30 twice: the first
    ['2026-10-04', 135, 'Australia/Lord_Howe', '2026-10-03T15:45:00.000Z'], // 02:15 skipped (half an hour)
    ['2011-12-30', 720, 'Pacific/Apia', '2011-12-30T22:00:00.000Z'], // a day that never happened
    ['2028-02-29', 0, 'Asia/Tokyo', '2028-02-28T15:00:00.000Z'],
    ['2027-01-01', 0, 'UTC', '2027-01-01T00:00:00.000Z'],
    ['2027-01-01', 0, 'Asia/Kathmandu', '2026-12-31T18:15:00.000Z'],
    ['2027-01-01', 0, 'Pacific/Kiritimati', '2026-12-31T10:00:00.000Z'],
  ])('%s minute %d in %s is %s', (date, minute, zone, expected) => {
    expect(iso(instantOf(date, minute, zone))).toBe(expected);
  });

  it('finds back any instant from its wall clock (the first, where the clock showed it twice)', () => {
    fc.assert(fc.property(fc.constantFrom(...ZONES), instant(), (zone, at) => {
      const onMinute = at - (at % 60_000);
      const wall = oracleWall(onMinute, zone);
      const back = instantOf(wall.date, wall.minute, zone);
      expect(oracleWall(back, zone)).toEqual(wall);
      expect(back).toBeLessThanOrEqual(onMinute);
      expect(onMinute - back).toBeLessThanOrEqual(60 * 60_000); // at most the hour repeated
      expect(wallTimeExists(wall.date, wall.minute, zone)).toBe(true);
    }));
  });

  it('without a zone, is the browser zone', () => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    fc.assert(fc.property(dayIndex, fc.integer({ min: 0, max: 1439 }), (days, minute) => {
      const date = dateFromDays(days % 20_000);
      expect(instantOf(date, minute)).toBe(instantOf(date, minute, zone));
      expect(wallTimeExists(date, minute)).toBe(wallTimeExists(date, minute, zone));
    }));
  });
});

describe('wallTimeExists', () => {
  it.each([
    ['2027-03-14', 119, 'America/New_York', true],
    ['2027-03-14', 120, 'America/New_York', false], // 02:00-02:59 skipped
    ['2027-03-14', 150, 'America/New_York', false],
    ['2027-03-14', 179, 'America/New_York', false],
    ['2027-03-14', 180, 'America/New_York', true],
    ['2027-11-07', 90, 'America/New_York', true], // twice, but it exists
    ['2026-09-06', 0, 'America/Santiago', false],
    ['2026-09-06', 60, 'America/Santiago', true],
    ['2026-10-04', 135, 'Australia/Lord_Howe', false],
    ['2011-12-30', 720, 'Pacific/Apia', false],
    ['2027-03-14', 150, 'UTC', true],
  ])('%s minute %d in %s: %s', (date, minute, zone, exists) => {
    expect(wallTimeExists(date, minute, zone)).toBe(exists);
  });
});

describe('nextDayStart', () => {
  it.each([
    ['2027-03-13T17:00:00Z', 'America/New_York', '2027-03-14T05:00:00.000Z'],
    ['2027-03-14T17:00:00Z', 'America/New_York', '2027-03-15T04:00:00.000Z'], // a 23-hour day
    ['2027-11-07T17:00:00Z', 'America/New_York', '2027-11-08T05:00:00.000Z'], // a 25-hour day
    ['2026-09-05T12:00:00Z', 'America/Santiago', '2026-09-06T04:00:00.000Z'], // begins at 01:00
    ['2018-02-18T01:30:00Z', 'America/Sao_Paulo', '2018-02-18T03:00:00.000Z'], // 23:30, the first time
    ['2018-02-18T02:30:00Z', 'America/Sao_Paulo', '2018-02-18T03:00:00.000Z'], // 23:30, the second time
    ['2011-12-29T20:00:00Z', 'Pacific/Apia', '2011-12-30T10:00:00.000Z'], // the next day is 31 December
    ['2027-12-31T12:00:00Z', 'UTC', '2028-01-01T00:00:00.000Z'],
    ['2028-02-28T12:00:00Z', 'UTC', '2028-02-29T00:00:00.000Z'],
    ['2027-01-01T00:00:00Z', 'UTC', '2027-01-02T00:00:00.000Z'], // from midnight itself
    ['2027-01-01T23:59:59.999Z', 'UTC', '2027-01-02T00:00:00.000Z'],
  ])('after %s in %s: %s', (at, zone, expected) => {
    expect(iso(nextDayStart(ms(at), zone))).toBe(expected);
  });

  it('is the first instant of a later date, in every zone', () => {
    fc.assert(fc.property(fc.constantFrom(...ZONES), instant(), (zone, at) => {
      const next = nextDayStart(at, zone);
      expect(next).toBeGreaterThan(at);
      expect(oracleDate(next - 1, zone)).toBe(oracleDate(at, zone));
      expect(oracleDate(next, zone) > oracleDate(at, zone)).toBe(true);
      expect(next - at).toBeLessThanOrEqual(25 * 3_600_000);
    }));
  });
});

describe('addDays', () => {
  it.each([
    ['2026-11-30', 1, '2026-12-01'],
    ['2027-01-01', -1, '2026-12-31'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-03-29', 1, '2026-03-30'], // DST weekend in Europe
    ['2027-03-14', 1, '2027-03-15'], // DST in the US
    ['2027-11-07', -1, '2027-11-06'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2028-02-29', 1, '2028-03-01'],
    ['2027-02-28', 1, '2027-03-01'],
    ['2100-02-28', 1, '2100-03-01'],
    ['2000-02-28', 1, '2000-02-29'],
    ['2028-03-01', -1, '2028-02-29'],
    ['2026-11-16', 0, '2026-11-16'],
    ['2026-11-16', 366, '2027-11-17'],
    ['2026-11-16', -7, '2026-11-09'],
    ['0099-12-31', 1, '0100-01-01'], // years before 100 are not 19xx
    ['0001-01-02', -1, '0001-01-01'],
    ['9999-12-30', 1, '9999-12-31'],
  ])('%s %+d → %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it('counts like the calendar, and back', () => {
    fc.assert(fc.property(dayIndex, fc.integer({ min: -1000, max: 1000 }), (start, days) => {
      const date = dateFromDays(start);
      expect(addDays(date, days)).toBe(dateFromDays(start + days));
      expect(addDays(addDays(date, days), -days)).toBe(date);
    }));
  });
});

describe('weekday', () => {
  it.each([
    ['2027-03-14', 0], ['2026-11-16', 1], ['2028-02-29', 2], ['2026-12-02', 3], ['1970-01-01', 4], ['2027-01-01', 5], ['2000-01-01', 6],
    ['0001-01-01', 1], // proleptic Gregorian calendar
  ])('%s → %d', (date, day) => {
    expect(weekday(date)).toBe(day);
  });

  it('steps one a day, whatever the year', () => {
    fc.assert(fc.property(dayIndex, (days) => {
      expect(weekday(dateFromDays(days))).toBe((((6 + days) % 7) + 7) % 7);
    }));
  });
});

describe('weekOf', () => {
  it.each([
    ['2026-11-22', 1, ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22']],
    ['2026-11-22', 0, ['2026-11-22', '2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28']],
    ['2026-11-22', 6, ['2026-11-21', '2026-11-22', '2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27']],
    ['2027-01-01', 1, ['2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02', '2027-01-03']],
    ['2028-03-01', 0, ['2028-02-27', '2028-02-28', '2028-02-29', '2028-03-01', '2028-03-02', '2028-03-03', '2028-03-04']],
    ['2026-11-16', 1, ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22']],
  ])('%s, first day %d', (date, firstDay, week) => {
    expect(weekOf(date, firstDay)).toEqual(week);
  });

  it('is seven days in a row, starting on the first day, with the date in it', () => {
    fc.assert(fc.property(dayIndex, fc.integer({ min: 0, max: 6 }), (days, firstDay) => {
      const date = dateFromDays(days);
      const week = weekOf(date, firstDay);
      expect(week).toHaveLength(7);
      expect(weekday(week[0]!)).toBe(firstDay);
      week.forEach((d, i) => expect(d).toBe(addDays(week[0]!, i)));
      expect(week).toContain(date);
    }));
  });
});

describe('firstDayOfWeek', () => {
  it.each([
    ['en-US', 0], ['de-DE', 1], ['en-GB', 1], ['fa-IR', 6], ['ar-EG', 6], ['ja-JP', 0], ['not a locale!', 1], ['', 1],
  ])('%j → %d', (locale, day) => {
    expect(firstDayOfWeek(locale)).toBe(day);
  });
});

describe('formatDay', () => {
  it.each([
    ['2027-03-14', 'en-US', 'short', 'Sun, Mar 14'],
    ['2027-03-14', 'en-US', 'long', 'Sunday, Mar 14, 2027'],
    ['2027-03-14', 'en-GB', 'short', 'Sun 14 Mar'],
    ['2027-03-14', 'de-DE', 'long', 'Sonntag, 14. März 2027'],
    ['2028-02-29', 'en-US', 'long', 'Tuesday, Feb 29, 2028'],
    ['2027-01-01', 'ja-JP', 'short', '1月1日(金)'],
  ] as const)('%s in %s (%s): %s', (date, locale, style, label) => {
    expect(formatDay(date, locale, style)).toBe(label);
  });

  it('is short by default, and in the browser language without a locale', () => {
    expect(formatDay('2027-03-14', 'en-US')).toBe('Sun, Mar 14');
    expect(formatDay('2027-03-14')).toBe(formatDay('2027-03-14', new Intl.DateTimeFormat().resolvedOptions().locale));
  });

  it('keeps one formatter per locale and style apart', () => {
    expect([formatDay('2027-03-14', 'de-DE'), formatDay('2027-03-14', 'de-DE', 'long'), formatDay('2027-03-14', 'en-US')]).toEqual([
      'So., 14. März', 'Sonntag, 14. März 2027', 'Sun, Mar 14',
    ]);
  });
});

describe('relativeDayLabel', () => {
  const noon = new Date(ms('2027-03-14T12:00:00Z'));
  it.each([
    ['2027-03-14', 'UTC', 'Today'],
    ['2027-03-13', 'UTC', 'Yesterday'],
    ['2027-03-12', 'UTC', 'Friday, Mar 12, 2027'],
    ['2027-03-15', 'UTC', 'Monday, Mar 15, 2027'],
    ['2027-03-15', 'Pacific/Kiritimati', 'Today'], // already the 15th there
    ['2027-03-14', 'Pacific/Kiritimati', 'Yesterday'],
    ['2027-03-14', 'Pacific/Pago_Pago', 'Today'],
  ])('%s seen at noon UTC in %s: %s', (date, zone, label) => {
    expect(relativeDayLabel(date, noon, 'en-US', zone)).toBe(label);
  });

  it('formats other days in the locale', () => {
    expect(relativeDayLabel('2027-03-12', noon, 'de-DE', 'UTC')).toBe('Freitag, 12. März 2027');
  });

  it('uses the browser zone and now by default', () => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    expect(relativeDayLabel(toIsoDate(noon, zone), noon)).toBe('Today');
    const before = Date.now();
    const label = relativeDayLabel(toIsoDate(new Date(before)));
    expect(label === 'Today' || toIsoDate(new Date(Date.now())) !== toIsoDate(new Date(before))).toBe(true);
  });
});
