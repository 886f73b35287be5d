import { describe, expect, it } from 'vitest';
import type { MetricInfo } from '../common/metric-view.ts';
import type { MetricPointData } from '../common/telemetry.ts';
import type { StoredMetricPoint } from '../store/index.ts';
import { MAX_CHART_SERIES, MAX_POINTS_PER_SERIES, buildMetricSeries, downsample, limitMetricOf } from './metric-series.ts';

const T0 = 1_700_000_000_000_000_000n;
const SECOND = 1_000_000_000n;

function point(second: number, data: MetricPointData, attributes: Record<string, string> = {}, serviceName = 'api'): StoredMetricPoint {
  return { timeUnixNano: T0 + BigInt(second) * SECOND, startTimeUnixNano: T0, attributes, resourceKey: `res:${serviceName}`, serviceName, data };
}

const info = (type: MetricInfo['type'], unit = ''): MetricInfo => ({ name: 'm', type, unit, description: '' });

describe('metric series for the Metrics view', () => {
  it('plots gauges as reported, one series per attribute set, labelled by its attributes', () => {
    const points = [0, 1, 2].flatMap((s) => [point(s, { type: 'gauge', value: s }, { 'cpu.mode': 'user', host: 'a' }), point(s, { type: 'gauge', value: 10 * s }, { 'cpu.mode': 'system', host: 'a' })]);
    const out = buildMetricSeries(info('gauge', '1'), points, T0, T0 + 3n * SECOND);
    expect(out.meaning).toBe('value');
    expect(out.unit).toBe('1');
    // What every series shares is said once, not in each label.
    expect(out.series.map((s) => s.label).sort()).toEqual(['cpu.mode=system', 'cpu.mode=user']);
    expect(out.sharedLabel).toBe('host=a');
    expect(out.series.find((s) => s.label === 'cpu.mode=system')?.points.map((p) => p.v)).toEqual([0, 10, 20]);
  });

  it('turns a cumulative counter into its increase per second and starts over after a restart', () => {
    const counter = (s: number, value: number) => point(s, { type: 'sum', value, temporality: 'cumulative', monotonic: true });
    const out = buildMetricSeries(info('sum', 'By'), [counter(0, 100), counter(2, 300), counter(4, 700), counter(5, 10), counter(6, 60)], T0, T0 + 6n * SECOND);
    expect(out.meaning).toBe('rate');
    expect(out.unit).toBe('By/s');
    // 200 B over 2 s, 400 B over 2 s, (drop: restart, no point), 50 B over 1 s.
    expect(out.series[0].points.map((p) => p.v)).toEqual([100, 200, 50]);
  });

  it('reads percentiles of each interval from a cumulative histogram by differencing its buckets', () => {
    const bounds = [10, 100, 1000];
    const hist = (s: number, bucketCounts: number[]) =>
      point(s, { type: 'histogram', temporality: 'cumulative', count: bucketCounts.reduce((a, b) => a + b, 0), sum: null, min: null, max: null, bucketCounts, explicitBounds: bounds });
    // Interval 1: 100 fast calls (≤10 ms). Interval 2: another 100 calls, all between 100 and 1000 ms.
    const out = buildMetricSeries(info('histogram', 'ms'), [hist(0, [100, 0, 0, 0]), hist(1, [100, 0, 100, 0])], T0, T0 + SECOND);
    expect(out.meaning).toBe('percentile');
    const p50 = out.series.find((s) => s.label === 'p50');
    const p99 = out.series.find((s) => s.label === 'p99');
    expect(p50?.points[0].v).toBe(5);
    // Since the start the median would still sit in the fast bucket; the second interval alone is slow.
    expect(p50?.points[1].v).toBe(550);
    expect(p99?.points[1].v).toBeCloseTo(991, 0);
  });

  it('uses a summary’s own quantiles', () => {
    const out = buildMetricSeries(info('summary', 's'), [point(0, { type: 'summary', count: 10, sum: 3, quantileValues: [{ quantile: 0.5, value: 0.2 }, { quantile: 0.99, value: 0.9 }] })], T0, T0);
    expect(out.series.map((s) => [s.label, s.points[0].v])).toEqual([
      ['p50', 0.2],
      ['p99', 0.9],
    ]);
  });

  it('shows the busiest attribute sets and counts the rest as hidden; names the service when several report', () => {
    const points = Array.from({ length: MAX_CHART_SERIES + 3 }, (_, i) =>
      Array.from({ length: i + 1 }, (_, s) => point(s, { type: 'gauge', value: 1 }, { pool: `p${i}` }, i % 2 === 0 ? 'api' : 'worker')),
    ).flat();
    const out = buildMetricSeries(info('gauge'), points, T0, T0 + 20n * SECOND);
    expect(out.series).toHaveLength(MAX_CHART_SERIES);
    expect(out.hiddenSeries).toBe(3);
    const busiest = MAX_CHART_SERIES + 2;
    expect(out.series[0].label).toBe(`${busiest % 2 === 0 ? "api" : "worker"} · pool=p${busiest}`);
  });

  it('averages long series into a bounded number of points', () => {
    const long = Array.from({ length: 10 * MAX_POINTS_PER_SERIES }, (_, i) => ({ t: i, v: i % 2 }));
    const out = downsample(long, MAX_POINTS_PER_SERIES);
    expect(out.length).toBeLessThanOrEqual(MAX_POINTS_PER_SERIES);
    expect(out.every((p) => p.v === 0.5)).toBe(true);
  });

  it('knows which metrics are drawn against a limit: pool connections in use against the pool maximum', () => {
    expect(limitMetricOf('db.client.connection.count')).toBe('db.client.connection.max');
    expect(limitMetricOf('db.client.connections.usage')).toBe('db.client.connections.max');
    expect(limitMetricOf('system.cpu.utilization')).toBeUndefined();
    expect(limitMetricOf('__proto__')).toBeUndefined();
  });
});
