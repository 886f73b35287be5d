// Span queries for the console and the rules. Searches walk an index newest-first and stop at the limit:
// with a service (and optionally a name) they read each (service, name) pair's entries (operation-index.ts) and merge;
// without one they walk spans_by_start.
import type Database from 'better-sqlite3';
import { OperationLatencyQuery, type OperationLatency } from './operation-latency-query.ts';
import type { OperationInfo, ServiceSummary, SpanDetail, SpanRow } from '../common/api-contract.ts';
import type { EntityRegistry } from './entity-registry.ts';
import { idToBytes } from './hex-ids.ts';
import { SPAN_OUTLINE_COLUMNS, SPAN_SELECT_COLUMNS, SpanRowDecoder, type SpanRowTuple, type StoredSpan } from './span-rows.ts';
import type { StringDictionary } from './string-dictionary.ts';
import type { OperationIndex } from './operation-index.ts';
import type { TraceIndex } from './trace-index.ts';
import { sql, type SqlText } from './sql-text.ts';

const INT64_MAX = 9_223_372_036_854_775_807n;
const INT64_MIN = -9_223_372_036_854_775_808n;
/** Above this many (service, name) pairs a search walks the start index instead of merging per pair. */
const MAX_MERGED_OPERATIONS = 64;
/**
 * Status and attribute filters are checked on decoded rows, newest first, page by page: a search looks at
 * this many spans at most before it answers with what it found.
 */
export const FILTERED_SEARCH_BUDGET = 50_000;

export interface SpanSearch {
  limit: number;
  service?: string;
  /** Span name (operation). */
  name?: string;
  /** Only spans at least this long. */
  minDurationNano?: bigint;
  rootsOnly?: boolean;
  /** Only spans that started before this time (for paging). */
  beforeUnixNano?: bigint;
  /** Only spans whose status is error. */
  errorsOnly?: boolean;
  /** Only spans with this attribute (on the span or its resource), its value compared as text. */
  attribute?: { key: string; value: string };
}

export interface SpanRange {
  fromUnixNano: bigint;
  toUnixNano: bigint;
  /** At most this many spans, oldest first (default 100 000). */
  limit?: number;
}

type OperationTuple = [service: bigint, name: bigint, spans: bigint, errors: bigint, roots: bigint, lastSeen: bigint];

export class SpanQueries {
  private readonly decoder: SpanRowDecoder;
  private readonly dict: StringDictionary;
  private readonly byRowid: Database.Statement<[bigint], SpanRowTuple>;
  private readonly byRowids: Database.Statement<[string], SpanRowTuple>;
  private readonly outlineByRowids: Database.Statement<[string], SpanRowTuple>;
  private readonly oneOfRowids: Database.Statement<[string, Buffer], SpanRowTuple>;
  private readonly inRange: Database.Statement<[bigint, bigint, number], SpanRowTuple>;
  private readonly since: Database.Statement<[bigint, number], SpanRowTuple>;
  private readonly operationsStmt: Database.Statement<[], OperationTuple>;
  private readonly latencyQuery: OperationLatencyQuery;
  private readonly scanNewest: Database.Statement<[bigint, bigint, bigint, bigint, bigint, bigint, bigint, number], SpanRowTuple>;

  private readonly traceIndex: TraceIndex;
  private readonly operationIndex: OperationIndex;

  constructor(db: Database.Database, dict: StringDictionary, entities: EntityRegistry, traceIndex: TraceIndex, operationIndex: OperationIndex) {
    this.dict = dict;
    this.traceIndex = traceIndex;
    this.operationIndex = operationIndex;
    this.decoder = new SpanRowDecoder(dict, entities);
    const raw = <P extends unknown[], R>(text: SqlText) => db.prepare<P, R>(text).raw(true).safeIntegers(true);
    this.byRowid = raw(sql`SELECT ${SPAN_SELECT_COLUMNS} FROM spans WHERE rowid = ?`);
    // Many rowids in one statement (a JSON array): SQLite seeks them all without a round trip to JS per row.
    this.byRowids = raw(sql`SELECT ${SPAN_SELECT_COLUMNS} FROM spans WHERE rowid IN (SELECT value FROM json_each(?))`);
    // A 10,000-span trace: all columns take ~150 ms to read here, these eleven about a third of that.
    this.outlineByRowids = raw(sql`SELECT ${SPAN_OUTLINE_COLUMNS} FROM spans WHERE rowid IN (SELECT value FROM json_each(?))`);
    this.oneOfRowids = raw(sql`SELECT ${SPAN_SELECT_COLUMNS} FROM spans WHERE rowid IN (SELECT value FROM json_each(?)) AND span_id = ?`);
    this.inRange = raw(sql`SELECT ${SPAN_SELECT_COLUMNS} FROM spans WHERE start_ns >= ? AND start_ns < ? ORDER BY start_ns, rowid LIMIT ?`);
    this.since = raw(sql`SELECT ${SPAN_SELECT_COLUMNS} FROM spans WHERE rowid > ? ORDER BY rowid LIMIT ?`);
    this.operationsStmt = raw(sql`SELECT service, name, span_count, error_count, root_count, last_seen_ns FROM span_operations`);
    this.latencyQuery = new OperationLatencyQuery(db, dict, operationIndex);
    // The "(? OR column = ?)" pairs take an "any" flag (1 = no filter) so one statement serves every case.
    this.scanNewest = raw(sql`SELECT ${SPAN_SELECT_COLUMNS} FROM spans INDEXED BY spans_by_start
      WHERE start_ns < ? AND duration_ns >= ? AND (? OR service = ?) AND (? OR name = ?) AND (parent_span_id IS NULL OR NOT ?)
      ORDER BY start_ns DESC, rowid DESC LIMIT ?`);
  }

  /** One summary per service, from the running per-operation totals. */
  services(): ServiceSummary[] {
    const byService = new Map<string, ServiceSummary & { last: bigint }>();
    for (const op of this.operations()) {
      const summary = byService.get(op.serviceName);
      const last = BigInt(op.lastSeenUnixNano);
      if (summary === undefined) {
        byService.set(op.serviceName, { serviceName: op.serviceName, spanCount: op.spanCount, errorCount: op.errorCount, lastSeenUnixNano: op.lastSeenUnixNano, last });
      } else {
        summary.spanCount += op.spanCount;
        summary.errorCount += op.errorCount;
        if (last > summary.last) [summary.last, summary.lastSeenUnixNano] = [last, op.lastSeenUnixNano];
      }
    }
    return [...byService.values()]
      .map(({ serviceName, spanCount, errorCount, lastSeenUnixNano }) => ({ serviceName, spanCount, errorCount, lastSeenUnixNano }))
      .sort((a, b) => a.serviceName.localeCompare(b.serviceName));
  }

  /** Every (service, span name) pair with its running totals. */
  operations(service?: string): OperationInfo[] {
    const rows = this.operationsStmt.all().map(([s, name, spans, errors, roots, lastSeen]) => ({
      serviceName: this.dict.value(Number(s)),
      name: this.dict.value(Number(name)),
      spanCount: Number(spans),
      errorCount: Number(errors),
      rootCount: Number(roots),
      lastSeenUnixNano: lastSeen.toString(),
    }));
    return service === undefined ? rows : rows.filter((r) => r.serviceName === service);
  }

  /** Duration percentiles of one operation's spans that started in [from, to); null when it has none there. */
  operationLatency(service: string, name: string, fromUnixNano: bigint, toUnixNano: bigint): OperationLatency | null {
    return this.latencyQuery.latency(service, name, fromUnixNano, toUnixNano);
  }

  /** Newest spans first, optionally of one service and only roots. */
  recentSpans(query: SpanSearch): SpanRow[] {
    return this.search(query);
  }

  /** Newest matching spans first: service, name, minimum duration, roots only, before a time, errors, an attribute. */
  search(query: SpanSearch): SpanRow[] {
    if (query.errorsOnly !== true && query.attribute === undefined) return this.searchRows(query).map((row) => this.decoder.toSpanRow(row));
    return this.filteredSearch(query);
  }

  /** Pages through the index-backed search and keeps the rows that pass the status and attribute filters. */
  private filteredSearch(query: SpanSearch): SpanRow[] {
    const limit = Math.max(0, Math.floor(query.limit));
    const page = Math.max(256, limit * 4);
    const found: SpanRow[] = [];
    const seen = new Set<bigint>();
    let before = query.beforeUnixNano ?? INT64_MAX;
    let scanned = 0;
    while (found.length < limit && scanned < FILTERED_SEARCH_BUDGET) {
      const rows = this.searchRows({ ...query, limit: page, beforeUnixNano: before });
      let fresh = 0;
      for (const row of rows) {
        const rowid = this.decoder.rowid(row);
        if (seen.has(rowid)) continue;
        seen.add(rowid);
        fresh += 1;
        scanned += 1;
        const span = this.decoder.toSpanRow(row);
        if (query.errorsOnly === true && span.statusCode !== 'error') continue;
        if (query.attribute !== undefined && !this.hasAttribute(row, query.attribute)) continue;
        found.push(span);
        if (found.length === limit) break;
      }
      if (rows.length < page) break;
      // The next page starts at the last start seen, again (ties at one nanosecond are re-read and skipped);
      // a page of nothing new means more ties than a page, which are passed over.
      const lastStart = BigInt(rows[rows.length - 1][7] as bigint);
      before = fresh === 0 ? lastStart : lastStart + 1n;
    }
    return found;
  }

  private hasAttribute(row: SpanRowTuple, attribute: { key: string; value: string }): boolean {
    const detail = this.decoder.toSpanDetail(row);
    const text = (value: unknown) => (typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value));
    for (const attributes of [detail.attributes, detail.resourceAttributes]) {
      if (Object.hasOwn(attributes, attribute.key) && text(attributes[attribute.key]) === attribute.value) return true;
    }
    return false;
  }

  /** All spans of a trace ordered by start time, for the trace view; empty when unknown. */
  trace(traceId: string): SpanDetail[] {
    return this.traceRows(traceId).map((row) => this.decoder.toSpanDetail(row));
  }

  /** All spans of a trace as lossless domain spans, ordered by start time. */
  traceSpans(traceId: string): StoredSpan[] {
    return this.traceRows(traceId).map((row) => this.decoder.toSpan(row));
  }

  /** The spans of a trace without attributes and events (what a waterfall draws), ordered by start time. */
  traceOutline(traceId: string): SpanRow[] {
    return this.traceRows(traceId, this.outlineByRowids).map((row) => this.decoder.toSpanRow(row));
  }

  /** One span of a trace in full; null when the trace has no such span. */
  traceSpan(traceId: string, spanId: string): SpanDetail | null {
    const bytes = idToBytes(traceId, 16, 'traceId');
    const spanBytes = idToBytes(spanId, 8, 'spanId');
    if (bytes === null || spanBytes === null) return null;
    const row = this.oneOfRowids.all(JSON.stringify(this.traceIndex.rowids(traceId.toLowerCase(), bytes)), spanBytes).find((candidate) => bytes.equals(candidate[1] as Uint8Array));
    return row === undefined ? null : this.decoder.toSpanDetail(row);
  }

  /** The trace's rows ordered by start time, then rowid. */
  private traceRows(traceId: string, statement = this.byRowids): SpanRowTuple[] {
    const bytes = idToBytes(traceId, 16, 'traceId');
    if (bytes === null) return [];
    // Index entries can outlive their rows (retention), and deleted rowids can be reused: check the trace id.
    const rows = statement.all(JSON.stringify(this.traceIndex.rowids(traceId.toLowerCase(), bytes))).filter((row) => bytes.equals(row[1] as Uint8Array));
    return rows.sort((a, b) => {
      const byStart = (a[7] as bigint) - (b[7] as bigint);
      return byStart === 0n ? Number((a[0] as bigint) - (b[0] as bigint)) : byStart < 0n ? -1 : 1;
    });
  }

  /** Spans stored after rowid `after`, in storage order, with the last rowid read (for incremental readers). */
  spansSince(after: bigint, limit: number): { spans: StoredSpan[]; lastRowid: bigint } {
    const rows = this.since.all(after, limit);
    return { spans: rows.map((row) => this.decoder.toSpan(row)), lastRowid: rows.length === 0 ? after : this.decoder.rowid(rows[rows.length - 1]) };
  }

  /** Spans that started in [from, to), oldest first, as domain spans (for rules). */
  spansInRange(range: SpanRange): StoredSpan[] {
    return this.inRange.all(range.fromUnixNano, range.toUnixNano, range.limit ?? 100_000).map((row) => this.decoder.toSpan(row));
  }

  private searchRows(query: SpanSearch): SpanRowTuple[] {
    const limit = Math.max(0, Math.floor(query.limit));
    const before = query.beforeUnixNano ?? INT64_MAX;
    const minDuration = query.minDurationNano ?? INT64_MIN;
    const rootsOnly = query.rootsOnly === true;
    const service = query.service === undefined ? undefined : this.dict.lookup(query.service);
    const name = query.name === undefined ? undefined : this.dict.lookup(query.name);
    if (limit === 0 || (query.service !== undefined && service === undefined) || (query.name !== undefined && name === undefined)) return [];
    if (service === undefined && name === undefined) return this.scan(before, minDuration, undefined, undefined, rootsOnly, limit);

    const pairs = this.operationsStmt
      .all()
      .filter(([s, nm, , , roots]) => (service === undefined || Number(s) === service) && (name === undefined || Number(nm) === name) && (!rootsOnly || roots > 0n));
    if (pairs.length > MAX_MERGED_OPERATIONS) return this.scan(before, minDuration, service, name, rootsOnly, limit);

    const candidates: [bigint, bigint][] = [];
    for (const [s, nm] of pairs) candidates.push(...this.operationIndex.newest(Number(s), Number(nm), before, minDuration, rootsOnly, limit));
    candidates.sort((a, b) => (a[1] === b[1] ? (b[0] > a[0] ? 1 : -1) : b[1] > a[1] ? 1 : -1));
    return candidates.slice(0, limit).flatMap(([rowid]) => {
      const row = this.byRowid.get(rowid);
      return row === undefined ? [] : [row];
    });
  }

  private scan(before: bigint, minDuration: bigint, service: number | undefined, name: number | undefined, rootsOnly: boolean, limit: number): SpanRowTuple[] {
    return this.scanNewest.all(
      before,
      minDuration,
      service === undefined ? 1n : 0n,
      BigInt(service ?? 0),
      name === undefined ? 1n : 0n,
      BigInt(name ?? 0),
      rootsOnly ? 1n : 0n,
      limit,
    );
  }
}
