// Block devices per host: busy share (rate of io_time, procfs field 13) and mean time per operation
// (Δoperation_time ÷ Δoperations, by direction), from semconv system.disk.* (Chokepoint's sampler, the
// Collector) or Prometheus node_disk_*. Devices that are not disks are dropped: loop, ram, zram, optical and
// floppy devices, and partitions whose whole disk is listed too (the disk already counts their I/O).
import type { Evidence, MetricSeries } from './evidence.ts';
import { attributeOf, byResource, DEVICE_KEYS, hostNameOf, IO_DIRECTION_KEYS } from './series-attributes.ts';
import { rates, sumByTime, type TimedValue } from './series-math.ts';

export const IO_TIME_NAMES = ['system.disk.io_time', 'node_disk_io_time_seconds_total'];
export const OPERATION_TIME_NAMES = ['system.disk.operation_time', 'node_disk_read_time_seconds_total', 'node_disk_write_time_seconds_total'];
export const OPERATIONS_NAMES = ['system.disk.operations', 'node_disk_reads_completed_total', 'node_disk_writes_completed_total'];
export const HOST_DISK_NAMES = [...IO_TIME_NAMES, ...OPERATION_TIME_NAMES, ...OPERATIONS_NAMES];

const NOT_A_DISK = /^(loop|ram|zram|sr|fd)\d+$/;
// Device-mapper and software RAID stack on physical disks: the same I/O shows twice.
const STACKED = /^(dm-\d+|md\d+)$/;

export interface DiskDevice {
  device: string;
  /** Stacked on other disks (dm-N, mdN): reported only when no physical disk explains the load. */
  stacked: boolean;
  /** Share of wall time with I/O in flight, 0–1. */
  busy: TimedValue[];
  /** Mean ms per completed operation, per interval, only where at least minOpsPerSecond completed. */
  latencyMs: TimedValue[];
  /** Completed operations per second (reads + writes), and writes alone. */
  opsPerSecond: TimedValue[];
  writesPerSecond: TimedValue[];
}

export interface HostDisks {
  resourceKey: string;
  hostName: string;
  devices: DiskDevice[];
}

/** sda1 of sda, nvme0n1p1 of nvme0n1, mmcblk0p1 of mmcblk0 (the kernel adds "p" after a trailing digit). */
function isPartitionOf(name: string, disk: string): boolean {
  if (!name.startsWith(disk) || name === disk) return false;
  const suffix = name.slice(disk.length);
  return /\d$/.test(disk) ? /^p\d+$/.test(suffix) : /^\d+$/.test(suffix);
}

function directionOf(series: MetricSeries): string {
  if (series.name.includes('read')) return 'read';
  if (series.name.includes('write')) return 'write';
  return attributeOf(series, IO_DIRECTION_KEYS) ?? 'all';
}

/** ms per operation where both counters moved: Σ time ÷ Σ ops over the directions, per sample time. */
function latencyOf(timeSeries: MetricSeries[], opsSeries: MetricSeries[], minOpsPerSecond: number): { latencyMs: TimedValue[]; opsPerSecond: TimedValue[] } {
  const ops = sumByTime(opsSeries.map(rates));
  const time = sumByTime(timeSeries.filter((t) => opsSeries.some((o) => directionOf(o) === directionOf(t))).map(rates));
  const timeAt = new Map(time.map((p) => [p.timeUnixNano, p.value]));
  const latencyMs = ops.flatMap((p) => {
    const seconds = timeAt.get(p.timeUnixNano);
    return seconds !== undefined && p.value >= minOpsPerSecond ? [{ timeUnixNano: p.timeUnixNano, value: (seconds / p.value) * 1000 }] : [];
  });
  return { latencyMs, opsPerSecond: ops };
}

/** Disks per host (resource) that report io_time or operation counters. */
export function hostDisks(evidence: Evidence, minOpsPerSecond: number): HostDisks[] {
  const out: HostDisks[] = [];
  for (const [resourceKey, group] of byResource(evidence.series(HOST_DISK_NAMES))) {
    const byDevice = new Map<string, MetricSeries[]>();
    for (const series of group) {
      const device = attributeOf(series, DEVICE_KEYS) ?? 'all';
      if (NOT_A_DISK.test(device)) continue;
      byDevice.set(device, [...(byDevice.get(device) ?? []), series]);
    }
    const names = [...byDevice.keys()];
    const devices: DiskDevice[] = [];
    for (const [device, list] of byDevice) {
      if (names.some((disk) => isPartitionOf(device, disk))) continue;
      const ioTime = list.filter((s) => IO_TIME_NAMES.includes(s.name));
      const busy = sumByTime(ioTime.map(rates)).map((p) => ({ timeUnixNano: p.timeUnixNano, value: Math.min(1, Math.max(0, p.value)) }));
      const { latencyMs, opsPerSecond } = latencyOf(
        list.filter((s) => OPERATION_TIME_NAMES.includes(s.name)),
        list.filter((s) => OPERATIONS_NAMES.includes(s.name)),
        minOpsPerSecond,
      );
      const writesPerSecond = sumByTime(list.filter((s) => OPERATIONS_NAMES.includes(s.name) && directionOf(s) === 'write').map(rates));
      if (busy.length > 0 || latencyMs.length > 0) devices.push({ device, stacked: STACKED.test(device), busy, latencyMs, opsPerSecond, writesPerSecond });
    }
    if (devices.length > 0) out.push({ resourceKey, hostName: hostNameOf(group[0]), devices });
  }
  return out;
}
