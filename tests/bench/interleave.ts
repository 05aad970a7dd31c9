/**
 * Ratios to a baseline measured in the same run. A shared machine's noise moves every timing, but
 * it moves a baseline and a subject measured side by side, in alternating rounds (A B A B …),
 * about the same way: their ratio per round is what stays put from run to run.
 *
 * `alternate` runs the arms of a comparison round by round (rotating which goes first, so neither
 * always runs on a machine warmed by the other); `compare` turns the rounds into a ratio and a
 * difference, each as a median with its spread, and says whether the two halves of the run agree.
 */
import { percentile } from './summary.ts';

/** A median with the spread around it: the middle half (p25–p75) and the extremes. */
export interface Spread {
  n: number;
  median: number;
  p25: number;
  p75: number;
  min: number;
  max: number;
}

/** One subject against its baseline, round by round. */
export interface Comparison {
  /** The subject's absolute figure per round (e.g. ms per navigation with the extension). */
  subject: Spread;
  /** The baseline's (e.g. the same page without the extension). */
  baseline: Spread;
  /** subject / baseline, per round. */
  ratio: Spread;
  /** subject − baseline, per round. */
  added: Spread;
  /**
   * How far apart the medians of the ratio in the first and the second half of the rounds are, as
   * a share of the whole run's median (0.04 = 4%). Two halves that agree within 10% are a fair
   * sign that two runs would too.
   */
  halvesApart: number;
}

export function spread(values: readonly number[]): Spread {
  const n = values.length;
  if (n === 0) return { n, median: 0, p25: 0, p75: 0, min: 0, max: 0 };
  return { n, median: median(values), p25: percentile(values, 25), p75: percentile(values, 75), min: Math.min(...values), max: Math.max(...values) };
}

/** The median (the mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Pairs each round's subject with the same round's baseline (arrays of equal length). */
export function compare(subject: readonly number[], baseline: readonly number[]): Comparison {
  if (subject.length !== baseline.length) throw new Error(`compare: ${subject.length} subject rounds against ${baseline.length} baseline rounds`);
  const ratios = subject.map((s, i) => (baseline[i]! > 0 ? s / baseline[i]! : Number.NaN)).filter((r) => Number.isFinite(r));
  const added = subject.map((s, i) => s - baseline[i]!);
  const half = ratios.length >> 1;
  const whole = median(ratios);
  const halvesApart = half > 0 && whole !== 0 ? Math.abs(median(ratios.slice(0, half)) - median(ratios.slice(ratios.length - half))) / whole : 0;
  return { subject: spread(subject), baseline: spread(baseline), ratio: spread(ratios), added: spread(added), halvesApart };
}

/**
 * Runs `rounds` rounds of every arm, each arm once per round, rotating the order from round to
 * round (A B C, B C A, C A B, …). Returns each arm's figure per round, in round order.
 */
export async function alternate<K extends string>(rounds: number, arms: Record<K, () => Promise<number>>, onRound?: (round: number) => void): Promise<Record<K, number[]>> {
  const names = Object.keys(arms) as K[];
  const out = Object.fromEntries(names.map((k) => [k, [] as number[]])) as Record<K, number[]>;
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < names.length; i++) {
      const name = names[(r + i) % names.length]!;
      out[name].push(await arms[name]());
    }
    onRound?.(r);
  }
  return out;
}

/** "1.32× (1.25–1.41)": a ratio's median and middle half, for the table. */
export const ratioText = (s: Spread): string => `${s.median.toFixed(2)}× (${s.p25.toFixed(2)}–${s.p75.toFixed(2)})`;
