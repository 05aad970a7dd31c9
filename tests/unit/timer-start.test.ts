import { describe, expect, it } from 'vitest';
import { parseClockTime } from '@/lib/time-range';
import { nudgeStart, readStartTime } from '@/lib/timer-start';

// Every reading names its zone, so none depends on the machine's.
const BERLIN = 'Europe/Berlin';
const at = (iso: string) => Date.parse(iso);

describe('parseClockTime', () => {
  it.each([
    ['9:05', 545], ['09:05', 545], ['9.05', 545], ['9', 540], ['14:30', 870], ['0:00', 0], ['23:59', 1439], ['9am', 540], ['9:15pm', 1275], ['12am', 0], ['9時半', 570],
  ])('reads %j as minute %d of the day', (text, minute) => {
    expect(parseClockTime(text)).toBe(minute);
  });
  it.each([['24:00'], ['9:60'], ['25'], ['13pm'], ['soon'], [''], ['9:00-10:00'], ['1h']])('reads %j as no time of day', (text) => {
    expect(parseClockTime(text)).toBeNull();
  });
});

describe('readStartTime', () => {
  const now = at('2027-06-09T10:30:00+02:00'); // 10:30 in Berlin

  it('takes a time before now as today', () => {
    expect(readStartTime('9:05', now, BERLIN)).toEqual({ ok: true, startedAt: at('2027-06-09T09:05:00+02:00'), date: '2027-06-09', yesterday: false });
    expect(readStartTime(' １０:３０ ', now, BERLIN)).toMatchObject({ ok: true, startedAt: now, yesterday: false });
  });

  it('takes a time later than now as yesterday, and says so', () => {
    expect(readStartTime('10:31', now, BERLIN)).toEqual({ ok: true, startedAt: at('2027-06-08T10:31:00+02:00'), date: '2027-06-08', yesterday: true });
    // Just after midnight, last night's 23:50 (New Year's Eve: the day before is in the old year).
    expect(readStartTime('23:50', at('2028-01-01T00:10:00+01:00'), BERLIN)).toEqual({ ok: true, startedAt: at('2027-12-31T23:50:00+01:00'), date: '2027-12-31', yesterday: true });
  });

  it('refuses what is no time of day, with what was typed', () => {
    expect(readStartTime('half past', now, BERLIN)).toEqual({ ok: false, error: '“half past” is not a time of day. Type when you started, e.g. 9:05.' });
  });

  it('refuses a time the clocks skipped', () => {
    // 2:30 did not happen in Berlin on 2027-03-28 (clocks forward at 2:00).
    expect(readStartTime('2:30', at('2027-03-28T09:00:00+02:00'), BERLIN)).toMatchObject({ ok: false });
    expect(readStartTime('3:30', at('2027-03-28T09:00:00+02:00'), BERLIN)).toEqual({ ok: true, startedAt: at('2027-03-28T03:30:00+02:00'), date: '2027-03-28', yesterday: false });
  });
});

describe('nudgeStart', () => {
  const now = 10_000_000;
  it('moves the start by whole minutes, never after now', () => {
    expect(nudgeStart(now - 600_000, -5, now)).toBe(now - 900_000);
    expect(nudgeStart(now - 600_000, 5, now)).toBe(now - 300_000);
    expect(nudgeStart(now - 120_000, 5, now)).toBe(now);
  });
});
