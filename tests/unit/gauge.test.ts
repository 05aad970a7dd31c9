import { describe, expect, it } from 'vitest';
import type { Budget } from '@/lib/asana/schemas';
import { budgetGauge, gauge } from '@/lib/gauge';

describe('gauge', () => {
  it.each([
    ['nothing used', 0, 400, { percent: 0, level: '' }],
    ['just under 90 %', 359, 400, { percent: 90, level: '' }], // 89.75 % reads 90 but does not warn yet
    ['exactly 90 % warns', 360, 400, { percent: 90, level: 'warn' }],
    ['exactly 100 % still only warns', 400, 400, { percent: 100, level: 'warn' }],
    ['a minute past 100 % is over', 401, 400, { percent: 100, level: 'over' }],
    ['far past', 900, 400, { percent: 225, level: 'over' }],
    ['a negative use counts as none', -5, 400, { percent: 0, level: '' }],
    ['fractions (a cost)', 12_345.67, 25_000, { percent: 49, level: '' }],
  ] as const)('%s', (_name, used, whole, expected) => {
    expect(gauge(used, whole)).toEqual(expected);
  });

  it.each([null, undefined, 0, -10, Number.POSITIVE_INFINITY])('has nothing to measure against a whole of %s', (whole) => {
    expect(gauge(10, whole)).toBeNull();
  });
});

const budget = (over: Partial<Budget>): Budget => ({
  gid: '1', budget_type: 'time', parent: { gid: '2', name: 'Website' },
  actual: { value: 18_720, units: 'minutes' }, estimate: null, total: { value: 24_000, units: 'minutes', enabled: true }, ...over,
});

describe('budgetGauge', () => {
  it('a time budget in minutes: used and total, for "312 h of 400 h"', () => {
    expect(budgetGauge(budget({}))).toEqual({ percent: 78, level: '', minutes: [18_720, 24_000] });
  });

  it('a cost budget: only its share used', () => {
    expect(budgetGauge(budget({ budget_type: 'cost', actual: { value: 23_100, units: 'EUR' }, total: { value: 25_000, units: 'EUR' } }))).toEqual({ percent: 92, level: 'warn', minutes: null });
  });

  it('a time budget in other units is shown as a share, never as minutes it is not', () => {
    expect(budgetGauge(budget({ total: { value: 400, units: 'hours' }, actual: { value: 450, units: 'hours' } }))).toEqual({ percent: 113, level: 'over', minutes: null });
  });

  it('no actual yet counts as nothing used', () => {
    expect(budgetGauge(budget({ actual: null }))).toEqual({ percent: 0, level: '', minutes: [0, 24_000] });
  });

  it.each([
    ['no budget', null],
    ['the total turned off (null value)', budget({ total: { value: null, units: null, enabled: false } })],
    ['no total at all', budget({ total: null })],
  ])('shows nothing for %s', (_name, b) => {
    expect(budgetGauge(b)).toBeNull();
  });
});
