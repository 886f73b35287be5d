// Host memory per host, from whichever shape the telemetry has: semconv system.memory.linux.available ÷
// system.memory.limit (Chokepoint's sampler, the Collector), Prometheus node_memory_MemAvailable_bytes ÷
// MemTotal, system.memory.usage by state (host-metrics sends only used/free, where free is MemAvailable), or
// system.memory.utilization; swap from system.paging.usage/utilization or node_memory_Swap*; major page
// faults and swap traffic from system.paging.faults/operations or node_vmstat_*.
import type { Evidence, MetricSeries } from './evidence.ts';
import { attributeOf, byResource, hostNameOf } from './series-attributes.ts';
import { rates, sumByTime, type TimedValue } from './series-math.ts';

export const AVAILABLE_NAMES = ['system.memory.linux.available', 'node_memory_MemAvailable_bytes'];
export const TOTAL_NAMES = ['system.memory.limit', 'node_memory_MemTotal_bytes'];
export const USAGE_NAMES = ['system.memory.usage'];
export const UTILIZATION_NAMES = ['system.memory.utilization'];
export const SWAP_NAMES = ['system.paging.usage', 'system.paging.utilization', 'node_memory_SwapTotal_bytes', 'node_memory_SwapFree_bytes'];
export const FAULT_NAMES = ['system.paging.faults', 'node_vmstat_pgmajfault'];
export const SWAP_TRAFFIC_NAMES = ['system.paging.operations', 'node_vmstat_pswpin', 'node_vmstat_pswpout'];
export const HOST_MEMORY_NAMES = [...AVAILABLE_NAMES, ...TOTAL_NAMES, ...USAGE_NAMES, ...UTILIZATION_NAMES, ...SWAP_NAMES, ...FAULT_NAMES, ...SWAP_TRAFFIC_NAMES];

const STATE_KEYS = ['system.memory.state', 'state'];
const PAGING_STATE_KEYS = ['system.paging.state', 'state'];
const FAULT_TYPE_KEYS = ['system.paging.fault.type', 'type'];
// Memory not counted as "used" that the kernel hands back on demand.
const RECLAIMABLE_STATES = new Set(['free', 'buffers', 'buffered', 'cached', 'slab_reclaimable']);

export interface HostMemory {
  resourceKey: string;
  hostName: string;
  /** Available share of RAM, 0–1. */
  available: TimedValue[];
  availableSource: string;
  totalBytes: number;
  /** Used share of swap, 0–1 (empty when there is no swap or no data). */
  swapUsed: TimedValue[];
  /** Pages swapped in + out per second (empty when unknown). */
  swapTraffic: TimedValue[];
  /** Major page faults per second (empty when unknown). */
  majorFaults: TimedValue[];
}

const valuesOf = (series: MetricSeries): TimedValue[] => series.points.map((p) => ({ timeUnixNano: p.timeUnixNano, value: p.value }));

/** a ÷ b at a's times, b taken at the nearest earlier (or first) time: totals change rarely. */
function ratio(a: readonly TimedValue[], b: readonly TimedValue[]): TimedValue[] {
  if (b.length === 0) return [];
  let j = 0;
  return a.flatMap((p) => {
    while (j + 1 < b.length && b[j + 1].timeUnixNano <= p.timeUnixNano) j += 1;
    return b[j].value > 0 ? [{ timeUnixNano: p.timeUnixNano, value: p.value / b[j].value }] : [];
  });
}

const named = (group: MetricSeries[], names: readonly string[]) => group.filter((s) => names.includes(s.name));

function availableOf(group: MetricSeries[]): { available: TimedValue[]; source: string; totalBytes: number } | null {
  const total = named(group, TOTAL_NAMES).map(valuesOf)[0] ?? [];
  const totalBytes = total.length > 0 ? total[total.length - 1].value : Number.NaN;
  const direct = named(group, AVAILABLE_NAMES)[0];
  if (direct !== undefined && total.length > 0) return { available: ratio(valuesOf(direct), total), source: direct.name, totalBytes };
  const byState = named(group, USAGE_NAMES).filter((s) => attributeOf(s, STATE_KEYS) !== undefined);
  const used = byState.filter((s) => attributeOf(s, STATE_KEYS) === 'used').map(valuesOf);
  const reclaimable = byState.filter((s) => RECLAIMABLE_STATES.has(attributeOf(s, STATE_KEYS) ?? '')).map(valuesOf);
  if (used.length > 0 && reclaimable.length > 0) {
    const usedSum = sumByTime(used);
    const all = sumByTime([...used, ...reclaimable]);
    const denominator = total.length > 0 ? total : all;
    const share = ratio(usedSum, denominator).map((p) => ({ timeUnixNano: p.timeUnixNano, value: Math.max(0, 1 - p.value) }));
    return { available: share, source: 'system.memory.usage', totalBytes: Number.isFinite(totalBytes) ? totalBytes : (all[all.length - 1]?.value ?? Number.NaN) };
  }
  const utilization = named(group, UTILIZATION_NAMES).find((s) => attributeOf(s, STATE_KEYS) === 'used');
  if (utilization !== undefined) return { available: valuesOf(utilization).map((p) => ({ timeUnixNano: p.timeUnixNano, value: Math.max(0, 1 - p.value) })), source: utilization.name, totalBytes };
  return null;
}

function swapOf(group: MetricSeries[]): TimedValue[] {
  const utilization = group.find((s) => s.name === 'system.paging.utilization' && attributeOf(s, PAGING_STATE_KEYS) === 'used');
  if (utilization !== undefined) return valuesOf(utilization);
  const usage = group.filter((s) => s.name === 'system.paging.usage');
  const used = usage.filter((s) => attributeOf(s, PAGING_STATE_KEYS) === 'used').map(valuesOf);
  if (used.length > 0) return ratio(sumByTime(used), sumByTime(usage.map(valuesOf)));
  const swapTotal = group.find((s) => s.name === 'node_memory_SwapTotal_bytes');
  const swapFree = group.find((s) => s.name === 'node_memory_SwapFree_bytes');
  if (swapTotal === undefined || swapFree === undefined) return [];
  return ratio(valuesOf(swapFree), valuesOf(swapTotal)).map((p) => ({ timeUnixNano: p.timeUnixNano, value: 1 - p.value }));
}

function majorFaultsOf(group: MetricSeries[]): TimedValue[] {
  const semconv = group.filter((s) => s.name === 'system.paging.faults' && attributeOf(s, FAULT_TYPE_KEYS) === 'major');
  const prometheus = group.filter((s) => s.name === 'node_vmstat_pgmajfault');
  return sumByTime([...semconv, ...prometheus].map(rates));
}

function swapTrafficOf(group: MetricSeries[]): TimedValue[] {
  // The Collector also counts page-ins of files under system.paging.operations type=minor; only swap counts here.
  const ops = group.filter((s) => SWAP_TRAFFIC_NAMES.includes(s.name) && attributeOf(s, FAULT_TYPE_KEYS) !== 'minor');
  return sumByTime(ops.map(rates));
}

/** One entry per host (resource) that reports RAM in any known shape. */
export function hostMemory(evidence: Evidence): HostMemory[] {
  const out: HostMemory[] = [];
  for (const [resourceKey, group] of byResource(evidence.series(HOST_MEMORY_NAMES))) {
    const available = availableOf(group);
    if (available === null || available.available.length === 0) continue;
    out.push({
      resourceKey,
      hostName: hostNameOf(group[0]),
      available: available.available,
      availableSource: available.source,
      totalBytes: available.totalBytes,
      swapUsed: swapOf(group),
      swapTraffic: swapTrafficOf(group),
      majorFaults: majorFaultsOf(group),
    });
  }
  return out;
}
