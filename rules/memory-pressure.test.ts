import { describe, expect, it } from 'vitest';
import type { Attributes, MetricPoint } from '../common/telemetry.ts';
import { buildMetricPoint, buildResource } from '../fixtures/domain-builders.ts';
import { memoryPressure } from './memory-pressure.ts';
import { thresholdValues } from './rule.ts';
import { evidenceOf, SECOND, T0 } from './test-evidence.ts';

const host = buildResource('chokepoint-host', { 'host.name': 'web-1' });
const shop = buildResource('shop');
const defaults = thresholdValues(memoryPressure);
const MB = 1024 * 1024;
const GB = 1024 * MB;

/** One point every `step` seconds for `seconds`; `at` returns the value, or null for a missing export. */
function gauge(name: string, resource: typeof host, seconds: number, at: (s: number) => number | null, attributes: Attributes = {}, step = 2): MetricPoint[] {
  const points: MetricPoint[] = [];
  for (let s = 0; s < seconds; s += step) {
    const value = at(s);
    if (value !== null) points.push(buildMetricPoint({ type: 'gauge', value }, { resource, name, unit: 'By', attributes, timeUnixNano: T0 + BigInt(s) * SECOND }));
  }
  return points;
}

/** Cumulative v8js.gc.duration histograms: `share(s)` seconds of GC per second, `majorEvery` s between full GCs. */
function gc(seconds: number, share: (s: number) => number, majorEvery: (s: number) => number | null): MetricPoint[] {
  const points: MetricPoint[] = [];
  let minorSum = 0;
  let majorCount = 0;
  for (let s = 0; s < seconds; s += 2) {
    minorSum += share(s) * 2;
    const every = majorEvery(s);
    if (every !== null && s % every === 0) majorCount += 1;
    const histogram = (type: string, sum: number, count: number) =>
      buildMetricPoint({ type: 'histogram', temporality: 'cumulative', count, sum, min: null, max: null, bucketCounts: [count], explicitBounds: [] }, { resource: shop, name: 'v8js.gc.duration', unit: 's', attributes: { 'v8js.gc.type': type }, timeUnixNano: T0 + BigInt(s) * SECOND });
    points.push(histogram('minor', minorSum, s + 1), histogram('major', majorCount * 0.01, majorCount));
  }
  return points;
}

/** The host's RAM: 25 GB total, `available(s)` bytes available. */
function hostRam(seconds: number, available: (s: number) => number, total = 25 * GB): MetricPoint[] {
  const sum = (name: string, value: number, time: bigint, attributes: Attributes = {}) => buildMetricPoint({ type: 'sum', value, temporality: 'cumulative', monotonic: false }, { resource: host, name, unit: 'By', attributes, timeUnixNano: time });
  const points: MetricPoint[] = [];
  for (let s = 0; s < seconds; s += 1) {
    const time = T0 + BigInt(s) * SECOND;
    points.push(sum('system.memory.limit', total, time), sum('system.memory.linux.available', available(s), time));
  }
  return points;
}

/** Counter points, one per second, growing by perSecond(s). */
function counter(name: string, seconds: number, perSecond: (s: number) => number, attributes: Attributes): MetricPoint[] {
  let total = 0;
  return Array.from({ length: seconds }, (_, s) => {
    total += perSecond(s);
    return buildMetricPoint({ type: 'sum', value: total, temporality: 'cumulative', monotonic: true }, { resource: host, name, unit: '1', attributes, timeUnixNano: T0 + BigInt(s) * SECOND });
  });
}

const severe = (findings: ReturnType<typeof memoryPressure.evaluate>) => findings.filter((f) => f.severity !== 'info');

describe('memory-pressure', () => {
  it('catches a Node cache that grows RSS steadily while GC works harder, though the host has plenty of RAM', () => {
    // 80 MB for 40 s, then +5 MB/s; every third export lost to timeouts during the growth.
    const rss = gauge('process.memory.usage', shop, 100, (s) => (s < 40 ? 80 * MB + (s % 4) * 0.2 * MB : s % 6 === 0 ? null : 80 * MB + (s - 40) * 5 * MB));
    const gcPoints = gc(100, (s) => (s < 40 ? 0.004 : 0.04), (s) => (s < 40 ? null : 4));
    const evidence = evidenceOf({ metricPoints: [...rss, ...gcPoints, ...hostRam(100, () => 24 * GB)] }, T0 + 100n * SECOND);
    const [finding] = memoryPressure.evaluate(evidence, defaults);
    expect(finding).toMatchObject({ severity: 'warning', service: 'shop', key: `process:${shop.key}` });
    expect(Number(finding.onsetUnixNano - T0) / 1e9).toBeGreaterThanOrEqual(36);
    expect(Number(finding.onsetUnixNano - T0) / 1e9).toBeLessThanOrEqual(40);
    expect(finding.evidence.numbers['growth.mb_per_second']).toBeCloseTo(5, 0);
    expect(finding.evidence.numbers['gc.share.during']).toBeCloseTo(0.04, 2);
    expect(finding.evidence.numbers['gc.major_collections']).toBeGreaterThanOrEqual(10);
    expect(finding.summary).toContain('5.0 MB/s');
    expect(finding.summary).toContain('GC took 4.2% of the time (was 0.4%)');
  });

  it('is critical when the growth drives GC past 10% of the time', () => {
    const heap = gauge('v8js.memory.heap.used', shop, 90, (s) => (s < 30 ? 40 * MB : 40 * MB + (s - 30) * 3 * MB), { 'v8js.heap.space.name': 'old_space' });
    const gcPoints = gc(90, (s) => (s < 30 ? 0.01 : 0.15), () => 4);
    const [finding] = memoryPressure.evaluate(evidenceOf({ metricPoints: [...heap, ...gcPoints] }, T0 + 90n * SECOND), defaults);
    expect(finding).toMatchObject({ severity: 'critical' });
    expect(finding.summary).toContain('heap of shop grew steadily');
  });

  it('reports a host with under 10% of RAM available, critical when major faults pile up too', () => {
    const low = hostRam(60, (s) => (s < 20 ? 8 * GB : 1.5 * GB), 16 * GB);
    const [warning] = memoryPressure.evaluate(evidenceOf({ metricPoints: low }, T0 + 60n * SECOND), defaults);
    expect(warning).toMatchObject({ severity: 'warning', resource: 'web-1', onsetUnixNano: T0 + 20n * SECOND });
    expect(warning.summary).toContain('only 9% of RAM was available');
    const faults = counter('system.paging.faults', 60, (s) => (s < 20 ? 5 : 2500), { 'system.paging.fault.type': 'major' });
    const [critical] = memoryPressure.evaluate(evidenceOf({ metricPoints: [...low, ...faults] }, T0 + 60n * SECOND), defaults);
    expect(critical.severity).toBe('critical');
    expect(critical.evidence.numbers['paging.major_faults.per_second']).toBeCloseTo(2500, 5);
    // The same host seen through node_exporter.
    const prometheus = low.map((p) => ({ ...p, name: p.name === 'system.memory.limit' ? 'node_memory_MemTotal_bytes' : 'node_memory_MemAvailable_bytes' }));
    const pgmajfault = counter('node_vmstat_pgmajfault', 60, (s) => (s < 20 ? 5 : 2500), {});
    expect(memoryPressure.evaluate(evidenceOf({ metricPoints: [...prometheus, ...pgmajfault] }, T0 + 60n * SECOND), defaults)[0].severity).toBe('critical');
  });

  it('treats a full but idle swap as info, and a full swap with pages moving as a warning', () => {
    const swap = (used: number) => [
      ...gauge('system.paging.usage', host, 60, () => used, { 'system.paging.state': 'used' }, 1),
      ...gauge('system.paging.usage', host, 60, () => 1 * GB - used, { 'system.paging.state': 'free' }, 1),
    ];
    const ram = hostRam(60, () => 10 * GB);
    const idle = memoryPressure.evaluate(evidenceOf({ metricPoints: [...ram, ...swap(0.9 * GB)] }, T0 + 60n * SECOND), defaults);
    expect(idle.map((f) => f.severity)).toEqual(['info']);
    const moving = counter('system.paging.operations', 60, () => 40, { 'system.paging.direction': 'in' });
    const [active] = memoryPressure.evaluate(evidenceOf({ metricPoints: [...ram, ...swap(0.9 * GB), ...moving] }, T0 + 60n * SECOND), defaults);
    expect(active.severity).toBe('warning');
    expect(active.summary).toContain('swap was 90% full and in use');
  });

  it('stays quiet on warm-up growth that slows down, and on a long GC sawtooth of the heap', () => {
    const warmUp = gauge('process.memory.usage', shop, 120, (s) => 50 * MB + 100 * MB * (1 - Math.exp(-s / 15)));
    const gcPoints = gc(120, () => 0.01, () => 10);
    expect(memoryPressure.evaluate(evidenceOf({ metricPoints: [...warmUp, ...gcPoints] }, T0 + 120n * SECOND), defaults)).toEqual([]);
    // Old space fills with garbage at 1.5 MB/s for 60 s, then a full GC drops it: no full GC ran during the climb.
    const sawtooth = gauge('v8js.memory.heap.used', shop, 150, (s) => 40 * MB + (s % 70) * 1.5 * MB, { 'v8js.heap.space.name': 'old_space' });
    const rareGc = gc(150, () => 0.01, (s) => (s % 70 === 0 ? 70 : null));
    expect(severe(memoryPressure.evaluate(evidenceOf({ metricPoints: [...sawtooth, ...rareGc] }, T0 + 136n * SECOND), defaults))).toEqual([]);
  });

  it('stays quiet when RSS only climbs back to a level it already held (re-grown after a GC compaction, as recorded in n-plus-one)', () => {
    const regrow = gauge('process.memory.usage', shop, 90, (s) => (s < 20 ? 120 * MB : Math.min(121 * MB, 88 * MB + (s - 20) * 1.5 * MB)));
    const gcPoints = gc(90, () => 0.01, () => 8);
    expect(memoryPressure.evaluate(evidenceOf({ metricPoints: [...regrow, ...gcPoints] }, T0 + 42n * SECOND), defaults)).toEqual([]);
    // The same climb from a process that never held more is growth.
    const fresh = gauge('process.memory.usage', shop, 90, (s) => (s < 20 ? 88 * MB : 88 * MB + (s - 20) * 1.5 * MB));
    expect(memoryPressure.evaluate(evidenceOf({ metricPoints: [...fresh, ...gcPoints] }, T0 + 42n * SECOND), defaults).map((f) => f.severity)).toEqual(['warning']);
  });

  it('needs 1 MB/s: 0.9 MB/s of steady growth stays quiet, 1.1 MB/s fires', () => {
    const run = (mbPerSecond: number) => {
      const rss = gauge('process.memory.usage', shop, 80, (s) => 20 * MB + s * mbPerSecond * MB);
      return memoryPressure.evaluate(evidenceOf({ metricPoints: [...rss, ...gc(80, () => 0.03, () => 6)] }, T0 + 80n * SECOND), defaults);
    };
    expect(run(0.9)).toEqual([]);
    expect(run(1.1).map((f) => f.severity)).toEqual(['warning']);
  });
});
