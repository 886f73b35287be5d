// Turns one HostSnapshot (plus the previous one, for utilization) into semconv metric points.
// Pure: no clock, no I/O.
//
// Attribute choices:
// - system.cpu.time carries cpu.logical_number (int) and cpu.mode, per logical CPU.
// - system.cpu.utilization is aggregate over all CPUs (cpu.mode only; cpu.logical_number is opt-in
//   in semconv). Per-CPU shares can be derived from system.cpu.time when one core saturates.
// - system.network.packet.count carries network.interface.name like its siblings, and also
//   system.device, the attribute the current semconv model lists for it.

import type { Attributes, MetricPoint } from '../../common/telemetry.ts';
import type { HostDisk, HostNetworkInterface, HostSnapshot } from './host-snapshot.ts';
import { CPU_MODES } from './host-snapshot.ts';
import { cpuUtilization } from './cpu-utilization.ts';
import { createPointFactory } from './metric-point-factory.ts';
import type { MetricSpec, PointContext, PointFactory } from './metric-point-factory.ts';
import { HOST_METRICS as M } from './host-metric-specs.ts';

function cpuPoints(f: PointFactory, current: HostSnapshot, previous: HostSnapshot | null, out: MetricPoint[]): void {
  const cpu = current.cpu;
  if (!cpu) return;
  for (const { logicalNumber, ticks } of cpu.perCpu) {
    for (const mode of CPU_MODES) {
      const value = ticks[mode];
      if (value === undefined) continue;
      out.push(f.counter(M.cpuTime, value / cpu.ticksPerSecond, { 'cpu.logical_number': logicalNumber, 'cpu.mode': mode }));
    }
  }
  const shares = previous?.cpu ? cpuUtilization(previous.cpu.total, cpu.total) : null;
  if (shares) {
    for (const mode of CPU_MODES) {
      const share = shares[mode];
      if (share !== undefined) out.push(f.gauge(M.cpuUtilization, share, { 'cpu.mode': mode }));
    }
  }
  if (cpu.perCpu.length > 0) out.push(f.upDownCounter(M.cpuLogicalCount, cpu.perCpu.length));
}

function memoryPoints(f: PointFactory, s: HostSnapshot, out: MetricPoint[]): void {
  const mem = s.memory;
  if (mem) {
    const states = { used: mem.usedBytes, free: mem.freeBytes, buffers: mem.buffersBytes, cached: mem.cachedBytes };
    for (const [state, bytes] of Object.entries(states)) {
      out.push(f.upDownCounter(M.memoryUsage, bytes, { 'system.memory.state': state }));
      if (mem.totalBytes > 0) out.push(f.gauge(M.memoryUtilization, bytes / mem.totalBytes, { 'system.memory.state': state }));
    }
    out.push(f.upDownCounter(M.memoryLimit, mem.totalBytes));
    if (mem.availableBytes !== null) out.push(f.upDownCounter(M.memoryLinuxAvailable, mem.availableBytes));
    if (mem.sharedBytes !== null) out.push(f.upDownCounter(M.memoryLinuxShared, mem.sharedBytes));
  }
  const swap = s.swap;
  if (swap) {
    const states = { used: Math.max(0, swap.totalBytes - swap.freeBytes), free: swap.freeBytes };
    for (const [state, bytes] of Object.entries(states)) {
      out.push(f.upDownCounter(M.pagingUsage, bytes, { 'system.paging.state': state }));
      // No swap configured: 0 of 0 is not a utilization.
      if (swap.totalBytes > 0) out.push(f.gauge(M.pagingUtilization, bytes / swap.totalBytes, { 'system.paging.state': state }));
    }
  }
  const paging = s.paging;
  if (paging) {
    out.push(f.counter(M.pagingFaults, paging.majorFaults, { 'system.paging.fault.type': 'major' }));
    out.push(f.counter(M.pagingFaults, paging.minorFaults, { 'system.paging.fault.type': 'minor' }));
    if (paging.pagesSwappedIn !== null) out.push(f.counter(M.pagingOperations, paging.pagesSwappedIn, { 'system.paging.direction': 'in' }));
    if (paging.pagesSwappedOut !== null) out.push(f.counter(M.pagingOperations, paging.pagesSwappedOut, { 'system.paging.direction': 'out' }));
  }
}

function diskPoints(f: PointFactory, disk: HostDisk, out: MetricPoint[]): void {
  const byDirection = (spec: MetricSpec, read: number | null, write: number | null) => {
    if (read !== null) out.push(f.counter(spec, read, { 'system.device': disk.device, 'disk.io.direction': 'read' }));
    if (write !== null) out.push(f.counter(spec, write, { 'system.device': disk.device, 'disk.io.direction': 'write' }));
  };
  byDirection(M.diskIo, disk.readBytes, disk.writeBytes);
  byDirection(M.diskOperations, disk.readOps, disk.writeOps);
  byDirection(M.diskOperationTime, disk.readTimeSeconds, disk.writeTimeSeconds);
  byDirection(M.diskMerged, disk.readMerged, disk.writeMerged);
  if (disk.ioTimeSeconds !== null) out.push(f.counter(M.diskIoTime, disk.ioTimeSeconds, { 'system.device': disk.device }));
}

function networkPoints(f: PointFactory, nic: HostNetworkInterface, out: MetricPoint[]): void {
  const attrs = (direction: 'receive' | 'transmit', extra: Attributes = {}): Attributes => ({
    'network.interface.name': nic.interface,
    'network.io.direction': direction,
    ...extra,
  });
  out.push(f.counter(M.networkIo, nic.rxBytes, attrs('receive')));
  out.push(f.counter(M.networkIo, nic.txBytes, attrs('transmit')));
  const device = { 'system.device': nic.interface };
  if (nic.rxPackets !== null) out.push(f.counter(M.networkPacketCount, nic.rxPackets, attrs('receive', device)));
  if (nic.txPackets !== null) out.push(f.counter(M.networkPacketCount, nic.txPackets, attrs('transmit', device)));
  out.push(f.counter(M.networkErrors, nic.rxErrors, attrs('receive')));
  out.push(f.counter(M.networkErrors, nic.txErrors, attrs('transmit')));
  out.push(f.counter(M.networkPacketDropped, nic.rxDropped, attrs('receive')));
  out.push(f.counter(M.networkPacketDropped, nic.txDropped, attrs('transmit')));
}

export function snapshotToPoints(current: HostSnapshot, previous: HostSnapshot | null, ctx: PointContext): MetricPoint[] {
  const f = createPointFactory(ctx);
  const out: MetricPoint[] = [];
  cpuPoints(f, current, previous, out);
  if (current.load) {
    out.push(f.gauge(M.loadAverage1m, current.load.m1));
    out.push(f.gauge(M.loadAverage5m, current.load.m5));
    out.push(f.gauge(M.loadAverage15m, current.load.m15));
  }
  memoryPoints(f, current, out);
  for (const disk of current.disks ?? []) diskPoints(f, disk, out);
  for (const nic of current.network ?? []) networkPoints(f, nic, out);
  return out;
}
