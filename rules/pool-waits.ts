// Time requests spent waiting for a database connection, read from traces. Where the driver records the
// checkout (pg-pool.connect, generic-pool.acquire), its duration is the wait. Where it does not (mysql2,
// Sequelize), the wait shows as an unexplained gap between the start of a request and its first query —
// time no other span covers — together with how many requests were in flight when it began, because a pool
// wait grows with concurrency while ordinary setup work does not.
import type { Evidence, EvidenceSpan } from './evidence.ts';
import { isDbQuerySpan, isPoolAcquireSpan } from './db-spans.ts';
import { dbNamespaceOf, destinationOf } from './span-attributes.ts';
import { memoizeBySpan } from './span-memo.ts';
import { nanosToMs, spanNanos } from './span-timing.ts';
import { childrenOf, entrySpanOf, type SpanTree } from './span-tree.ts';

export interface WaitSample {
  /** The acquire span, or the request's first query when the wait is a gap. */
  span: EvidenceSpan;
  request: EvidenceSpan | undefined;
  startUnixNano: bigint;
  endUnixNano: bigint;
  waitMs: number;
  /** Requests of the same service in flight when this one started (gap samples only; NaN otherwise). */
  inFlight: number;
}

export interface WaitGroup {
  service: string;
  /** host:port/database of the connections, or the service when only gaps tell. */
  target: string;
  source: 'acquire' | 'gap';
  samples: WaitSample[];
  /** Durations (ms) of the queries that held the connections, for the "time held" half of the picture. */
  queryMs: number[];
}

/** host:port/database of a span's connection, made once per span. */
const targetOf = memoizeBySpan((span: EvidenceSpan): string => `${destinationOf(span) ?? 'unknown_host'}/${dbNamespaceOf(span) ?? 'unknown_database'}`);
/** The service + target group a query or checkout span belongs to. */
const groupKeyOf = memoizeBySpan((span: EvidenceSpan): string => `${span.resource.serviceName}\u0000${targetOf(span)}`);

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

/** Checkout waits per service and connection target. */
export function acquireWaits(evidence: Evidence, tree: SpanTree): WaitGroup[] {
  const groups = new Map<string, WaitGroup>();
  const queries = new Map<string, number[]>();
  for (const span of evidence.spans) {
    if (isDbQuerySpan(span)) push(queries, groupKeyOf(span), nanosToMs(spanNanos(span)));
    if (!isPoolAcquireSpan(span)) continue;
    const service = span.resource.serviceName;
    const target = targetOf(span);
    const key = groupKeyOf(span);
    let group = groups.get(key);
    if (group === undefined) {
      group = { service, target, source: 'acquire', samples: [], queryMs: [] };
      groups.set(key, group);
    }
    const request = entrySpanOf(tree, span);
    group.samples.push({ span, request: request === span ? undefined : request, startUnixNano: span.startTimeUnixNano, endUnixNano: span.endTimeUnixNano, waitMs: nanosToMs(spanNanos(span)), inFlight: Number.NaN });
  }
  for (const [key, group] of groups) group.queryMs = queries.get(key) ?? [];
  return [...groups.values()];
}

/** The request's first query and the time before it that no other span of the request explains. */
function firstQueryGap(tree: SpanTree, request: EvidenceSpan): { query: EvidenceSpan; gapNanos: bigint } | undefined {
  const below: EvidenceSpan[] = [];
  const stack = [...childrenOf(tree, request)];
  while (stack.length > 0 && below.length < 5000) {
    const span = stack.pop();
    if (span === undefined || span.resource.serviceName !== request.resource.serviceName) continue;
    below.push(span);
    stack.push(...childrenOf(tree, span));
  }
  let query: EvidenceSpan | undefined;
  for (const span of below) if (isDbQuerySpan(span) && (query === undefined || span.startTimeUnixNano < query.startTimeUnixNano)) query = span;
  if (query === undefined) return undefined;
  // Work that finished before the query (middleware, a cache lookup, an HTTP call) explains that much of the wait.
  let explainedUntil = request.startTimeUnixNano;
  for (const span of below) if (span.endTimeUnixNano <= query.startTimeUnixNano && span.endTimeUnixNano > explainedUntil) explainedUntil = span.endTimeUnixNano;
  return { query, gapNanos: query.startTimeUnixNano > explainedUntil ? query.startTimeUnixNano - explainedUntil : 0n };
}

/** Number of sorted values ≤ x. */
function countAtMost(sorted: readonly bigint[], x: bigint): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Gaps before the first query, per service, for services whose driver records no checkout spans. */
export function firstQueryGaps(evidence: Evidence, tree: SpanTree, skipServices: ReadonlySet<string>): WaitGroup[] {
  const requestsByService = new Map<string, EvidenceSpan[]>();
  for (const span of evidence.spans) {
    if ((span.kind === 'server' || span.kind === 'consumer') && !skipServices.has(span.resource.serviceName)) push(requestsByService, span.resource.serviceName, span);
  }
  const groups: WaitGroup[] = [];
  for (const [service, requests] of requestsByService) {
    const starts = requests.map((r) => r.startTimeUnixNano).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const ends = requests.map((r) => r.endTimeUnixNano).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const samples: WaitSample[] = [];
    const queryMs: number[] = [];
    for (const request of requests) {
      const found = firstQueryGap(tree, request);
      if (found === undefined) continue;
      queryMs.push(nanosToMs(spanNanos(found.query)));
      const inFlight = countAtMost(starts, request.startTimeUnixNano) - countAtMost(ends, request.startTimeUnixNano);
      samples.push({ span: found.query, request, startUnixNano: request.startTimeUnixNano, endUnixNano: found.query.startTimeUnixNano, waitMs: nanosToMs(found.gapNanos), inFlight });
    }
    if (samples.length > 0) groups.push({ service, target: service, source: 'gap', samples, queryMs });
  }
  return groups;
}
