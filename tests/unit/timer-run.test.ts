/**
 * lib/timer-run.ts: when a timer's stop must ask what to log (issue 14.1). Run in Berlin's zone
 * (set here: local days decide midnight), whatever the machine's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LONG_TIMER_MINUTES, isLongRun, runByDay, stopNeedsChoice } from '@/lib/timer-run';

const saved = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'Europe/Berlin';
  // The zone is in force (a runner that cannot switch zones would test nothing).
  expect(new Date(Date.parse('2027-06-01T22:30:00Z')).getDate()).toBe(2);
});
afterAll(() => {
  if (saved === undefined) delete process.env.TZ;
  else process.env.TZ = saved;
});

/** Berlin wall time in June (UTC+2) as ms. */
const berlin = (wall: string) => Date.parse(`${wall}+02:00`);
const H = 3_600_000;

describe('isLongRun', () => {
  it.each([
    ['8 h exactly is not past 8 h', 8 * H, 480, false],
    ['a second more is', 8 * H + 1000, 480, true],
    ['the threshold is the person’s', 2 * H + 1000, 120, true],
    ['the default is 8 h', 9 * H, undefined, true],
  ])('%s', (_, ran, threshold, long) => {
    expect(isLongRun(0, ran, threshold)).toBe(long);
  });
  it('defaults to 8 h', () => expect(DEFAULT_LONG_TIMER_MINUTES).toBe(480));
});

describe('stopNeedsChoice', () => {
  it.each([
    ['a short run within a day', '2027-06-02T09:00:00', '2027-06-02T10:00:00', false],
    ['a long run within a day', '2027-06-02T00:30:00', '2027-06-02T10:00:00', true],
    ['a short run past midnight', '2027-06-01T23:30:00', '2027-06-02T00:10:00', true],
    ['a run that ends at midnight itself', '2027-06-01T23:00:00', '2027-06-02T00:00:00', true],
  ])('%s', (_, from, to, asks) => {
    expect(stopNeedsChoice(berlin(from), berlin(to), 480)).toBe(asks);
  });
});

describe('runByDay', () => {
  it('gives each local day its part, none over 24 h, adding up to the run', () => {
    const parts = runByDay(berlin('2027-06-01T08:00:00'), berlin('2027-06-03T10:00:00'));
    expect(parts).toEqual([
      { date: '2027-06-01', minutes: 16 * 60 },
      { date: '2027-06-02', minutes: 24 * 60 },
      { date: '2027-06-03', minutes: 10 * 60 },
    ]);
  });
  it('logs a minute for a run of under half a minute, on its day', () => {
    expect(runByDay(berlin('2027-06-02T10:00:00'), berlin('2027-06-02T10:00:20'))).toEqual([{ date: '2027-06-02', minutes: 1 }]);
  });
});
