// CPU busy share per host, from whichever shape the telemetry has: semconv system.cpu.utilization (by
// cpu.mode), semconv or Collector system.cpu.time counters (by cpu.mode / state), @opentelemetry/host-metrics
// (system.cpu.state), or Prometheus node_cpu_seconds_total (by mode). Busy counts user, system, nice,
// interrupt and steal; idle and iowait are not busy (a disk-bound host must not look CPU-bound).
import type { Evidence, MetricSeries } from './evidence.ts';
import { rates, type TimedValue } from './series-math.ts';

export const CPU_UTILIZATION_NAMES = ['system.cpu.utilization'];
export const CPU_TIME_NAMES = ['system.cpu.time', 'node_cpu_seconds_total', 'node_cpu_seconds'];
const MODE_KEYS = ['cpu.mode', 'system.cpu.state', 'state', 'mode'];
const CPU_KEYS = ['cpu.logical_number', 'system.cpu.logical_number', 'cpu'];
const IDLE_MODES = new Set(['idle']);
const WAIT_MODES = new Set(['iowait', 'wait']);

export interface HostCpu {
  resourceKey: string;
  serviceName: string;
  hostName: string;
  /** Busy share 0–1 over time. */
  busy: TimedValue[];
  /** iowait share 0–1 over time (empty when the source has no iowait). */
  iowait: TimedValue[];
  /** Which metric it came from. */
  source: string;
}

function modeOf(series: MetricSeries): string | undefined {
  for (const key of MODE_KEYS) {
    const value = series.attributes[key];
    if (typeof value === 'string') return value;
  }
  return undefined;
}

/** Adds values at equal timestamps across series (shares of one sample share its time). */
function sumByTime(list: readonly TimedValue[][]): TimedValue[] {
  const totals = new Map<bigint, number>();
  for (const series of list) for (const p of series) totals.set(p.timeUnixNano, (totals.get(p.timeUnixNano) ?? 0) + p.value);
  return [...totals.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([timeUnixNano, value]) => ({ timeUnixNano, value }));
}

function groupByResource(series: MetricSeries[]): Map<string, MetricSeries[]> {
  const groups = new Map<string, MetricSeries[]>();
  for (const s of series) groups.set(s.resourceKey, [...(groups.get(s.resourceKey) ?? []), s]);
  return groups;
}

function hostNameOf(series: MetricSeries): string {
  const name = series.resourceAttributes['host.name'];
  return typeof name === 'string' ? name : series.serviceName;
}

function fromUtilization(group: MetricSeries[]): Omit<HostCpu, 'resourceKey' | 'serviceName' | 'hostName'> | null {
  const withMode = group.filter((s) => modeOf(s) !== undefined);
  if (withMode.length === 0) return null;
  const busy = withMode.filter((s) => !IDLE_MODES.has(modeOf(s)!) && !WAIT_MODES.has(modeOf(s)!));
  const wait = withMode.filter((s) => WAIT_MODES.has(modeOf(s)!));
  // One series per CPU (semconv cpu.logical_number, host-metrics system.cpu.logical_number, the Collector's cpu):
  // the host's share is the mean over CPUs, so the sum is divided by their number.
  const perCpu = new Set(withMode.map((s) => JSON.stringify(CPU_KEYS.map((key) => s.attributes[key] ?? null)))).size;
  const scale = 1 / Math.max(1, perCpu);
  const scaled = (list: MetricSeries[]) => sumByTime(list.map((s) => s.points.map((p) => ({ timeUnixNano: p.timeUnixNano, value: p.value * scale }))));
  return { busy: scaled(busy), iowait: scaled(wait), source: group[0].name };
}

function fromTime(group: MetricSeries[]): Omit<HostCpu, 'resourceKey' | 'serviceName' | 'hostName'> | null {
  const withMode = group.filter((s) => modeOf(s) !== undefined);
  if (withMode.length === 0) return null;
  // Seconds of each mode per second, summed over CPUs, divided by the seconds of all modes per second (= CPUs).
  const all = sumByTime(withMode.map(rates));
  const busy = sumByTime(withMode.filter((s) => !IDLE_MODES.has(modeOf(s)!) && !WAIT_MODES.has(modeOf(s)!)).map(rates));
  const wait = sumByTime(withMode.filter((s) => WAIT_MODES.has(modeOf(s)!)).map(rates));
  const totalAt = new Map(all.map((p) => [p.timeUnixNano, p.value]));
  const share = (list: TimedValue[]) =>
    list.flatMap((p) => {
      const total = totalAt.get(p.timeUnixNano) ?? 0;
      return total > 0 ? [{ timeUnixNano: p.timeUnixNano, value: Math.min(1, p.value / total) }] : [];
    });
  return { busy: share(busy), iowait: share(wait), source: group[0].name };
}

const perEvidence = new WeakMap<Evidence, HostCpu[]>();

/** One entry per host (resource) that reports CPU in any known shape; utilization gauges preferred. */
export function hostCpu(evidence: Evidence): HostCpu[] {
  // Several rules ask on the same evaluation (CPU, disk, network, pool): derive once per evidence window.
  let known = perEvidence.get(evidence);
  if (known === undefined) {
    known = deriveHostCpu(evidence);
    perEvidence.set(evidence, known);
  }
  return known;
}

function deriveHostCpu(evidence: Evidence): HostCpu[] {
  const out = new Map<string, HostCpu>();
  const consider = (names: string[], derive: typeof fromUtilization) => {
    for (const [resourceKey, group] of groupByResource(evidence.series(names))) {
      if (out.has(resourceKey)) continue;
      const derived = derive(group);
      if (derived === null || derived.busy.length === 0) continue;
      out.set(resourceKey, { resourceKey, serviceName: group[0].serviceName, hostName: hostNameOf(group[0]), ...derived });
    }
  };
  consider(CPU_UTILIZATION_NAMES, fromUtilization);
  consider(CPU_TIME_NAMES, fromTime);
  return [...out.values()];
}
