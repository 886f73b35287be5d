// The metrics the host sampler emits: names, units and descriptions from the OpenTelemetry
// system semantic conventions (model/system/metrics.yaml, current names — e.g. packet.count and
// packet.dropped, not the Collector's older packets/dropped). The load averages are not in semconv;
// they use the Collector hostmetrics receiver's names.

import type { MetricSpec } from './metric-point-factory.ts';

const spec = (name: string, unit: string, description: string): MetricSpec => ({ name, unit, description });

export const HOST_METRICS = {
  cpuTime: spec('system.cpu.time', 's', 'Seconds each logical CPU spent on each mode.'),
  cpuUtilization: spec('system.cpu.utilization', '1', 'Share of all CPU time spent in each mode since the previous sample, across all logical CPUs.'),
  cpuLogicalCount: spec('system.cpu.logical.count', '{cpu}', 'Number of logical (virtual) processor cores.'),
  loadAverage1m: spec('system.cpu.load_average.1m', '{thread}', 'Average CPU load over 1 minute.'),
  loadAverage5m: spec('system.cpu.load_average.5m', '{thread}', 'Average CPU load over 5 minutes.'),
  loadAverage15m: spec('system.cpu.load_average.15m', '{thread}', 'Average CPU load over 15 minutes.'),
  memoryUsage: spec('system.memory.usage', 'By', 'Reports memory in use by state.'),
  memoryLimit: spec('system.memory.limit', 'By', 'Total memory available in the system.'),
  memoryUtilization: spec('system.memory.utilization', '1', 'Share of memory bytes in each state.'),
  memoryLinuxAvailable: spec('system.memory.linux.available', 'By', 'Estimate of memory available for starting new applications without swapping (MemAvailable).'),
  memoryLinuxShared: spec('system.memory.linux.shared', 'By', 'Shared memory used (mostly by tmpfs).'),
  pagingFaults: spec('system.paging.faults', '{fault}', 'The number of page faults.'),
  pagingOperations: spec('system.paging.operations', '{operation}', 'Pages swapped in or out.'),
  pagingUsage: spec('system.paging.usage', 'By', 'Swap usage.'),
  pagingUtilization: spec('system.paging.utilization', '1', 'Swap utilization.'),
  diskIo: spec('system.disk.io', 'By', 'Disk bytes transferred.'),
  diskOperations: spec('system.disk.operations', '{operation}', 'Disk operations count.'),
  diskIoTime: spec('system.disk.io_time', 's', 'Time disk spent activated.'),
  diskOperationTime: spec('system.disk.operation_time', 's', 'Sum of the time each operation took to complete.'),
  diskMerged: spec('system.disk.merged', '{operation}', 'Reads/writes merged into single physical disk accesses.'),
  networkIo: spec('system.network.io', 'By', 'The number of bytes transmitted and received.'),
  networkPacketCount: spec('system.network.packet.count', '{packet}', 'The number of packets transferred.'),
  networkErrors: spec('system.network.errors', '{error}', 'Count of network errors detected.'),
  networkPacketDropped: spec('system.network.packet.dropped', '{packet}', 'Count of packets dropped or discarded even though there was no error.'),
} as const satisfies Record<string, MetricSpec>;

/** Every metric name the sampler can emit (some only on some platforms). */
export const HOST_METRIC_NAMES: readonly string[] = Object.values(HOST_METRICS).map((m) => m.name);
