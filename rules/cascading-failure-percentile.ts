// Nearest-rank percentiles of typed arrays by selection rather than sorting: a median of ten thousand call
// durations per bucket and operation is one linear pass instead of a sort.
import type { SpanColumns } from './span-columns.ts';

/**
 * The value at index k of `values` once sorted ascending (Hoare's selection). Reorders `values`; no NaN in them.
 */
export function selectInPlace(values: Float64Array, k: number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (hi - lo > 16) {
    // Median of three as the pivot, so sorted or reversed input stays linear.
    const mid = (lo + hi) >>> 1;
    const a = values[lo];
    const b = values[mid];
    const c = values[hi];
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i] < pivot) i += 1;
      while (values[j] > pivot) j -= 1;
      if (i <= j) {
        const swap = values[i];
        values[i] = values[j];
        values[j] = swap;
        i += 1;
        j -= 1;
      }
    }
    // values[lo..j] ≤ pivot ≤ values[i..hi], and anything strictly between equals the pivot.
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return values[k];
  }
  // A short stretch: insertion sort it.
  for (let i = lo + 1; i <= hi; i += 1) {
    const value = values[i];
    let j = i - 1;
    while (j >= lo && values[j] > value) {
      values[j + 1] = values[j];
      j -= 1;
    }
    values[j + 1] = value;
  }
  return values[k];
}

/** The p-th percentile (0–100) by nearest rank, as percentile of series-math.ts; NaN for none. Reorders `values`. */
export function percentileInPlace(values: Float64Array, p: number): number {
  if (values.length === 0) return Number.NaN;
  return selectInPlace(values, Math.min(values.length - 1, Math.max(0, Math.ceil((p / 100) * values.length) - 1)));
}

/** The p-th percentile of the rows' durations (ms), as percentile(spans.map(durationMs), p). */
export function rowsDurationPercentile(columns: SpanColumns, rows: ArrayLike<number>, p: number): number {
  const values = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i += 1) values[i] = (columns.endNs[rows[i]] - columns.startNs[rows[i]]) / 1e6;
  return percentileInPlace(values, p);
}
