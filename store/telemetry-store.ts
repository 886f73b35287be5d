// The SQLite telemetry store: opens (and migrates) the database file and inserts batches, one transaction each.
// Queries live in span-queries.ts, metric-queries.ts, log-queries.ts and findings.ts; this class wires them up.
import type { MetricInfo } from '../common/metric-view.ts';
import type { ServiceMapResponse } from '../common/service-map.ts';
import { ServiceMapQuery } from './service-map-query.ts';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ChokepointError } from '../common/error-codes.ts';
import type { OperationInfo, ServiceSummary, SpanDetail, SpanRow } from '../common/api-contract.ts';
import type { MetricPoint, TelemetryBatch, TelemetryCounts } from '../common/telemetry.ts';
import { EntityRegistry } from './entity-registry.ts';
import { FindingStore } from './findings.ts';
import { LogInserter } from './log-insert.ts';
import { LogQueries } from './log-queries.ts';
import { MetricInserter } from './metric-insert.ts';
import { MetricQueries, type StoredMetricPoint } from './metric-queries.ts';
import { runMigrations } from './migrations.ts';
import { TelemetryRanges, type TimeRange } from './telemetry-range.ts';
import { SpanInserter } from './span-insert.ts';
import { SpanPacker } from './span-packer.ts';
import type { PackedSpans } from './packed-spans.ts';
import { SpanQueries, type SpanRange, type SpanSearch } from './span-queries.ts';
import type { StoredSpan } from './span-rows.ts';
import { toStoreError } from './store-errors.ts';
import { TraceIndex } from './trace-index.ts';
import { OperationIndex } from './operation-index.ts';
import { StringDictionary } from './string-dictionary.ts';
import { sql, sqlInteger } from './sql-text.ts';

/** Where an incremental reader left off. Start with { spanRowid: 0n, pointRowid: 0n }. */
export interface TelemetryCursor {
  spanRowid: bigint;
  pointRowid: bigint;
}

export interface RetentionPolicy {
  /** Delete telemetry older than this. */
  maxAgeMs?: number;
  /** Keep the used database size (pages in use × page size) under this many bytes. */
  maxBytes?: number;
}

export interface StoreOptions {
  dataDir: string;
  fileName?: string;
  retention?: RetentionPolicy;
  /** How long a write waits for another connection's lock before failing (default 5000). */
  busyTimeoutMs?: number;
  /** Spans per sealed trace-index segment (default TRACE_SEGMENT_ROWS; small values are for tests). */
  traceSegmentRows?: number;
}

/** A batch to store: domain telemetry, plus spans already packed by another thread (StoreClient.writeSpans). */
export interface StoreBatch extends TelemetryBatch {
  packedSpans?: PackedSpans;
}

/** Items (spans, metric points, log records) in a batch. */
export function itemsOf(batch: StoreBatch): number {
  return batch.spans.length + (batch.packedSpans?.count ?? 0) + batch.metricPoints.length + batch.logs.length;
}

/** Row counts by signal table name, as stored in telemetry_counts. */
const COUNT_SIGNALS = { spans: 'spans', metricPoints: 'metric_points', logs: 'logs' } as const satisfies Record<keyof TelemetryCounts, string>;

const CACHE_SIZE_KIB = 64 * 1024;
const MMAP_BYTES = 256 * 1024 * 1024;

type UnsealedSpanRow = [rowid: bigint, traceId: Uint8Array, service: bigint, name: bigint, start: bigint, duration: bigint, root: bigint];

export class TelemetryStore {
  readonly databaseFile: string;
  readonly retention: RetentionPolicy;
  /** The connection. For store modules and tests; everything else goes through the methods. */
  readonly db: Database.Database;
  readonly dict: StringDictionary;
  readonly entities: EntityRegistry;
  readonly spans: SpanQueries;
  readonly metrics: MetricQueries;
  private readonly serviceMapQuery: ServiceMapQuery;
  readonly logs: LogQueries;
  readonly findings: FindingStore;
  readonly ranges: TelemetryRanges;
  readonly traceIndex: TraceIndex;
  readonly operationIndex: OperationIndex;
  private readonly unsealedSpanRows: Database.Statement<[number], UnsealedSpanRow>;
  private readonly spanInserter: SpanInserter;
  private readonly packer: SpanPacker;
  private readonly metricInserter: MetricInserter;
  private readonly logInserter: LogInserter;
  private readonly bumpCount: Database.Statement<[bigint, string]>;
  private readonly ingest: Database.Transaction<(batches: readonly StoreBatch[]) => TelemetryCounts>;
  private readonly running: TelemetryCounts;
  private readonly latestRowids: Database.Statement<[], [bigint, bigint]>;

  private constructor(db: Database.Database, databaseFile: string, options: StoreOptions) {
    this.db = db;
    this.databaseFile = databaseFile;
    this.retention = options.retention ?? {};
    this.dict = new StringDictionary(db);
    this.entities = new EntityRegistry(db);
    this.traceIndex = new TraceIndex(db, options.traceSegmentRows);
    this.operationIndex = new OperationIndex(db);
    this.unsealedSpanRows = db
      .prepare<[number], UnsealedSpanRow>('SELECT rowid, trace_id, service, name, start_ns, duration_ns, parent_span_id IS NULL FROM spans WHERE rowid > ? ORDER BY rowid')
      .raw(true)
      .safeIntegers(true);
    this.reloadSpanIndexes();
    this.packer = new SpanPacker(this.dict);
    const encoder = this.packer.attributeEncoder;
    this.spanInserter = new SpanInserter(db, this.dict, this.entities, this.traceIndex, this.operationIndex);
    this.metricInserter = new MetricInserter(db, this.dict, this.entities, encoder);
    this.logInserter = new LogInserter(db, this.dict, this.entities, encoder);
    this.spans = new SpanQueries(db, this.dict, this.entities, this.traceIndex, this.operationIndex);
    this.metrics = new MetricQueries(db, this.dict, this.entities);
    this.serviceMapQuery = new ServiceMapQuery(db, this.dict);
    this.logs = new LogQueries(db, this.dict, this.entities);
    this.findings = new FindingStore(db);
    this.ranges = new TelemetryRanges(db, this.spans, this.metrics, this.logs);
    this.bumpCount = db.prepare('UPDATE telemetry_counts SET count = count + ? WHERE signal = ?');
    this.running = this.readCounts();
    this.latestRowids = db
      .prepare<[], [bigint, bigint]>('SELECT (SELECT ifnull(max(rowid), 0) FROM spans), (SELECT ifnull(max(rowid), 0) FROM metric_points)')
      .raw(true)
      .safeIntegers(true);
    this.ingest = db.transaction((batches: readonly StoreBatch[]) => {
      const added: TelemetryCounts = { spans: 0, metricPoints: 0, logs: 0 };
      for (const batch of batches) {
        if (batch.spans.length > 0) added.spans += this.spanInserter.insertPacked(this.packer.pack(batch.spans));
        if (batch.packedSpans !== undefined) added.spans += this.spanInserter.insertPacked(batch.packedSpans);
        for (const point of batch.metricPoints) this.metricInserter.insert(point);
        for (const log of batch.logs) this.logInserter.insert(log);
        added.metricPoints += batch.metricPoints.length;
        added.logs += batch.logs.length;
      }
      this.spanInserter.flushOperations();
      const sealed = this.traceIndex.sealIfFull();
      if (sealed !== null) this.operationIndex.seal(sealed);
      this.adjustCountsInTransaction(added);
      return added;
    });
  }

  /** Opens (creating when needed) the database in `dataDir` and brings its schema up to date. */
  static open(options: StoreOptions): TelemetryStore {
    const databaseFile = path.resolve(options.dataDir, options.fileName ?? 'chokepoint.db');
    let db: Database.Database | undefined;
    try {
      fs.mkdirSync(options.dataDir, { recursive: true });
      db = new Database(databaseFile);
      const fresh = (db.pragma('page_count', { simple: true }) as number) === 0;
      // auto_vacuum can only be chosen before the first table exists; INCREMENTAL lets retention shrink the file.
      if (fresh) db.pragma('auto_vacuum = INCREMENTAL');
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma(sql`busy_timeout = ${sqlInteger(Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000)))}`);
      db.pragma(sql`cache_size = ${sqlInteger(-CACHE_SIZE_KIB)}`);
      db.pragma(sql`mmap_size = ${sqlInteger(MMAP_BYTES)}`);
      db.pragma('temp_store = MEMORY');
      db.pragma('journal_size_limit = 67108864');
      // Checkpoint every 8192 pages (32 MB) rather than SQLite's 1000: a checkpoint runs inside a commit, and
      // fewer of them raised ingest (bench ratio 0.25–0.31 → 0.31–0.35). Behind a StoreClient this is only the
      // backstop: its checkpointer thread copies pages as they come (wal-checkpointer.ts), and the writer's own
      // checkpoint finds little left and lets the log start over. journal_size_limit caps the WAL file after.
      db.pragma('wal_autocheckpoint = 8192');
      // No FOREIGN KEY clauses exist; dedup tables are append-only, so enforcing would only cost time.
      db.pragma('foreign_keys = OFF');
      runMigrations(db);
      return new TelemetryStore(db, databaseFile, options);
    } catch (error) {
      db?.close();
      throw toStoreError(error, `opening ${databaseFile}`);
    }
  }

  /** Stores one batch in one transaction. Throws ChokepointError (STORE_UNAVAILABLE when SQLite cannot write). */
  insertBatch(batch: StoreBatch): void {
    this.insertBatches([batch]);
  }

  /** Stores several batches in one transaction (group commit); all or nothing. Returns the rows added. */
  insertBatches(batches: readonly StoreBatch[]): TelemetryCounts {
    let added: TelemetryCounts;
    try {
      added = this.ingest.immediate(batches);
    } catch (error) {
      this.afterRollback();
      throw toStoreError(error, 'storing telemetry');
    }
    this.running.spans += added.spans;
    this.running.metricPoints += added.metricPoints;
    this.running.logs += added.logs;
    return added;
  }

  /** Exact numbers of stored rows (kept as running totals; no table scan). */
  counts(): TelemetryCounts {
    return { ...this.running };
  }

  /**
   * Applies a (negative) change to the stored counts inside the caller's transaction; call `commitCountChange`
   * after that transaction commits.
   */
  adjustCountsInTransaction(change: TelemetryCounts): void {
    for (const signal of Object.keys(COUNT_SIGNALS) as (keyof TelemetryCounts)[]) {
      if (change[signal] !== 0) this.bumpCount.run(BigInt(change[signal]), COUNT_SIGNALS[signal]);
    }
  }

  commitCountChange(change: TelemetryCounts): void {
    this.running.spans += change.spans;
    this.running.metricPoints += change.metricPoints;
    this.running.logs += change.logs;
  }

  services(): ServiceSummary[] {
    return this.spans.services();
  }

  /** Every (service, span name) pair with its running totals, of one service when given. */
  operations(service?: string): OperationInfo[] {
    return this.spans.operations(service);
  }

  /** Newest spans first (see SpanQueries.recentSpans). */
  recentSpans(query: SpanSearch): SpanRow[] {
    return this.spans.recentSpans(query);
  }

  searchSpans(query: SpanSearch): SpanRow[] {
    return this.spans.search(query);
  }

  /** Spans of one trace without attributes and events, ordered by start; empty when unknown. */
  traceOutline(traceId: string): SpanRow[] {
    return this.spans.traceOutline(traceId);
  }

  /** One span of a trace in full, or null. */
  traceSpan(traceId: string, spanId: string): SpanDetail | null {
    return this.spans.traceSpan(traceId, spanId);
  }

  /** Spans of one trace ordered by start; empty when unknown. */
  trace(traceId: string): SpanDetail[] {
    return this.spans.trace(traceId);
  }

  spansInRange(range: SpanRange): StoredSpan[] {
    return this.spans.spansInRange(range);
  }

  metricSeries(name: string, fromUnixNano: bigint, toUnixNano: bigint): StoredMetricPoint[] {
    return this.metrics.metricSeries(name, fromUnixNano, toUnixNano);
  }

  metricNames(): string[] {
    return this.metrics.metricNames();
  }

  /** Every stored metric with its type, unit and description (from its newest point). */
  metricCatalog(): MetricInfo[] {
    return this.metrics.catalog();
  }

  /** Calls between services (and out to databases and hosts) among the newest `limit` spans of a window. */
  serviceMap(fromUnixNano: bigint, toUnixNano: bigint, limit: number): ServiceMapResponse {
    return this.serviceMapQuery.build(fromUnixNano, toUnixNano, limit);
  }

  /**
   * Spans and metric points stored since a cursor (rowids), at most `limit` of each, and the cursor to pass
   * next time. The rules runner reads only what is new on each tick this way.
   */
  telemetrySince(
    cursor: TelemetryCursor,
    limit: number,
    newestOnly = false,
    newestOf = limit,
  ): { spans: StoredSpan[]; metricPoints: MetricPoint[]; cursor: TelemetryCursor; skipped: number } {
    let from = cursor;
    let skipped = 0;
    if (newestOnly) {
      // A reader that cannot keep up skips to the newest `newestOf` rows (rowids are assigned in order) and reads the
      // first `limit` of them; it reads the rest in further calls without newestOnly.
      const latest = this.latestRowids.get() ?? [0n, 0n];
      const keep = BigInt(newestOf);
      const spanFrom = latest[0] - keep > cursor.spanRowid ? latest[0] - keep : cursor.spanRowid;
      const pointFrom = latest[1] - keep > cursor.pointRowid ? latest[1] - keep : cursor.pointRowid;
      skipped = Number(spanFrom - cursor.spanRowid + (pointFrom - cursor.pointRowid));
      from = { spanRowid: spanFrom, pointRowid: pointFrom };
    }
    const spans = this.spans.spansSince(from.spanRowid, limit);
    const points = this.metrics.pointsSince(from.pointRowid, limit);
    return { spans: spans.spans, metricPoints: points.points, cursor: { spanRowid: spans.lastRowid, pointRowid: points.lastRowid }, skipped };
  }


  /** Earliest and latest times of anything stored, or null when empty. */
  timeRange(): TimeRange | null {
    return this.ranges.timeRange();
  }

  /** Everything stored with from ≤ time < to, lossless (incident export). */
  telemetryInRange(fromUnixNano: bigint, toUnixNano: bigint): TelemetryBatch {
    return this.ranges.telemetryInRange(fromUnixNano, toUnixNano);
  }

  /** Bytes of database pages in use (page count minus free pages, times page size). */
  usedBytes(): number {
    const pageSize = this.db.pragma('page_size', { simple: true }) as number;
    const pageCount = this.db.pragma('page_count', { simple: true }) as number;
    const freePages = this.db.pragma('freelist_count', { simple: true }) as number;
    return (pageCount - freePages) * pageSize;
  }

  /** Metric names may have been deleted (retention): re-check before the next insert of each. */
  forgetMetricNames(): void {
    this.metricInserter.forgetNames();
  }

  /** Resynchronises the in-memory caches with the database after a failed transaction. */
  private afterRollback(): void {
    this.metricInserter.forgetNames();
    if (!this.db.open) return;
    this.dict.reload();
    this.entities.reload();
    this.reloadSpanIndexes();
    this.spanInserter.reload();
  }

  /** Rebuilds both span indexes' in-memory parts from the rows after the last sealed segment, in one read. */
  private reloadSpanIndexes(): void {
    this.traceIndex.reset();
    this.operationIndex.reset();
    for (const [rowid, traceId, service, name, start, duration, root] of this.unsealedSpanRows.iterate(this.traceIndex.sealedThrough)) {
      this.traceIndex.add(Buffer.from(traceId.buffer, traceId.byteOffset, traceId.byteLength).toString('hex'), Number(rowid));
      this.operationIndex.add(Number(service), Number(name), Number(rowid), start, duration, root === 1n);
    }
  }

  get isOpen(): boolean {
    return this.db.open;
  }

  close(): void {
    if (!this.db.open) return;
    try {
      this.db.pragma('optimize');
      this.db.close();
    } catch (error) {
      throw toStoreError(error, 'closing the database');
    }
  }

  private readCounts(): TelemetryCounts {
    const rows = this.db.prepare<[], [string, number]>('SELECT signal, count FROM telemetry_counts').raw().all();
    const bySignal = new Map(rows);
    const counts: TelemetryCounts = { spans: 0, metricPoints: 0, logs: 0 };
    for (const signal of Object.keys(COUNT_SIGNALS) as (keyof TelemetryCounts)[]) {
      const value = bySignal.get(COUNT_SIGNALS[signal]);
      if (value === undefined) throw new ChokepointError('STORE_UNAVAILABLE', `The database has no row count for ${signal}; it may be damaged.`);
      counts[signal] = value;
    }
    return counts;
  }
}
