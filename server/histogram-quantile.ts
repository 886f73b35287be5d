// Quantiles from OTLP histogram buckets, interpolating linearly inside the bucket that holds the rank (the
// way Prometheus' histogram_quantile does), bounded by the point's min and max when it has them.
import type { MetricPointData } from '../common/telemetry.ts';

/**
 * Explicit-bounds histogram: bucket i holds values in (bounds[i-1], bounds[i]]; the last bucket is
 * (bounds[n-1], +inf). Null when the buckets are empty.
 */
export function histogramQuantile(counts: readonly number[], bounds: readonly number[], q: number, min: number | null, max: number | null): number | null {
  const total = counts.reduce((sum, c) => sum + Math.max(0, c), 0);
  if (total === 0) return null;
  const rank = q * total;
  let seen = 0;
  for (let i = 0; i < counts.length; i += 1) {
    const c = Math.max(0, counts[i]);
    if (c === 0 || seen + c < rank) {
      seen += c;
      continue;
    }
    let lower = i === 0 ? Math.min(0, bounds[0] ?? 0) : bounds[i - 1];
    let upper = i < bounds.length ? bounds[i] : (max ?? lower);
    if (min !== null && lower < min) lower = Math.min(min, upper);
    if (max !== null && upper > max) upper = Math.max(max, lower);
    return lower + (upper - lower) * ((rank - seen) / c);
  }
  return max ?? bounds[bounds.length - 1] ?? null;
}

type ExponentialData = Extract<MetricPointData, { type: 'exponential_histogram' }>;

/**
 * Exponential histogram: positive bucket k (index offset + k) holds (base^index, base^(index+1)] with
 * base = 2^(2^-scale); zeros count at 0. Negative values are left out (latencies and sizes have none).
 */
export function exponentialQuantile(data: ExponentialData, q: number): number | null {
  const positive = data.positive.bucketCounts;
  const total = data.zeroCount + positive.reduce((sum, c) => sum + c, 0);
  if (total === 0) return null;
  const rank = q * total;
  if (rank <= data.zeroCount) return 0;
  const base = 2 ** (2 ** -data.scale);
  let seen = data.zeroCount;
  for (let k = 0; k < positive.length; k += 1) {
    const c = positive[k];
    if (c === 0 || seen + c < rank) {
      seen += c;
      continue;
    }
    const index = data.positive.offset + k;
    const lower = base ** index;
    const upper = base ** (index + 1);
    const value = lower + (upper - lower) * ((rank - seen) / c);
    return data.max !== null ? Math.min(value, data.max) : value;
  }
  return data.max;
}
