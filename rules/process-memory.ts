// A service's own memory and garbage collection, per service instance (resource): resident set size
// (process.memory.usage from host-metrics or the Collector's process scraper, prom-client's
// process_resident_memory_bytes), heap in use (V8 heap spaces summed, prom-client, JVM heap pools summed),
// and GC time from v8js.gc.duration / jvm.gc.duration / nodejs_gc_duration_seconds histograms.
// Node Buffers live outside the V8 heap, so a cache of Buffers grows RSS while the heap stays flat: both are read.
import type { Evidence, MetricSeries } from './evidence.ts';
import { attributeOf, byResource } from './series-attributes.ts';
import { histogramRates, sumByTime, type TimedValue } from './series-math.ts';

export const RSS_NAMES = ['process.memory.usage', 'process_resident_memory_bytes'];
export const HEAP_NAMES = ['v8js.memory.heap.used', 'nodejs_heap_size_used_bytes', 'jvm.memory.used', 'jvm_memory_used_bytes', 'process.runtime.jvm.memory.usage'];
export const GC_NAMES = ['v8js.gc.duration', 'jvm.gc.duration', 'nodejs_gc_duration_seconds', 'process.runtime.jvm.gc.duration'];
export const PROCESS_MEMORY_NAMES = [...RSS_NAMES, ...HEAP_NAMES, ...GC_NAMES];

const MEMORY_TYPE_KEYS = ['jvm.memory.type', 'area', 'type'];
const GC_KIND_KEYS = ['v8js.gc.type', 'jvm.gc.action', 'kind', 'action', 'type'];

export interface ProcessMemory {
  resourceKey: string;
  service: string;
  kind: 'rss' | 'heap';
  metric: string;
  bytes: TimedValue[];
}

export interface GcActivity {
  /** Seconds spent in GC per second of wall time, all collection kinds together. */
  share: TimedValue[];
  /** Full (major / mark-compact / old-generation) collections per second. */
  majorPerSecond: TimedValue[];
}

const valuesOf = (series: MetricSeries): TimedValue[] => series.points.map((p) => ({ timeUnixNano: p.timeUnixNano, value: p.value }));

/** Seconds, whatever unit the histogram was declared in (older JVM semconv used ms). */
const secondsFactor = (series: MetricSeries): number => (series.unit === 'ms' ? 1e-3 : 1);

/** RSS and heap series per service instance, each summed over its parts (heap spaces, JVM heap pools). */
export function processMemories(evidence: Evidence): ProcessMemory[] {
  const out: ProcessMemory[] = [];
  for (const [resourceKey, group] of byResource(evidence.series([...RSS_NAMES, ...HEAP_NAMES]))) {
    const service = group[0].serviceName;
    for (const name of RSS_NAMES) {
      const parts = group.filter((s) => s.name === name);
      if (parts.length > 0) {
        out.push({ resourceKey, service, kind: 'rss', metric: name, bytes: sumByTime(parts.map(valuesOf)) });
        break;
      }
    }
    for (const name of HEAP_NAMES) {
      // JVM pools carry a memory type; only heap pools count (non-heap is code and metaspace).
      const parts = group.filter((s) => s.name === name && (attributeOf(s, MEMORY_TYPE_KEYS) ?? 'heap') === 'heap');
      if (parts.length > 0) {
        out.push({ resourceKey, service, kind: 'heap', metric: name, bytes: sumByTime(parts.map(valuesOf)) });
        break;
      }
    }
  }
  return out.filter((m) => m.bytes.length > 0);
}

/** GC activity per service instance (resource key), for those that report GC durations. */
export function gcActivity(evidence: Evidence): Map<string, GcActivity> {
  const out = new Map<string, GcActivity>();
  for (const [resourceKey, group] of byResource(evidence.series(GC_NAMES))) {
    const shares: TimedValue[][] = [];
    const majors: TimedValue[][] = [];
    for (const series of group) {
      const { sum, count } = histogramRates(series);
      const factor = secondsFactor(series);
      shares.push(sum.map((p) => ({ timeUnixNano: p.timeUnixNano, value: p.value * factor })));
      const kind = (attributeOf(series, GC_KIND_KEYS) ?? '').toLowerCase();
      if (kind.includes('major') || kind.includes('mark') || kind.includes('old')) majors.push(count);
    }
    out.set(resourceKey, { share: sumByTime(shares), majorPerSecond: sumByTime(majors) });
  }
  return out;
}
