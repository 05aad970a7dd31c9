/**
 * How much of a budget or an estimate is used, for the bars under the widget's totals and in
 * the timesheet (issue 17). Pure and small: the content script ships it.
 */
import type { Budget } from './asana/schemas';

/** `''` under 90 %, `warn` from 90 % to 100 % (both included), `over` past 100 %. */
export type GaugeLevel = '' | 'warn' | 'over';

export interface Gauge {
  /** Used as a share of the whole, in whole percent (rounded; may pass 100). */
  percent: number;
  level: GaugeLevel;
}

/**
 * `used` against `whole`; null when there is nothing to measure against (no whole, or a whole
 * of zero or less, which no share can be taken of). The level follows the exact share, not the
 * rounded percent: 89.6 % reads "90 %" but does not warn yet.
 */
export function gauge(used: number, whole: number | null | undefined): Gauge | null {
  if (!whole || whole <= 0 || !Number.isFinite(whole)) return null;
  const share = Math.max(0, used) / whole;
  return { percent: Math.round(share * 100), level: share > 1 ? 'over' : share >= 0.9 ? 'warn' : '' };
}

/**
 * What a project's budget shows: a time budget in minutes (used and total, for "312 h of 400 h"),
 * anything else (a cost budget, or a time budget in units other than minutes) only as its share
 * used. Null when the budget has no total to measure against (Asana's total turned off).
 */
export function budgetGauge(budget: Budget | null | undefined): (Gauge & { minutes: [number, number] | null }) | null {
  const total = budget?.total?.value;
  const used = budget?.actual?.value ?? 0;
  const g = gauge(used, total);
  if (!g) return null;
  const inMinutes = budget!.budget_type === 'time' && budget!.total!.units === 'minutes';
  return { ...g, minutes: inMinutes ? [used, total!] : null };
}
