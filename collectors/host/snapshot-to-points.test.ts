import { describe, expect, it } from 'vitest';
import type { MetricPoint } from '../../common/telemetry.ts';
import type { HostSnapshot } from './host-snapshot.ts';
import { snapshotToPoints } from './snapshot-to-points.ts';
import { HOST_SAMPLER_SCOPE, hostResource } from './host-resource.ts';

const ctx = {
  resource: hostResource('box', 'x64', 'linux'),
  scope: HOST_SAMPLER_SCOPE,
  timeUnixNano: 2_000_000_000_000n,
  startTimeUnixNano: 1_000_000_000_000n,
};

const snapshot: HostSnapshot = {
  cpu: {
    ticksPerSecond: 100,
    total: { user: 300, system: 100, idle: 600 },
    perCpu: [
      { logicalNumber: 0, ticks: { user: 150, system: 50, idle: 300 } },
      { logicalNumber: 1, ticks: { user: 150, system: 50, idle: 300 } },
    ],
  },
  memory: { totalBytes: 1000, usedBytes: 400, freeBytes: 300, buffersBytes: 100, cachedBytes: 200, availableBytes: 550, sharedBytes: null },
  swap: { totalBytes: 0, freeBytes: 0 },
  paging: { minorFaults: 90, majorFaults: 10, pagesSwappedIn: 1, pagesSwappedOut: 2 },
  disks: [{ device: 'vda', readBytes: 512, writeBytes: 1024, readOps: 1, writeOps: 2, readMerged: 0, writeMerged: 3, readTimeSeconds: 0.5, writeTimeSeconds: 1.5, ioTimeSeconds: 2 }],
  network: [{ interface: 'eth0', rxBytes: 10, txBytes: 20, rxPackets: 1, txPackets: 2, rxErrors: 3, txErrors: 4, rxDropped: 5, txDropped: 6 }],
  load: { m1: 1, m5: 2, m15: 3 },
};

const find = (points: MetricPoint[], name: string, attrs: Record<string, unknown> = {}) =>
  points.filter((p) => p.name === name && Object.entries(attrs).every(([k, v]) => p.attributes[k] === v));
const value = (point: MetricPoint | undefined) => (point && (point.data.type === 'gauge' || point.data.type === 'sum') ? point.data.value : NaN);

describe('snapshotToPoints', () => {
  const points = snapshotToPoints(snapshot, null, ctx);

  it('emits cpu time per logical CPU and mode in seconds, as a monotonic cumulative sum from the start time', () => {
    const cpuTime = find(points, 'system.cpu.time');
    expect(cpuTime).toHaveLength(6);
    const user1 = find(points, 'system.cpu.time', { 'cpu.logical_number': 1, 'cpu.mode': 'user' })[0];
    expect(value(user1)).toBe(1.5);
    expect(user1.unit).toBe('s');
    expect(user1.data).toMatchObject({ type: 'sum', temporality: 'cumulative', monotonic: true });
    expect(user1.startTimeUnixNano).toBe(ctx.startTimeUnixNano);
    expect(user1.timeUnixNano).toBe(ctx.timeUnixNano);
    expect(user1.resource.attributes).toMatchObject({ 'service.name': 'chokepoint-host', 'host.name': 'box', 'host.arch': 'amd64', 'os.type': 'linux' });
    expect(value(find(points, 'system.cpu.logical.count')[0])).toBe(2);
  });

  it('emits utilization only when there is a previous reading', () => {
    expect(find(points, 'system.cpu.utilization')).toHaveLength(0);
    const later: HostSnapshot = { ...snapshot, cpu: { ...snapshot.cpu!, total: { user: 325, system: 125, idle: 650 } } };
    const next = snapshotToPoints(later, snapshot, ctx);
    const util = find(next, 'system.cpu.utilization');
    expect(util.map((p) => [p.attributes['cpu.mode'], value(p)])).toEqual([['user', 0.25], ['system', 0.25], ['idle', 0.5]]);
    expect(util[0].data.type).toBe('gauge');
    expect(util[0].startTimeUnixNano).toBe(0n);
  });

  it('emits memory states that add up to the limit, with utilization by state', () => {
    const usage = find(points, 'system.memory.usage');
    expect(usage.map((p) => p.attributes['system.memory.state'])).toEqual(['used', 'free', 'buffers', 'cached']);
    expect(usage.reduce((sum, p) => sum + value(p), 0)).toBe(1000);
    expect(usage[0].data).toMatchObject({ type: 'sum', monotonic: false });
    expect(value(find(points, 'system.memory.limit')[0])).toBe(1000);
    expect(value(find(points, 'system.memory.utilization', { 'system.memory.state': 'used' })[0])).toBe(0.4);
    expect(value(find(points, 'system.memory.linux.available')[0])).toBe(550);
    expect(find(points, 'system.memory.linux.shared')).toHaveLength(0);
  });

  it('emits paging faults by type and swap usage, but no swap utilization without swap', () => {
    expect(value(find(points, 'system.paging.faults', { 'system.paging.fault.type': 'major' })[0])).toBe(10);
    expect(value(find(points, 'system.paging.faults', { 'system.paging.fault.type': 'minor' })[0])).toBe(90);
    expect(value(find(points, 'system.paging.operations', { 'system.paging.direction': 'out' })[0])).toBe(2);
    expect(find(points, 'system.paging.usage')).toHaveLength(2);
    expect(find(points, 'system.paging.utilization')).toHaveLength(0);
    const withSwap = snapshotToPoints({ swap: { totalBytes: 400, freeBytes: 300 } }, null, ctx);
    expect(value(find(withSwap, 'system.paging.utilization', { 'system.paging.state': 'used' })[0])).toBe(0.25);
  });

  it('emits disk and network counters by device/interface and direction', () => {
    expect(value(find(points, 'system.disk.io', { 'system.device': 'vda', 'disk.io.direction': 'write' })[0])).toBe(1024);
    expect(value(find(points, 'system.disk.operation_time', { 'disk.io.direction': 'read' })[0])).toBe(0.5);
    expect(value(find(points, 'system.disk.io_time', { 'system.device': 'vda' })[0])).toBe(2);
    expect(find(points, 'system.disk.merged')).toHaveLength(2);
    const nic = { 'network.interface.name': 'eth0' };
    expect(value(find(points, 'system.network.io', { ...nic, 'network.io.direction': 'transmit' })[0])).toBe(20);
    expect(value(find(points, 'system.network.packet.count', { ...nic, 'network.io.direction': 'receive', 'system.device': 'eth0' })[0])).toBe(1);
    expect(value(find(points, 'system.network.errors', { ...nic, 'network.io.direction': 'transmit' })[0])).toBe(4);
    expect(value(find(points, 'system.network.packet.dropped', { ...nic, 'network.io.direction': 'receive' })[0])).toBe(5);
  });

  it('emits load averages and skips whatever the snapshot lacks', () => {
    expect(value(find(points, 'system.cpu.load_average.15m')[0])).toBe(3);
    expect(find(points, 'system.cpu.load_average.1m')[0].unit).toBe('{thread}');
    expect(snapshotToPoints({}, null, ctx)).toEqual([]);
  });
});
