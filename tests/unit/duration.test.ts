import { describe, expect, it } from 'vitest';
import { formatClock, formatDuration, formatElapsed, parseDuration } from '@/lib/duration';

describe('parseDuration accepts what people type', () => {
  it.each([
    ['1h 30m', 90], ['1h30', 90], ['1h30m', 90], ['1.5h', 90], ['1,5h', 90], ['90m', 90], ['90', 90],
    ['1:30', 90], ['2h', 120], ['45 min', 45], ['1.5', 90], ['1,5', 90], ['0:45', 45], ['.5', 30],
    ['2 hours', 120], ['1 hour 5 minutes', 65], ['30 mins', 30], ['  1H 30M ', 90], ['1 h 30', 90],
    ['0.25h', 15], ['1.33h', 80], ['24h', 1440], ['23:59', 1439], ['1', 1], ['8 hrs', 480],
  ])('%j → %d min', (input, minutes) => {
    expect(parseDuration(input)).toEqual({ ok: true, minutes });
  });
});

describe('parseDuration refuses with a message that says what to do', () => {
  it.each([
    ['', /Enter how long/],
    ['0', /at least 1 minute/],
    ['0h', /at least 1 minute/],
    ['0:00', /at least 1 minute/],
    ['-30m', /cannot be negative/],
    ['25h', /at most 24 h/],
    ['1441', /at most 24 h/],
    ['abc', /not a duration we understand/],
    ['1h 2h', /not a duration/],
    ['30m 1h', /not a duration/],
    ['1:75', /not a duration/],
    ['5 apples', /not a duration/],
    ['1h30m15', /not a duration/],
  ])('%j', (input, message) => {
    const result = parseDuration(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });
});

describe('formatting', () => {
  it.each([[90, '1 h 30 min'], [45, '45 min'], [120, '2 h'], [0, '0 min']])('formatDuration(%d) = %s', (m, s) => {
    expect(formatDuration(m)).toBe(s);
  });
  it('formatClock', () => {
    expect(formatClock(90)).toBe('1:30');
    expect(formatClock(5)).toBe('0:05');
  });
  it('formatElapsed', () => {
    expect(formatElapsed(62)).toBe('1:02');
    expect(formatElapsed(3723)).toBe('1:02:03');
  });
});
