/**
 * The bench's statistics (tests/bench/interleave.ts): a ratio to a baseline measured in the same
 * rounds, its spread, and whether the run's two halves agree.
 */
import { describe, expect, it } from 'vitest';
import { alternate, compare, median, ratioText, spread } from '../bench/interleave.ts';

describe('median and spread', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect([median([3, 1, 2]), median([4, 1, 3, 2]), median([])]).toEqual([2, 2.5, 0]);
  });
  it('gives the middle half and the extremes', () => {
    expect(spread([5, 1, 4, 2, 3, 8, 7, 6])).toEqual({ n: 8, median: 4.5, p25: 2, p75: 6, min: 1, max: 8 });
  });
});

describe('compare', () => {
  it('pairs each round with its own baseline, so a slow round does not look like a cost', () => {
    // The machine doubles in speed half-way through; the subject always costs 1.5× the baseline.
    const baseline = [10, 10, 10, 5, 5, 5];
    const subject = [15, 15, 15, 7.5, 7.5, 7.5];
    const c = compare(subject, baseline);
    expect(c.ratio).toMatchObject({ median: 1.5, min: 1.5, max: 1.5 });
    expect(c.added).toMatchObject({ median: 3.75, min: 2.5, max: 5 });
    expect(c.halvesApart).toBe(0);
  });
  it('says how far apart the two halves are', () => {
    const c = compare([12, 12, 11, 11], [10, 10, 10, 10]);
    expect(c.halvesApart).toBeCloseTo(0.1 / 1.15, 6);
  });
  it('refuses rounds that do not pair up, and skips a zero baseline', () => {
    expect(() => compare([1, 2], [1])).toThrow(/2 subject rounds against 1/);
    expect(compare([1, 4], [0, 2]).ratio).toMatchObject({ n: 1, median: 2 });
  });
  it('prints the ratio with its middle half', () => {
    expect(ratioText(spread([1.2, 1.3, 1.4, 1.5]))).toBe('1.35× (1.20–1.40)');
  });
});

describe('alternate', () => {
  it('runs every arm once per round, rotating which goes first', async () => {
    const order: string[] = [];
    const arm = (name: string, value: number) => async () => (order.push(name), value);
    const out = await alternate(3, { a: arm('a', 1), b: arm('b', 2), c: arm('c', 3) });
    expect(order.join(' ')).toBe('a b c b c a c a b');
    expect(out).toEqual({ a: [1, 1, 1], b: [2, 2, 2], c: [3, 3, 3] });
  });
});
