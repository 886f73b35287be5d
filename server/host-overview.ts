// The console's host overview: four 0..1 / bytes-per-second series computed from stored system.*
// metric points, whichever sent them — this app's host sampler or a Collector's hostmetrics
// receiver (whose older attribute names the OTLP normalizer has already rewritten to current ones).
//
// - cpuUtilization = 1 − idle − iowait. iowait is idle time spent waiting on I/O: the CPU could
//   have run something else, so counting it as busy would blame the CPU for a disk bottleneck
//   (diskBusy shows that). From system.cpu.utilization by cpu.mode when present (aggregate points
//   preferred, else the mean over logical CPUs); else from the deltas of system.cpu.time (what
//   hostmetrics sends by default): idle+iowait ticks over all ticks, so unknown modes count as busy.
// - memoryUtilization = system.memory.utilization{state=used}; else usage{used} / system.memory.limit
//   at the same time; else usage{used} / (used + free + buffers + cached).
// - diskBusy = rate of system.disk.io_time (busy seconds per second), the busiest device per time.
// - networkBytesPerSecond = rate of system.network.io summed over interfaces and both directions,
//   loopback excluded (lo, lo0, anything named *loopback*).
//
// Counters: a stream is one attribute set with one start time (and one resource when the store says
// which). A new start time is a new stream, a value going down is a reset: no rate at that point.
// A step more than GAP_FACTOR × the usual step (the stream's median, or the metric's while the
// stream is young) is a gap (the app was closed): no rate across it. Delta-temporality sums are used as they are: value / (time − start).

import type { HostOverviewResponse, SeriesPoint } from '../common/api-contract.ts';
import type { Attributes, MetricPointData } from '../common/telemetry.ts';

/** What the store returns for one point of a metric (structural; extra fields are ignored). */
export interface StoredPoint {
  timeUnixNano: bigint;
  startTimeUnixNano: bigint;
  attributes: Attributes;
  data: MetricPointData;
  /** When present, points of different resources never share a stream. */
  resourceKey?: string;
}

/** Points of one metric inside the window, ordered by time. */
export type SeriesLookup = (name: string) => StoredPoint[];

export interface HostOverviewOptions {
  /** Longer series are averaged into this many time buckets (a day at 1 s would be 86 400 points). */
  maxPoints?: number;
  /**
   * Only this resource's points (e.g. 'host:<hostname>' for this app's sampler). Without it, several
   * hosts' points are combined per timestamp (rates stay per resource, so they are never wrong).
   */
  resourceKey?: string;
}

export const DEFAULT_MAX_POINTS = 720;

/** Every metric buildHostOverview reads, so a caller can fetch them up front. */
export const HOST_OVERVIEW_METRICS = [
  'system.cpu.utilization',
  'system.cpu.time',
  'system.memory.utilization',
  'system.memory.limit',
  'system.memory.usage',
  'system.disk.io_time',
  'system.network.io',
] as const;
const GAP_FACTOR = 5;
const MIN_STEPS_FOR_MEDIAN = 3;
const IDLE_MODES = new Set(['idle', 'iowait', 'wait']);
const MEMORY_STATES = new Set(['used', 'free', 'buffers', 'cached']);

export interface Rate {
  t: number;
  /** Increase over the step (counter units). */
  delta: number;
  /** Increase per second. */
  rate: number;
  point: StoredPoint;
}

const nsToMs = (ns: bigint): number => Number(ns / 1_000_000n);

function scalar(data: MetricPointData): number | null {
  if (data.type !== 'gauge' && data.type !== 'sum') return null;
  return Number.isFinite(data.value) ? data.value : null;
}

function attr(point: StoredPoint, key: string): string | undefined {
  const value = point.attributes[key];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

function streamKey(point: StoredPoint): string {
  const attributes = Object.keys(point.attributes)
    .sort()
    .map((k) => [k, point.attributes[k]]);
  return `${point.resourceKey ?? ''}|${point.startTimeUnixNano}|${JSON.stringify(attributes)}`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

interface CounterSample {
  point: StoredPoint;
  value: number;
  delta: boolean;
}

/** Per-step increases of counter points, skipping resets, gaps and repeated timestamps. */
export function counterRates(points: StoredPoint[]): Rate[] {
  const streams = new Map<string, CounterSample[]>();
  for (const point of points) {
    const value = scalar(point.data);
    if (point.data.type !== 'sum' || value === null) continue;
    const sample = { point, value, delta: point.data.temporality === 'delta' };
    const key = streamKey(point);
    const stream = streams.get(key);
    if (stream) stream.push(sample);
    else streams.set(key, [sample]);
  }
  const stepsByStream = new Map<CounterSample[], number[]>();
  for (const stream of streams.values()) {
    stream.sort((a, b) => Number(a.point.timeUnixNano - b.point.timeUnixNano));
    stepsByStream.set(stream, stream.slice(1).map((s, i) => Number(s.point.timeUnixNano - stream[i].point.timeUnixNano) / 1e9));
  }
  // The usual step: the stream's own when it has enough history, else the metric's.
  const typicalStep = (steps: number[]): number | null => {
    const positive = steps.filter((s) => s > 0);
    return positive.length >= MIN_STEPS_FOR_MEDIAN ? median(positive) : null;
  };
  const metricStep = typicalStep([...stepsByStream.values()].flat());

  const rates: Rate[] = [];
  for (const [stream, steps] of stepsByStream) {
    const usual = typicalStep(steps) ?? metricStep;
    const maxStep = usual === null ? Infinity : GAP_FACTOR * usual;
    stream.forEach(({ point, value, delta: isDelta }, i) => {
      const t = nsToMs(point.timeUnixNano);
      if (isDelta && point.startTimeUnixNano > 0n && point.timeUnixNano > point.startTimeUnixNano) {
        const seconds = Number(point.timeUnixNano - point.startTimeUnixNano) / 1e9;
        if (value >= 0) rates.push({ t, delta: value, rate: value / seconds, point });
        return;
      }
      if (i === 0) return;
      const step = steps[i - 1];
      const delta = isDelta ? value : value - stream[i - 1].value;
      if (step <= 0 || step > maxStep || delta < 0) return;
      rates.push({ t, delta, rate: delta / step, point });
    });
  }
  return rates;
}

function groupByTime<T>(items: T[], time: (item: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const item of items) {
    const t = time(item);
    const group = groups.get(t);
    if (group) group.push(item);
    else groups.set(t, [item]);
  }
  return groups;
}

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));
const bySeriesTime = (a: SeriesPoint, b: SeriesPoint) => a.t - b.t;

function cpuFromUtilization(points: StoredPoint[]): SeriesPoint[] {
  const out: SeriesPoint[] = [];
  for (const [t, group] of groupByTime(points, (p) => nsToMs(p.timeUnixNano))) {
    // Per CPU ('all' for aggregate points): the idle-like share, and whether idle was reported.
    const cpus = new Map<string, { idle: number; sawIdle: boolean; aggregate: boolean }>();
    for (const p of group) {
      const value = scalar(p.data);
      const mode = attr(p, 'cpu.mode');
      if (value === null || mode === undefined) continue;
      const logical = attr(p, 'cpu.logical_number');
      const key = `${p.resourceKey ?? ''}|${logical ?? 'all'}`;
      const cpu = cpus.get(key) ?? { idle: 0, sawIdle: false, aggregate: logical === undefined };
      if (IDLE_MODES.has(mode)) cpu.idle += value;
      if (mode === 'idle') cpu.sawIdle = true;
      cpus.set(key, cpu);
    }
    const usable = [...cpus.values()].filter((c) => c.sawIdle);
    const aggregate = usable.filter((c) => c.aggregate);
    const chosen = aggregate.length > 0 ? aggregate : usable;
    if (chosen.length === 0) continue;
    out.push({ t, v: clamp01(chosen.reduce((sum, c) => sum + (1 - c.idle), 0) / chosen.length) });
  }
  return out.sort(bySeriesTime);
}

function cpuFromTime(points: StoredPoint[]): SeriesPoint[] {
  const out: SeriesPoint[] = [];
  for (const [t, group] of groupByTime(counterRates(points), (r) => r.t)) {
    let idle = 0;
    let total = 0;
    let sawIdle = false;
    for (const r of group) {
      const mode = attr(r.point, 'cpu.mode') ?? '';
      if (IDLE_MODES.has(mode)) idle += r.delta;
      if (mode === 'idle') sawIdle = true;
      total += r.delta;
    }
    if (sawIdle && total > 0) out.push({ t, v: clamp01(1 - idle / total) });
  }
  return out.sort(bySeriesTime);
}

function memoryUtilization(series: SeriesLookup): SeriesPoint[] {
  const byTime = (points: StoredPoint[]) => groupByTime(points, (p) => nsToMs(p.timeUnixNano));
  const used = series('system.memory.utilization').filter((p) => attr(p, 'system.memory.state') === 'used');
  if (used.length > 0) {
    const out: SeriesPoint[] = [];
    for (const [t, group] of byTime(used)) {
      const values = group.map((p) => scalar(p.data)).filter((v) => v !== null);
      if (values.length > 0) out.push({ t, v: clamp01(Math.max(...values)) });
    }
    return out.sort(bySeriesTime);
  }
  const limits = new Map<number, number>();
  for (const p of series('system.memory.limit')) {
    const value = scalar(p.data);
    if (value !== null && value > 0) limits.set(nsToMs(p.timeUnixNano), value);
  }
  const out: SeriesPoint[] = [];
  for (const [t, group] of byTime(series('system.memory.usage'))) {
    let usedBytes: number | null = null;
    let statesBytes = 0;
    for (const p of group) {
      const state = attr(p, 'system.memory.state') ?? '';
      const value = scalar(p.data);
      if (value === null || !MEMORY_STATES.has(state)) continue;
      statesBytes += value;
      if (state === 'used') usedBytes = (usedBytes ?? 0) + value;
    }
    const total = limits.get(t) ?? statesBytes;
    if (usedBytes !== null && total > 0) out.push({ t, v: clamp01(usedBytes / total) });
  }
  return out.sort(bySeriesTime);
}

function diskBusy(points: StoredPoint[]): SeriesPoint[] {
  const out: SeriesPoint[] = [];
  for (const [t, group] of groupByTime(counterRates(points), (r) => r.t)) {
    out.push({ t, v: clamp01(Math.max(...group.map((r) => r.rate))) });
  }
  return out.sort(bySeriesTime);
}

export function isLoopbackInterface(name: string): boolean {
  return /^lo\d*$/.test(name) || /loopback/i.test(name);
}

function networkBytesPerSecond(points: StoredPoint[]): SeriesPoint[] {
  const external = points.filter((p) => {
    const name = attr(p, 'network.interface.name') ?? attr(p, 'system.device');
    return name === undefined || !isLoopbackInterface(name);
  });
  const out: SeriesPoint[] = [];
  for (const [t, group] of groupByTime(counterRates(external), (r) => r.t)) {
    out.push({ t, v: group.reduce((sum, r) => sum + r.rate, 0) });
  }
  return out.sort(bySeriesTime);
}

/** Keeps [fromMs, toMs]; above maxPoints, averages t and v within equal time buckets. */
export function fitToWindow(points: SeriesPoint[], fromMs: number, toMs: number, maxPoints: number): SeriesPoint[] {
  const inWindow = points.filter((p) => p.t >= fromMs && p.t <= toMs);
  if (inWindow.length <= maxPoints) return inWindow;
  const width = (toMs - fromMs) / maxPoints;
  const buckets = groupByTime(inWindow, (p) => Math.min(maxPoints - 1, Math.floor((p.t - fromMs) / width)));
  return [...buckets.values()].map((bucket) => ({
    t: Math.round(bucket.reduce((sum, p) => sum + p.t, 0) / bucket.length),
    v: bucket.reduce((sum, p) => sum + p.v, 0) / bucket.length,
  }));
}

export function buildHostOverview(
  allSeries: SeriesLookup,
  nowUnixMs: number,
  windowSeconds: number,
  options: HostOverviewOptions = {},
): HostOverviewResponse {
  const only = options.resourceKey;
  const series: SeriesLookup = only === undefined ? allSeries : (name) => allSeries(name).filter((p) => p.resourceKey === only);
  const fromMs = nowUnixMs - windowSeconds * 1000;
  const maxPoints = Math.max(1, options.maxPoints ?? DEFAULT_MAX_POINTS);
  const fit = (points: SeriesPoint[]) => fitToWindow(points, fromMs, nowUnixMs, maxPoints);

  const utilization = series('system.cpu.utilization');
  const cpu = utilization.length > 0 ? cpuFromUtilization(utilization) : [];
  return {
    cpuUtilization: fit(cpu.length > 0 ? cpu : cpuFromTime(series('system.cpu.time'))),
    memoryUtilization: fit(memoryUtilization(series)),
    diskBusy: fit(diskBusy(series('system.disk.io_time'))),
    networkBytesPerSecond: fit(networkBytesPerSecond(series('system.network.io'))),
  };
}
