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
