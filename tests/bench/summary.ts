/**
 * Small statistics for the benchmark: nearest-rank percentiles over a handful of samples, and
 * the rounding used in the printed table.
 */

/** n, p50, p95, min, max and mean of a list of milliseconds (all 0 when the list is empty). */
export interface Summary {
  n: number;
  p50: number;
  p95: number;
  min: number;
  max: number;
  mean: number;
}

/**
 * The nearest-rank percentile (the smallest sample with at least p% of samples at or below it).
 * Nearest-rank rather than interpolation: with 30 samples p95 is the 29th, a value that was
 * really observed.
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

/** Summarises samples; see {@link Summary}. */
export function summarize(values: readonly number[]): Summary {
  const n = values.length;
  return {
    n,
    p50: percentile(values, 50),
    p95: percentile(values, 95),
    min: n ? Math.min(...values) : 0,
    max: n ? Math.max(...values) : 0,
    mean: n ? values.reduce((s, v) => s + v, 0) / n : 0,
  };
}

/** Milliseconds for the table: one decimal below 10 ms, whole numbers above. */
export function ms(value: number): string {
  return `${Math.abs(value) < 10 ? value.toFixed(1) : Math.round(value)} ms`;
}

/** Bytes for the table, with the exact count (the budget is in bytes). */
export function bytes(value: number): string {
  return value >= 1024 ? `${(value / 1024).toFixed(1)} KB (${value} B)` : `${value} B`;
}

