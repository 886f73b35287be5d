// One metric's stored points → chartable series for the Metrics view. Gauges plot as reported; monotonic sums
// as their increase per second (what "requests" or "bytes" over time means); histograms and summaries as
// p50/p95/p99 lines per attribute set, from the buckets of each interval (cumulative points are differenced).
import type { MetricChartSeries, MetricInfo, MetricSeriesResponse, MetricValueMeaning } from '../common/metric-view.ts';
import type { MetricPointData } from '../common/telemetry.ts';
import type { StoredMetricPoint } from '../store/index.ts';
import { histogramQuantile, exponentialQuantile } from './histogram-quantile.ts';

/**
 * Metrics drawn with their limit beside them: a pool's connections in use against the pool's maximum (current
 * and older semantic-convention names).
 */
const LIMIT_OF: Record<string, string> = {
  'db.client.connection.count': 'db.client.connection.max',
  'db.client.connections.usage': 'db.client.connections.max',
};

/** The metric that bounds `name` (drawn as a dashed line on its chart), if it has one. */
export function limitMetricOf(name: string): string | undefined {
  return Object.hasOwn(LIMIT_OF, name) ? LIMIT_OF[name] : undefined;
}

/** Attribute sets shown at most; the ones with the most points (then the largest values) win. */
export const MAX_CHART_SERIES = 8;
export const CHART_QUANTILES = [0.5, 0.95, 0.99] as const;
/** Points per series at most; longer series are averaged into this many time buckets. */
export const MAX_POINTS_PER_SERIES = 600;

type Point = { t: number; v: number };

function meaningOf(info: MetricInfo, sample: MetricPointData | undefined): MetricValueMeaning {
  if (info.type === 'histogram' || info.type === 'exponential_histogram' || info.type === 'summary') return 'percentile';
  return sample?.type === 'sum' && sample.monotonic ? 'rate' : 'value';
}

/** "key=value" parts of a point's attributes, sorted by key, its service first when several report. */
function attributeParts(point: StoredMetricPoint, withService: boolean): string[] {
  const parts = Object.keys(point.attributes)
    .sort()
    .map((key) => {
      const value = point.attributes[key];
      return `${key}=${typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value)}`;
    });
  if (withService) parts.unshift(point.serviceName);
  return parts;
}

/** Increase per second between consecutive points of a monotonic sum; a drop is a restart and starts over. */
function rates(points: StoredMetricPoint[]): Point[] {
  const out: Point[] = [];
  for (let i = 0; i < points.length; i += 1) {
    const p = points[i];
    if (p.data.type !== 'sum') continue;
    const t = Number(p.timeUnixNano / 1_000_000n);
    if (p.data.temporality === 'delta') {
      const seconds = p.startTimeUnixNano > 0n ? Number(p.timeUnixNano - p.startTimeUnixNano) / 1e9 : 0;
      if (seconds > 0) out.push({ t, v: p.data.value / seconds });
      continue;
    }
    const prev = points[i - 1];
    if (prev === undefined || prev.data.type !== 'sum' || p.data.value < prev.data.value) continue;
    const seconds = Number(p.timeUnixNano - prev.timeUnixNano) / 1e9;
    if (seconds > 0) out.push({ t, v: (p.data.value - prev.data.value) / seconds });
  }
  return out;
}

/** The quantile of one point's own interval (cumulative histograms are differenced with the previous point). */
function intervalQuantile(point: StoredMetricPoint, prev: StoredMetricPoint | undefined, q: number): number | null {
  const data = point.data;
  if (data.type === 'summary') {
    const match = data.quantileValues.find((entry) => Math.abs(entry.quantile - q) < 1e-3);
    return match === undefined ? null : match.value;
  }
  if (data.type === 'histogram') {
    if (data.temporality === 'cumulative' && prev?.data.type === 'histogram' && prev.data.count <= data.count && prev.data.bucketCounts.length === data.bucketCounts.length) {
      const before = prev.data.bucketCounts;
      // A cumulative point's min and max cover everything since its start, not this interval: not used.
      return histogramQuantile(data.bucketCounts.map((c, i) => c - before[i]), data.explicitBounds, q, null, null);
    }
    return histogramQuantile(data.bucketCounts, data.explicitBounds, q, data.min, data.max);
  }
  if (data.type === 'exponential_histogram') return exponentialQuantile(data, q);
  return null;
}

function quantileSeries(points: StoredMetricPoint[], q: number): Point[] {
  const out: Point[] = [];
  for (let i = 0; i < points.length; i += 1) {
    const v = intervalQuantile(points[i], points[i - 1], q);
    if (v !== null && Number.isFinite(v)) out.push({ t: Number(points[i].timeUnixNano / 1_000_000n), v });
  }
  return out;
}

function scalarSeries(points: StoredMetricPoint[]): Point[] {
  const out: Point[] = [];
  for (const p of points) {
    if ((p.data.type === 'gauge' || p.data.type === 'sum') && Number.isFinite(p.data.value)) out.push({ t: Number(p.timeUnixNano / 1_000_000n), v: p.data.value });
  }
  return out;
}

/** Averages a long series into at most `max` time buckets. */
export function downsample(points: Point[], max: number): Point[] {
  if (points.length <= max) return points;
  const from = points[0].t;
  const span = points[points.length - 1].t - from || 1;
  const sums = new Float64Array(max);
  const counts = new Uint32Array(max);
  for (const p of points) {
    const b = Math.min(max - 1, Math.floor(((p.t - from) / span) * max));
    sums[b] += p.v;
    counts[b] += 1;
  }
  const out: Point[] = [];
  for (let b = 0; b < max; b += 1) if (counts[b] > 0) out.push({ t: Math.round(from + ((b + 0.5) * span) / max), v: sums[b] / counts[b] });
  return out;
}

export function buildMetricSeries(info: MetricInfo, points: StoredMetricPoint[], fromUnixNano: bigint, toUnixNano: bigint): MetricSeriesResponse {
  const meaning = meaningOf(info, points[0]?.data);
  const services = new Set(points.map((p) => p.serviceName));
  const groups = new Map<string, { parts: string[]; label: string; points: StoredMetricPoint[] }>();
  for (const p of points) {
    const parts = attributeParts(p, services.size > 1);
    const key = `${p.resourceKey}|${parts.join(' · ')}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, { parts, label: '', points: [p] });
    else group.points.push(p);
  }
  // Attributes every series shares are said once (sharedLabel), not in each legend entry.
  const all = [...groups.values()];
  const shared = all.length === 0 ? [] : all[0].parts.filter((part) => all.every((g) => g.parts.includes(part)));
  for (const group of all) group.label = group.parts.filter((part) => !shared.includes(part)).join(' · ');
  const peak = (group: { points: StoredMetricPoint[] }) => Math.max(0, ...scalarSeries(group.points).map((p) => p.v));
  const ranked = [...groups].sort(([, a], [, b]) => b.points.length - a.points.length || peak(b) - peak(a) || a.label.localeCompare(b.label));
  const shown = ranked.slice(0, MAX_CHART_SERIES);
  const series: MetricChartSeries[] = [];
  for (const [key, group] of shown) {
    if (meaning === 'percentile') {
      for (const q of CHART_QUANTILES) {
        const name = `p${Math.round(q * 100)}`;
        const line = quantileSeries(group.points, q);
        if (line.length > 0) series.push({ key: `${key}|${name}`, label: group.label === '' ? name : `${name} · ${group.label}`, points: downsample(line, MAX_POINTS_PER_SERIES) });
      }
    } else {
      const line = meaning === 'rate' ? rates(group.points) : scalarSeries(group.points);
      series.push({ key, label: group.label === '' ? info.name : group.label, points: downsample(line, MAX_POINTS_PER_SERIES) });
    }
  }
  return {
    info,
    meaning,
    unit: meaning === 'rate' ? `${info.unit === '' ? '' : info.unit}/s` : info.unit,
    fromUnixNano: fromUnixNano.toString(),
    toUnixNano: toUnixNano.toString(),
    points: points.length,
    series,
    limits: [],
    sharedLabel: shared.join(' · '),
    hiddenSeries: ranked.length - shown.length,
  };
}
