// Time requests spent waiting for a database connection, read from traces. Where the driver records the
// checkout (pg-pool.connect, generic-pool.acquire), its duration is the wait. Where it does not (mysql2,
// Sequelize), the wait shows as an unexplained gap between the start of a request and its first query —
// time no other span covers — together with how many requests were in flight when it began, because a pool
// wait grows with concurrency while ordinary setup work does not.
//
// Both start from the window's columns: most windows hold no checkout spans, and requests of services that send
// no queries of their own cannot wait for a connection, so span objects are read (and the tree walked) only for
// checkouts and for the requests of services that query.
import { isDbQuerySpan } from './db-spans.ts';
import type { Evidence, EvidenceSpan } from './evidence.ts';
import { dbNamespaceOf, destinationOf } from './span-attributes.ts';
import { NONE, type SpanColumns } from './span-columns.ts';
import { DB_QUERY, KIND, KIND_CONSUMER, KIND_SERVER, POOL_ACQUIRE } from './span-facts.ts';
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

/** Checkout waits per service and connection target (the tree is only built when there are checkouts). */
export function acquireWaits(evidence: Evidence, tree: () => SpanTree): WaitGroup[] {
  const columns = evidence.columns();
  const acquire = columns.fact(POOL_ACQUIRE);
  const groups = new Map<string, WaitGroup>();
  const services = new Set<number>();
  for (let row = 0; row < columns.length; row += 1) {
    if (acquire[row] !== 1) continue;
    const span = columns.spans[row];
    const key = groupKeyOf(span);
    let group = groups.get(key);
    if (group === undefined) {
      group = { service: span.resource.serviceName, target: targetOf(span), source: 'acquire', samples: [], queryMs: [] };
      groups.set(key, group);
      services.add(columns.service[row]);
    }
    const request = entrySpanOf(tree(), span);
    group.samples.push({ span, request: request === span ? undefined : request, startUnixNano: span.startTimeUnixNano, endUnixNano: span.endTimeUnixNano, waitMs: nanosToMs(spanNanos(span)), inFlight: Number.NaN });
  }
  if (groups.size === 0) return [];
  // The queries that held those connections, in window order: only services with checkouts can match a group.
  const query = columns.fact(DB_QUERY);
  for (let row = 0; row < columns.length; row += 1) {
    if (query[row] !== 1 || !services.has(columns.service[row])) continue;
    const span = columns.spans[row];
    groups.get(groupKeyOf(span))?.queryMs.push(nanosToMs(spanNanos(span)));
  }
  return [...groups.values()];
}

/** The request's first query and the time before it that no other span of the request explains. */
function firstQueryGap(tree: SpanTree, request: EvidenceSpan): { query: EvidenceSpan; gapNanos: bigint } | undefined {
  // The request's own spans, depth first (last child first), up to 5000 of them.
  const { resource } = request;
  const below: EvidenceSpan[] = [];
  const stack = childrenOf(tree, request).slice();
  while (stack.length > 0 && below.length < 5000) {
    const span = stack.pop() as EvidenceSpan;
    // Spans of one service mostly share its resource object; the name decides otherwise.
    if (span.resource !== resource && span.resource.serviceName !== resource.serviceName) continue;
    below.push(span);
    const children = childrenOf(tree, span);
    for (let i = 0; i < children.length; i += 1) stack.push(children[i]);
  }
  let query: EvidenceSpan | undefined;
  for (const span of below) if (isDbQuerySpan(span) && (query === undefined || span.startTimeUnixNano < query.startTimeUnixNano)) query = span;
  if (query === undefined) return undefined;
  // Work that finished before the query (middleware, a cache lookup, an HTTP call) explains that much of the wait.
  let explainedUntil = request.startTimeUnixNano;
  for (const span of below) if (span.endTimeUnixNano <= query.startTimeUnixNano && span.endTimeUnixNano > explainedUntil) explainedUntil = span.endTimeUnixNano;
  return { query, gapNanos: query.startTimeUnixNano > explainedUntil ? query.startTimeUnixNano - explainedUntil : 0n };
}

/** Requests (server and consumer spans) of these services, per service in order of each one's first request. */
function requestRows(columns: SpanColumns, services: ReadonlySet<number>): Map<number, number[]> {
  const byService = new Map<number, number[]>();
  if (services.size === 0) return byService;
  const kind = columns.fact(KIND);
  for (let row = 0; row < columns.length; row += 1) {
    const k = kind[row];
    if (k !== KIND_SERVER && k !== KIND_CONSUMER) continue;
    const service = columns.service[row];
    if (!services.has(service)) continue;
    const rows = byService.get(service);
    if (rows === undefined) byService.set(service, [row]);
    else rows.push(row);
  }
  return byService;
}

/** Services that send database queries of their own, less those in `skip`. */
function queryingServices(columns: SpanColumns, skip: ReadonlySet<number>): Set<number> {
  const query = columns.fact(DB_QUERY);
  const services = new Set<number>();
  let last = NONE;
  for (let row = 0; row < columns.length; row += 1) {
    if (query[row] !== 1 || columns.service[row] === last) continue;
    last = columns.service[row];
    if (!skip.has(last)) services.add(last);
  }
  return services;
}

/** The times of these rows, ascending. */
function sortedTimes(times: Float64Array, rows: readonly number[]): Float64Array {
  const sorted = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i += 1) sorted[i] = times[rows[i]];
  return sorted.sort();
}

/** Number of sorted values ≤ x. */
function countAtMost(sorted: Float64Array, x: number): number {
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
export function firstQueryGaps(evidence: Evidence, tree: () => SpanTree, skipServices: ReadonlySet<string>): WaitGroup[] {
  const columns = evidence.columns();
  const skip = new Set<number>();
  for (const name of skipServices) skip.add(columns.strings.find(name));
  // A request's first query is one of its own service's spans: services without queries have no gaps.
  const requestsByService = requestRows(columns, queryingServices(columns, skip));
  const groups: WaitGroup[] = [];
  for (const [serviceId, rows] of requestsByService) {
    const spanTree = tree();
    const starts = sortedTimes(columns.startNs, rows);
    const ends = sortedTimes(columns.endNs, rows);
    const samples: WaitSample[] = [];
    const queryMs: number[] = [];
    for (const row of rows) {
      const request = columns.spans[row];
      const found = firstQueryGap(spanTree, request);
      if (found === undefined) continue;
      queryMs.push(nanosToMs(spanNanos(found.query)));
      const start = columns.startNs[row];
      const inFlight = countAtMost(starts, start) - countAtMost(ends, start);
      samples.push({ span: found.query, request, startUnixNano: request.startTimeUnixNano, endUnixNano: found.query.startTimeUnixNano, waitMs: nanosToMs(found.gapNanos), inFlight });
    }
    if (samples.length > 0) groups.push({ service: columns.strings.value(serviceId), target: columns.strings.value(serviceId), source: 'gap', samples, queryMs });
  }
  return groups;
}
