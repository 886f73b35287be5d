// A flat top in a throughput series: traffic rose, then stopped rising and held one level. That is what a
// link (or any other limit) at capacity looks like from the outside; the rule decides which limit it is.
import { percentile, type TimedValue } from './series-math.ts';

export interface PlateauOptions {
  minSeconds: number;
  /** Every point within ± this share of the plateau's median. */
  tolerance: number;
  /** Lowest median worth calling a plateau (bytes per second). */
  minLevel: number;
}

export interface Plateau {
  onsetUnixNano: bigint;
  endUnixNano: bigint;
  /** Median throughput on the plateau. */
  level: number;
  /** Coefficient of variation on the plateau (stddev ÷ mean): a shaper holds it near 0. */
  variation: number;
  /** Median before the plateau within the window, NaN when there is too little history. */
  baseline: number;
  /** Highest level held before the plateau (median of 3 neighbours, so one odd sample does not count). */
  priorPeak: number;
}

const NANOS_PER_SECOND = 1e9;
const median = (values: readonly number[]) => percentile(values, 50);
const within = (value: number, level: number, tolerance: number) => Math.abs(value - level) <= tolerance * level;

function variationOf(values: readonly number[]): number {
  const m = values.reduce((a, b) => a + b, 0) / values.length;
  if (m <= 0) return Number.POSITIVE_INFINITY;
  return Math.sqrt(values.reduce((a, v) => a + (v - m) ** 2, 0) / values.length) / m;
}

/** The latest plateau in the series, or null. */
export function latestPlateau(input: readonly TimedValue[], o: PlateauOptions): Plateau | null {
  const series = input.filter((p) => Number.isFinite(p.value));
  const minNanos = BigInt(Math.round(o.minSeconds * NANOS_PER_SECOND));
  let windowStart = series.length - 1;
  for (let end = series.length - 1; end >= 2; end -= 1) {
    // Points within the last minSeconds before `end` (windowStart only moves left as `end` does).
    if (windowStart > end) windowStart = end;
    while (windowStart > 0 && series[end].timeUnixNano - series[windowStart - 1].timeUnixNano <= minNanos) windowStart -= 1;
    if (series[end].timeUnixNano - series[windowStart].timeUnixNano < (minNanos * 9n) / 10n || end - windowStart < 2) continue;
    const window = series.slice(windowStart, end + 1).map((p) => p.value);
    const level = median(window);
    if (level < o.minLevel || !window.every((v) => within(v, level, o.tolerance))) continue;
    let start = windowStart;
    while (start > 0 && within(series[start - 1].value, level, o.tolerance)) start -= 1;
    const before = series.slice(0, start).map((p) => p.value);
    const smoothed = before.map((_, i) => median(before.slice(Math.max(0, i - 1), i + 2)));
    return {
      onsetUnixNano: series[start].timeUnixNano,
      endUnixNano: series[end].timeUnixNano,
      level,
      variation: variationOf(series.slice(start, end + 1).map((p) => p.value)),
      baseline: before.length >= 3 ? median(before) : Number.NaN,
      priorPeak: smoothed.length > 0 ? Math.max(...smoothed) : Number.NaN,
    };
  }
  return null;
}
