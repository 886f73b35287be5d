// Which database executions followed a cache miss: in the same trace, a cache read (GET…) finished just
// before the query started, then a cache write of the same key came after it (cache-aside: get → miss →
// compute → set), or a span says so outright (an attribute like shop.cache.hit = false).
import { memoizeBySpan } from './span-memo.ts';
import { cacheCommandOf, type CacheCommand } from './cache-commands.ts';
import type { EvidenceSpan } from './evidence.ts';

export interface CacheMiss {
  /** The key that missed, when the instrumentation records keys. */
  key: string | undefined;
  /** A write of the same key (or of some key, when keys are not recorded) followed the query. */
  refilled: boolean;
}

interface TraceCache {
  commands: { span: EvidenceSpan; command: CacheCommand }[];
  /** Services in this trace that marked a cache miss on a span. */
  markedMiss: Set<string>;
}

/** The cache activity of every trace, indexed once per evaluation (most spans are not cache calls). */
export type CacheActivity = Map<string, TraceCache>;

const HIT_ATTRIBUTE = /(^|[._])cache[._]hit$/i;
/** How long after the cache read the query may start and still be its fallback. */
const MAX_GAP_NANOS = 1_000_000_000n;
/** Start times are cut to whole milliseconds by the JS SDK: allow that much overlap. */
const SLACK_NANOS = 1_000_000n;

function saysMissUncached(span: EvidenceSpan): boolean {
  const attributes = span.attributes;
  for (const name in attributes) {
    const value = attributes[name];
    if ((value === false || value === 'false' || value === 'miss') && HIT_ATTRIBUTE.test(name)) return true;
  }
  return false;
}
const saysMiss = memoizeBySpan(saysMissUncached);

export function cacheActivity(spans: readonly EvidenceSpan[]): CacheActivity {
  const traces: CacheActivity = new Map();
  const entry = (traceId: string): TraceCache => {
    let known = traces.get(traceId);
    if (known === undefined) {
      known = { commands: [], markedMiss: new Set() };
      traces.set(traceId, known);
    }
    return known;
  };
  for (const span of spans) {
    const command = cacheCommandOf(span);
    if (command !== null) entry(span.traceId).commands.push({ span, command });
    else if (saysMiss(span)) entry(span.traceId).markedMiss.add(span.resource.serviceName);
  }
  return traces;
}

/** The cache miss that led to `query`, or null when its trace shows none. */
export function cacheMissBefore(query: EvidenceSpan, activity: CacheActivity): CacheMiss | null {
  const trace = activity.get(query.traceId);
  if (trace === undefined) return null;
  const service = query.resource.serviceName;
  let read: { span: EvidenceSpan; key: string | undefined } | null = null;
  for (const { span, command } of trace.commands) {
    if (command.kind !== 'read' || span.resource.serviceName !== service) continue;
    if (span.endTimeUnixNano > query.startTimeUnixNano + SLACK_NANOS || query.startTimeUnixNano - span.endTimeUnixNano > MAX_GAP_NANOS) continue;
    if (read === null || span.startTimeUnixNano > read.span.startTimeUnixNano) read = { span, key: command.key };
  }
  const marked = trace.markedMiss.has(service);
  if (read === null && !marked) return null;
  const key = read?.key;
  const refilled = trace.commands.some(
    ({ span, command }) => command.kind === 'write' && span.resource.serviceName === service && span.startTimeUnixNano + SLACK_NANOS >= query.endTimeUnixNano && (key === undefined || command.key === key),
  );
  // A read with neither a refill nor a miss marker may have been a hit followed by an unrelated query.
  if (!refilled && !marked) return null;
  return { key, refilled };
}
