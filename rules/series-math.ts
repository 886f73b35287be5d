// Arithmetic on metric series the rules share: counters to rates, sustained runs above a threshold,
// percentiles. Pure functions over arrays.
import type { MetricSeries, SeriesPoint } from './evidence.ts';

export interface TimedValue {
  timeUnixNano: bigint;
  value: number;
}

const NANOS_PER_SECOND = 1e9;

/**
 * Per-second rates of a counter. Cumulative sums give Δvalue/Δtime between points (a drop is a restart: the
 * new value counts from zero); delta sums give value ÷ the point's own interval. Gauges give their values.
 */
export function rates(series: MetricSeries): TimedValue[] {
  const out: TimedValue[] = [];
  const points = series.points;
  for (let i = 0; i < points.length; i += 1) {
    const point = points[i];
    const data = point.data;
    if (data.type !== 'sum') {
      out.push({ timeUnixNano: point.timeUnixNano, value: point.value });
      continue;
    }
    if (data.temporality === 'delta') {
      const start = point.data.type === 'sum' && i > 0 ? points[i - 1].timeUnixNano : 0n;
      const seconds = Number(point.timeUnixNano - start) / NANOS_PER_SECOND;
      if (start > 0n && seconds > 0) out.push({ timeUnixNano: point.timeUnixNano, value: data.value / seconds });
      continue;
    }
    if (i === 0) continue;
    const previous = points[i - 1];
    const seconds = Number(point.timeUnixNano - previous.timeUnixNano) / NANOS_PER_SECOND;
    if (seconds <= 0) continue;
    const delta = point.value >= previous.value ? point.value - previous.value : point.value;
    out.push({ timeUnixNano: point.timeUnixNano, value: delta / seconds });
  }
  return out;
}

export function values(points: readonly SeriesPoint[] | readonly TimedValue[]): TimedValue[] {
  return points.map((p) => ({ timeUnixNano: p.timeUnixNano, value: p.value }));
}

export interface Run {
  onsetUnixNano: bigint;
  endUnixNano: bigint;
  peak: number;
  mean: number;
  points: number;
}

/**
 * The latest run of consecutive values at or above `threshold` lasting at least `minSeconds` (from its first
 * to its last point), or null. A gap in the data does not end a run: exporters go quiet exactly when a host
 * is struggling, and silence is not evidence of health.
 */
export function sustainedRun(series: readonly TimedValue[], threshold: number, minSeconds: number, below = false): Run | null {
  let best: Run | null = null;
  let start = -1;
  const close = (endIndex: number) => {
    if (start < 0) return;
    const slice = series.slice(start, endIndex + 1);
    const seconds = Number(slice[slice.length - 1].timeUnixNano - slice[0].timeUnixNano) / NANOS_PER_SECOND;
    if (seconds >= minSeconds) {
      const vals = slice.map((p) => p.value);
      best = {
        onsetUnixNano: slice[0].timeUnixNano,
        endUnixNano: slice[slice.length - 1].timeUnixNano,
        peak: below ? Math.min(...vals) : Math.max(...vals),
        mean: vals.reduce((a, b) => a + b, 0) / vals.length,
        points: slice.length,
      };
    }
    start = -1;
  };
  for (let i = 0; i < series.length; i += 1) {
    const v = series[i].value;
    const hit = Number.isFinite(v) && (below ? v <= threshold : v >= threshold);
    if (hit && start < 0) start = i;
    if (!hit) close(i - 1);
  }
  close(series.length - 1);
  return best;
}

/** The p-th percentile (0–100) by nearest rank; NaN for no values. */
export function percentile(input: readonly number[], p: number): number {
  if (input.length === 0) return Number.NaN;
  const sorted = [...input].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export function mean(input: readonly number[]): number {
  return input.length === 0 ? Number.NaN : input.reduce((a, b) => a + b, 0) / input.length;
}

/** Sums several series point-by-point at the times of the first (values at the nearest earlier time). */
export function sumAligned(seriesList: readonly (readonly TimedValue[])[]): TimedValue[] {
  if (seriesList.length === 0) return [];
  const base = seriesList[0];
  return base.map((point) => {
    let total = point.value;
    for (const other of seriesList.slice(1)) {
      let value = Number.NaN;
      for (const candidate of other) {
        if (candidate.timeUnixNano > point.timeUnixNano) break;
        value = candidate.value;
      }
      if (Number.isFinite(value)) total += value;
    }
    return { timeUnixNano: point.timeUnixNano, value: total };
  });
}

/** Evidence points as the Finding evidence format wants them (decimal-string times). */
export function evidencePoints(series: readonly TimedValue[], max = 600): { timeUnixNano: string; value: number }[] {
  const step = Math.max(1, Math.ceil(series.length / max));
  const out: { timeUnixNano: string; value: number }[] = [];
  for (let i = 0; i < series.length; i += step) out.push({ timeUnixNano: series[i].timeUnixNano.toString(), value: Number(series[i].value.toFixed(6)) });
  return out;
}

export const nanosToSeconds = (nanos: bigint): number => Number(nanos) / NANOS_PER_SECOND;
export const secondsToNanos = (seconds: number): bigint => BigInt(Math.round(seconds * NANOS_PER_SECOND));

export interface LinearFit {
  /** Change per second. */
  slope: number;
  /** Value at the first point's time. */
  intercept: number;
  /** Coefficient of determination, 0–1 (1 when every point lies on the line; 0 for a flat line). */
  rSquared: number;
  seconds: number;
}

/** Least-squares line through the values against time, or null for fewer than 3 finite points or no time span. */
export function linearFit(series: readonly TimedValue[]): LinearFit | null {
  const points = series.filter((p) => Number.isFinite(p.value));
  if (points.length < 3) return null;
  const t0 = points[0].timeUnixNano;
  const xs = points.map((p) => Number(p.timeUnixNano - t0) / NANOS_PER_SECOND);
  const ys = points.map((p) => p.value);
  const seconds = xs[xs.length - 1];
  if (seconds <= 0) return null;
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < xs.length; i += 1) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
    syy += (ys[i] - my) ** 2;
  }
  if (sxx === 0) return null;
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx, rSquared: syy === 0 ? 0 : (sxy * sxy) / (sxx * syy), seconds };
}

/**
 * Per-second rates of a histogram's (or summary's) sum and count: for a duration histogram the sum rate is
 * seconds spent per second (e.g. the share of time in GC) and the count rate is events per second. A drop
 * in a cumulative count is a restart.
 */
export function histogramRates(series: MetricSeries): { sum: TimedValue[]; count: TimedValue[] } {
  const sum: TimedValue[] = [];
  const count: TimedValue[] = [];
  const totals = (data: SeriesPoint['data']): { sum: number; count: number; delta: boolean } | null => {
    if (data.type === 'histogram' || data.type === 'exponential_histogram') return { sum: data.sum ?? Number.NaN, count: data.count, delta: data.temporality === 'delta' };
    if (data.type === 'summary') return { sum: data.sum, count: data.count, delta: false };
    return null;
  };
  const points = series.points;
  for (let i = 1; i < points.length; i += 1) {
    const now = totals(points[i].data);
    const before = totals(points[i - 1].data);
    const seconds = Number(points[i].timeUnixNano - points[i - 1].timeUnixNano) / NANOS_PER_SECOND;
    if (now === null || before === null || seconds <= 0 || !Number.isFinite(now.sum)) continue;
    const restarted = !now.delta && now.count < before.count;
    const dSum = now.delta || restarted ? now.sum : now.sum - before.sum;
    const dCount = now.delta || restarted ? now.count : now.count - before.count;
    sum.push({ timeUnixNano: points[i].timeUnixNano, value: dSum / seconds });
    count.push({ timeUnixNano: points[i].timeUnixNano, value: dCount / seconds });
  }
  return { sum, count };
}

/** Adds values that share a timestamp across series (the parts of one sample, e.g. heap spaces). */
export function sumByTime(list: readonly (readonly TimedValue[])[]): TimedValue[] {
  const totals = new Map<bigint, number>();
  for (const series of list) for (const p of series) if (Number.isFinite(p.value)) totals.set(p.timeUnixNano, (totals.get(p.timeUnixNano) ?? 0) + p.value);
  return [...totals.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([timeUnixNano, value]) => ({ timeUnixNano, value }));
}

/** The values within [from, to] (inclusive). */
export function between(series: readonly TimedValue[], from: bigint, to: bigint): TimedValue[] {
  return series.filter((p) => p.timeUnixNano >= from && p.timeUnixNano <= to);
}

/** Pearson correlation of paired values (−1…1); NaN with fewer than 2 pairs or when either side is constant. */
export function pearson(pairs: readonly (readonly [number, number])[]): number {
  if (pairs.length < 2) return Number.NaN;
  const mx = pairs.reduce((a, [x]) => a + x, 0) / pairs.length;
  const my = pairs.reduce((a, [, y]) => a + y, 0) / pairs.length;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (const [x, y] of pairs) {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
    syy += (y - my) ** 2;
  }
  return sxx === 0 || syy === 0 ? Number.NaN : sxy / Math.sqrt(sxx * syy);
}
