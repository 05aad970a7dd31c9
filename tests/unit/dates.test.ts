import { describe, expect, it } from 'vitest';
import { addDays, firstDayOfWeek, isIsoDate, toIsoDate, weekOf } from '@/lib/dates';

describe('dates', () => {
  it('validates calendar dates', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('2026-2-3')).toBe(false);
  });
  it('adds days across month and year ends', () => {
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30'); // DST weekend in Europe
  });
  it('uses local dates', () => {
    expect(toIsoDate(new Date(2026, 10, 22, 23, 59))).toBe('2026-11-22');
  });
  it('builds a week starting on the locale first day', () => {
    expect(weekOf('2026-11-22', 1)).toEqual(['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22']);
    expect(weekOf('2026-11-22', 0)[0]).toBe('2026-11-22');
    expect(weekOf('2026-12-02', 1)).toContain('2026-11-30'); // spans a month boundary
  });
  it('knows locales that start weeks on Sunday and Monday', () => {
    expect(firstDayOfWeek('en-US')).toBe(0);
    expect(firstDayOfWeek('de-DE')).toBe(1);
    expect(firstDayOfWeek('not a locale!')).toBe(1);
  });
});
