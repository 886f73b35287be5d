import { describe, expect, it } from 'vitest';
import type { Attributes, MetricPoint } from '../common/telemetry.ts';
import { buildHostOverview, counterRates, fitToWindow, isLoopbackInterface } from './host-overview.ts';
import type { StoredPoint } from './host-overview.ts';
import { snapshotToPoints } from '../collectors/host/snapshot-to-points.ts';
import { HOST_SAMPLER_SCOPE, hostResource } from '../collectors/host/host-resource.ts';
import type { HostSnapshot } from '../collectors/host/host-snapshot.ts';

const T0 = 1_800_000_000_000; // Unix ms
const BOOT = 1_700_000_000_000_000_000n;
const ns = (ms: number) => BigInt(ms) * 1_000_000n;

const gauge = (ms: number, value: number, attributes: Attributes = {}): StoredPoint => ({
  timeUnixNano: ns(ms),
  startTimeUnixNano: 0n,
  attributes,
  data: { type: 'gauge', value },
});
const counter = (ms: number, value: number, attributes: Attributes = {}, start = BOOT): StoredPoint => ({
  timeUnixNano: ns(ms),
  startTimeUnixNano: start,
  attributes,
  data: { type: 'sum', value, temporality: 'cumulative', monotonic: true },
});
const upDown = (ms: number, value: number, attributes: Attributes = {}): StoredPoint => ({
  ...counter(ms, value, attributes),
  data: { type: 'sum', value, temporality: 'cumulative', monotonic: false },
});

function lookup(points: Record<string, StoredPoint[]>) {
  const asked: string[] = [];
  const series = (name: string) => {
    asked.push(name);
    return points[name] ?? [];
  };
  return { series, asked };
}

const overview = (points: Record<string, StoredPoint[]>, now = T0 + 300_000, windowSeconds = 600) =>
  buildHostOverview(lookup(points).series, now, windowSeconds);

describe('buildHostOverview: CPU', () => {
  it('uses system.cpu.utilization and counts neither idle nor iowait as busy', () => {
    const at = (ms: number, idle: number, iowait: number, user: number) => [
      gauge(ms, idle, { 'cpu.mode': 'idle' }),
      gauge(ms, iowait, { 'cpu.mode': 'iowait' }),
      gauge(ms, user, { 'cpu.mode': 'user' }),
    ];
    const { cpuUtilization } = overview({ 'system.cpu.utilization': [...at(T0, 0.5, 0.25, 0.25), ...at(T0 + 1000, 1, 0, 0)] });
    expect(cpuUtilization).toEqual([{ t: T0, v: 0.25 }, { t: T0 + 1000, v: 0 }]);
  });

  it('averages per-CPU utilization, but prefers aggregate points when both are present', () => {
    const perCpu = [
      gauge(T0, 1, { 'cpu.mode': 'idle', 'cpu.logical_number': 0 }),
      gauge(T0, 0, { 'cpu.mode': 'idle', 'cpu.logical_number': 1 }),
      gauge(T0, 1, { 'cpu.mode': 'user', 'cpu.logical_number': 1 }),
    ];
    expect(overview({ 'system.cpu.utilization': perCpu }).cpuUtilization).toEqual([{ t: T0, v: 0.5 }]);
    const both = [...perCpu, gauge(T0, 0.9, { 'cpu.mode': 'idle' }), gauge(T0, 0.1, { 'cpu.mode': 'user' })];
    expect(overview({ 'system.cpu.utilization': both }).cpuUtilization[0].v).toBeCloseTo(0.1, 12);
  });

  it('falls back to system.cpu.time deltas (hostmetrics default), per-CPU, any mode names', () => {
    const point = (ms: number, cpu: number, mode: string, seconds: number) =>
      counter(ms, seconds, { 'cpu.logical_number': cpu, 'cpu.mode': mode });
    const sample = (ms: number, k: number) => [
      point(ms, 0, 'user', 100 + 0.5 * k),
      point(ms, 0, 'idle', 900 + 0.5 * k),
      point(ms, 0, 'softirq', 3),
      point(ms, 1, 'user', 50 + 0.1 * k),
      point(ms, 1, 'idle', 800 + 0.7 * k),
      point(ms, 1, 'iowait', 20 + 0.2 * k),
    ];
    const { series, asked } = lookup({ 'system.cpu.time': [...sample(T0, 0), ...sample(T0 + 1000, 1), ...sample(T0 + 2000, 2)] });
    const result = buildHostOverview(series, T0 + 300_000, 600);
    // Per step: busy ticks 0.5 + 0.1 of 2 CPU-seconds.
    expect(result.cpuUtilization.map((p) => p.t)).toEqual([T0 + 1000, T0 + 2000]);
    for (const p of result.cpuUtilization) expect(p.v).toBeCloseTo(0.3, 9);
    expect(asked).toContain('system.cpu.utilization');
  });

  it('skips the step of a counter reset and of a gap', () => {
    const idle = (ms: number, v: number, start = BOOT) => counter(ms, v, { 'cpu.mode': 'idle' }, start);
    const user = (ms: number, v: number, start = BOOT) => counter(ms, v, { 'cpu.mode': 'user' }, start);
    const points = [
      idle(T0, 10), user(T0, 10),
      idle(T0 + 1000, 10.5), user(T0 + 1000, 10.5),
      idle(T0 + 2000, 11), user(T0 + 2000, 11),
      idle(T0 + 3000, 11.9), user(T0 + 3000, 11.1),
      // Reboot: counters restart with a new start time.
      idle(T0 + 4000, 0.2, BOOT + 1n), user(T0 + 4000, 0.1, BOOT + 1n),
      idle(T0 + 5000, 0.6, BOOT + 1n), user(T0 + 5000, 0.7, BOOT + 1n),
      // The console was closed for a minute.
      idle(T0 + 65_000, 30, BOOT + 1n), user(T0 + 65_000, 30, BOOT + 1n),
    ];
    const { cpuUtilization } = overview({ 'system.cpu.time': points });
    expect(cpuUtilization.map((p) => p.t)).toEqual([T0 + 1000, T0 + 2000, T0 + 3000, T0 + 5000]);
    expect(cpuUtilization[2].v).toBeCloseTo(0.1, 9);
    expect(cpuUtilization[3].v).toBeCloseTo(0.6, 9);
  });
});

describe('buildHostOverview: memory', () => {
  it('prefers system.memory.utilization{state=used}', () => {
    const points = [gauge(T0, 0.4, { 'system.memory.state': 'used' }), gauge(T0, 0.6, { 'system.memory.state': 'free' })];
    expect(overview({ 'system.memory.utilization': points }).memoryUtilization).toEqual([{ t: T0, v: 0.4 }]);
  });

  it('divides usage{used} by system.memory.limit, else by the sum of the semconv states', () => {
    const usage = (ms: number) => [
      upDown(ms, 300, { 'system.memory.state': 'used' }),
      upDown(ms, 400, { 'system.memory.state': 'free' }),
      upDown(ms, 100, { 'system.memory.state': 'buffers' }),
      upDown(ms, 200, { 'system.memory.state': 'cached' }),
      // hostmetrics' slab states overlap cached: never part of the total.
      upDown(ms, 150, { 'system.memory.state': 'slab_reclaimable' }),
    ];
    const points = { 'system.memory.usage': [...usage(T0), ...usage(T0 + 1000)], 'system.memory.limit': [upDown(T0, 1200)] };
    expect(overview(points).memoryUtilization).toEqual([{ t: T0, v: 0.25 }, { t: T0 + 1000, v: 0.3 }]);
  });
});

describe('buildHostOverview: disk and network', () => {
  it('reports the busiest disk per time from io_time rates', () => {
    const io = (ms: number, device: string, seconds: number) => counter(ms, seconds, { 'system.device': device });
    const points = [io(T0, 'sda', 10), io(T0, 'sdb', 5), io(T0 + 2000, 'sda', 10.5), io(T0 + 2000, 'sdb', 6.5), io(T0 + 3000, 'sda', 11.5), io(T0 + 3000, 'sdb', 1)];
    const { diskBusy } = overview({ 'system.disk.io_time': points });
    expect(diskBusy).toHaveLength(2);
    expect(diskBusy[0]).toEqual({ t: T0 + 2000, v: 0.75 });
    // sdb reset (value went down); sda was busy the whole second.
    expect(diskBusy[1]).toEqual({ t: T0 + 3000, v: 1 });
  });

  it('sums bytes per second over interfaces and directions, without loopback', () => {
    const io = (ms: number, nic: string, direction: string, bytes: number) =>
      counter(ms, bytes, { 'network.interface.name': nic, 'network.io.direction': direction });
    const points = [
      io(T0, 'eth0', 'receive', 1000), io(T0, 'eth0', 'transmit', 500), io(T0, 'lo', 'receive', 0), io(T0, 'wlan0', 'receive', 0),
      io(T0 + 2000, 'eth0', 'receive', 5000), io(T0 + 2000, 'eth0', 'transmit', 1500), io(T0 + 2000, 'lo', 'receive', 1e9), io(T0 + 2000, 'wlan0', 'receive', 2000),
    ];
    expect(overview({ 'system.network.io': points }).networkBytesPerSecond).toEqual([{ t: T0 + 2000, v: 3500 }]);
  });

  it('uses delta-temporality sums as they are', () => {
    const delta = (ms: number, bytes: number): StoredPoint => ({
      timeUnixNano: ns(ms),
      startTimeUnixNano: ns(ms - 500),
      attributes: { 'network.interface.name': 'eth0', 'network.io.direction': 'receive' },
      data: { type: 'sum', value: bytes, temporality: 'delta', monotonic: true },
    });
    expect(overview({ 'system.network.io': [delta(T0, 100), delta(T0 + 500, 300)] }).networkBytesPerSecond).toEqual([
      { t: T0, v: 200 },
      { t: T0 + 500, v: 600 },
    ]);
  });
});

describe('buildHostOverview: window and shape', () => {
  it('returns empty series when nothing was stored', () => {
    expect(overview({})).toEqual({ cpuUtilization: [], memoryUtilization: [], diskBusy: [], networkBytesPerSecond: [] });
  });

  it('keeps only the window and averages long series into maxPoints buckets', () => {
    const points = Array.from({ length: 100 }, (_, i) => gauge(T0 + i * 1000, i % 2 === 0 ? 0.2 : 0.4, { 'system.memory.state': 'used' }));
    const series = (name: string) => (name === 'system.memory.utilization' ? points : []);
    const windowed = buildHostOverview(series, T0 + 49_000, 20);
    expect(windowed.memoryUtilization.map((p) => p.t)).toEqual(Array.from({ length: 21 }, (_, i) => T0 + (29 + i) * 1000));
    const fitted = buildHostOverview(series, T0 + 100_000, 100, { maxPoints: 10 });
    expect(fitted.memoryUtilization).toHaveLength(10);
    for (const p of fitted.memoryUtilization) expect(p.v).toBeCloseTo(0.3, 12);
  });

  it('keeps resources apart: per-resource streams, and an optional single resource', () => {
    const io = (ms: number, bytes: number, resourceKey: string): StoredPoint => ({
      ...counter(ms, bytes, { 'network.interface.name': 'eth0', 'network.io.direction': 'receive' }),
      resourceKey,
    });
    // Same attributes and start time on two hosts: interleaved, they would look like resets.
    const points = [io(T0, 1000, 'host:a'), io(T0, 9000, 'host:b'), io(T0 + 1000, 1100, 'host:a'), io(T0 + 1000, 9500, 'host:b')];
    const series = (name: string) => (name === 'system.network.io' ? points : []);
    expect(buildHostOverview(series, T0 + 5000, 60).networkBytesPerSecond).toEqual([{ t: T0 + 1000, v: 600 }]);
    expect(buildHostOverview(series, T0 + 5000, 60, { resourceKey: 'host:b' }).networkBytesPerSecond).toEqual([{ t: T0 + 1000, v: 500 }]);
  });

  it('fitToWindow leaves short series alone', () => {
    expect(fitToWindow([{ t: 5, v: 1 }], 0, 10, 3)).toEqual([{ t: 5, v: 1 }]);
  });

  it('counterRates ignores gauges and the first point of each stream', () => {
    expect(counterRates([gauge(T0, 1), counter(T0, 5)])).toEqual([]);
  });

  it('treats lo, lo0 and Windows loopback as loopback', () => {
    expect(['lo', 'lo0', 'Loopback Pseudo-Interface 1'].every(isLoopbackInterface)).toBe(true);
    expect(['eth0', 'local0', 'wlo1'].some(isLoopbackInterface)).toBe(false);
  });
});

describe('buildHostOverview on the host sampler’s own points', () => {
  it('reads the names and attributes the sampler emits', () => {
    const snapshot = (k: number): HostSnapshot => ({
      cpu: { ticksPerSecond: 100, total: { user: 100 + 20 * k, iowait: 10 + 10 * k, idle: 1000 + 70 * k }, perCpu: [] },
      memory: { totalBytes: 1000, usedBytes: 250, freeBytes: 750, buffersBytes: 0, cachedBytes: 0, availableBytes: null, sharedBytes: null },
      disks: [{ device: 'vda', readBytes: 0, writeBytes: 0, readOps: 0, writeOps: 0, readMerged: null, writeMerged: null, readTimeSeconds: null, writeTimeSeconds: null, ioTimeSeconds: 0.5 * k }],
      network: [
        { interface: 'lo', rxBytes: 1e6 * k, txBytes: 1e6 * k, rxPackets: 0, txPackets: 0, rxErrors: 0, txErrors: 0, rxDropped: 0, txDropped: 0 },
        { interface: 'eth0', rxBytes: 100 * k, txBytes: 50 * k, rxPackets: 0, txPackets: 0, rxErrors: 0, txErrors: 0, rxDropped: 0, txDropped: 0 },
      ],
    });
    const points: MetricPoint[] = [];
    for (const k of [0, 1]) {
      const ctx = { resource: hostResource('h'), scope: HOST_SAMPLER_SCOPE, timeUnixNano: ns(T0 + k * 1000), startTimeUnixNano: BOOT };
      points.push(...snapshotToPoints(snapshot(k + 1), k === 0 ? null : snapshot(k), ctx));
    }
    const result = buildHostOverview((name) => points.filter((p) => p.name === name), T0 + 10_000, 60);
    expect(result.cpuUtilization).toHaveLength(1);
    expect(result.cpuUtilization[0].t).toBe(T0 + 1000);
    expect(result.cpuUtilization[0].v).toBeCloseTo(0.2, 12);
    expect({ ...result, cpuUtilization: [] }).toEqual({
      cpuUtilization: [],
      memoryUtilization: [{ t: T0, v: 0.25 }, { t: T0 + 1000, v: 0.25 }],
      diskBusy: [{ t: T0 + 1000, v: 0.5 }],
      networkBytesPerSecond: [{ t: T0 + 1000, v: 150 }],
    });
  });
});
