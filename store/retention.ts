// Retention: deletes the oldest telemetry by age and, when the database outgrows maxBytes, keeps deleting the
// oldest data (all signals, by time) until it fits. Deletes run in chunks, one transaction each, keeping the
// running counts and per-operation totals exact. Freed pages are returned to the file system (auto_vacuum=INCREMENTAL).
import type { TelemetryCounts } from '../common/telemetry.ts';
import { STATUS_ERROR } from './enum-codes.ts';
import { LatencyRollup } from './latency-rollup.ts';
import type { TelemetryStore } from './telemetry-store.ts';

export interface RetentionOptions {
  /** Delete telemetry older than now − maxAgeMs. */
  maxAgeMs?: number;
  /** Keep the used database size under this many bytes. */
  maxBytes?: number;
  nowUnixNano: bigint;
  /** Rows per delete transaction (default 20 000). */
  chunkRows?: number;
}

export interface RetentionResult {
  deleted: TelemetryCounts;
  bytesBefore: number;
  bytesAfter: number;
}

const MAX_SIZE_PASSES = 200;

type DeletedSpan = [service: bigint, name: bigint, status: bigint, root: bigint, start: bigint, duration: bigint];

/** Deletes every row older than `cutoff`, chunk by chunk; returns how many of each signal went. */
function deleteOlderThan(store: TelemetryStore, cutoff: bigint, chunkRows: number): TelemetryCounts {
  const { db } = store;
  const deleted: TelemetryCounts = { spans: 0, metricPoints: 0, logs: 0 };
  const deleteSpans = db.prepare<[bigint, number], DeletedSpan>(
    `DELETE FROM spans WHERE rowid IN (SELECT rowid FROM spans WHERE start_ns < ? ORDER BY start_ns LIMIT ?)
     RETURNING service, name, status_code, parent_span_id IS NULL, start_ns, duration_ns`,
  )
    .raw(true)
    .safeIntegers(true);
  const latency = new LatencyRollup(db);
  const decrementOperation = db.prepare<[number, number, number, number, number]>(
    'UPDATE span_operations SET span_count = span_count - ?, error_count = error_count - ?, root_count = root_count - ? WHERE service = ? AND name = ?',
  );
  const dropEmptyOperations = db.prepare('DELETE FROM span_operations WHERE span_count <= 0');
  const deleteLogs = db.prepare<[bigint, number]>('DELETE FROM logs WHERE rowid IN (SELECT rowid FROM logs WHERE ts_ns < ? ORDER BY ts_ns LIMIT ?)');
  const deletePoints = db.prepare<[number, bigint, number]>(
    'DELETE FROM metric_points WHERE rowid IN (SELECT rowid FROM metric_points WHERE name = ? AND time_ns < ? LIMIT ?)',
  );
  const metricNames = db.prepare<[], number>('SELECT name FROM metric_names').pluck().all();

  const spanChunk = db.transaction((): number => {
    // Nothing left over from a chunk whose transaction failed.
    latency.clear();
    const rows = deleteSpans.all(cutoff, chunkRows);
    const totals = new Map<string, [number, number, number, number, number]>();
    for (const [serviceId, nameId, statusCode, isRoot, start, duration] of rows) {
      // Read as BigInts (start_ns needs all 64 bits); the small columns are turned back into numbers.
      const [service, name, status, root] = [Number(serviceId), Number(nameId), Number(statusCode), Number(isRoot)];
      latency.count(service, name, start, Number(duration), -1);
      const key = `${service}:${name}`;
      const t = totals.get(key) ?? [0, 0, 0, service, name];
      t[0] += 1;
      if (status === STATUS_ERROR) t[1] += 1;
      if (root === 1) t[2] += 1;
      totals.set(key, t);
    }
    for (const [spans, errors, roots, service, name] of totals.values()) decrementOperation.run(spans, errors, roots, service, name);
    dropEmptyOperations.run();
    latency.flush();
    store.adjustCountsInTransaction({ spans: -rows.length, metricPoints: 0, logs: 0 });
    return rows.length;
  });
  const logChunk = db.transaction((): number => {
    const n = deleteLogs.run(cutoff, chunkRows).changes;
    store.adjustCountsInTransaction({ spans: 0, metricPoints: 0, logs: -n });
    return n;
  });
  const pointChunk = db.transaction((name: number): number => {
    const n = deletePoints.run(name, cutoff, chunkRows).changes;
    store.adjustCountsInTransaction({ spans: 0, metricPoints: -n, logs: 0 });
    return n;
  });

  const run = (chunk: () => number, signal: keyof TelemetryCounts): void => {
    for (;;) {
      const n = chunk();
      store.commitCountChange({ spans: 0, metricPoints: 0, logs: 0, [signal]: -n });
      deleted[signal] += n;
      if (n < chunkRows) return;
    }
  };
  run(() => spanChunk(), 'spans');
  run(() => logChunk(), 'logs');
  for (const name of metricNames) run(() => pointChunk(name), 'metricPoints');
  return deleted;
}

/** Oldest and newest timestamps over all signals, or undefined when the store holds no telemetry. */
function timeSpan(store: TelemetryStore): { oldest: bigint; newest: bigint } | undefined {
  const { db } = store;
  const one = (sql: string, ...params: number[]): bigint | null =>
    db.prepare<number[], bigint | null>(sql).pluck().safeIntegers(true).get(...params) ?? null;
  const times: bigint[] = [];
  for (const sql of ['SELECT min(start_ns) FROM spans', 'SELECT max(start_ns) FROM spans', 'SELECT min(ts_ns) FROM logs', 'SELECT max(ts_ns) FROM logs']) {
    const t = one(sql);
    if (t !== null) times.push(t);
  }
  for (const name of db.prepare<[], number>('SELECT name FROM metric_names').pluck().all()) {
    for (const sql of ['SELECT min(time_ns) FROM metric_points WHERE name = ?', 'SELECT max(time_ns) FROM metric_points WHERE name = ?']) {
      const t = one(sql, name);
      if (t !== null) times.push(t);
    }
  }
  if (times.length === 0) return undefined;
  return { oldest: times.reduce((a, b) => (b < a ? b : a)), newest: times.reduce((a, b) => (b > a ? b : a)) };
}

/** Removes what deletes left behind: sealed trace segments of deleted spans, names of metrics with no points. */
function tidy(store: TelemetryStore): void {
  const { db } = store;
  db.transaction(() => {
    const minRowid = db.prepare<[], number | null>('SELECT min(rowid) FROM spans').pluck().get() ?? null;
    store.traceIndex.dropSegmentsBefore(minRowid ?? Number.MAX_SAFE_INTEGER);
    store.operationIndex.dropSegmentsBefore(minRowid ?? Number.MAX_SAFE_INTEGER);
    db.prepare('DELETE FROM metric_names WHERE NOT EXISTS (SELECT 1 FROM metric_points WHERE metric_points.name = metric_names.name)').run();
  })();
  store.traceIndex.reloadSegments();
  store.operationIndex.noteDeletions();
  store.forgetMetricNames();
}

/** Applies the retention policy once. Safe to call often; does nothing when within limits. */
export function applyRetention(store: TelemetryStore, options: RetentionOptions): RetentionResult {
  const chunkRows = options.chunkRows ?? 20_000;
  const bytesBefore = store.usedBytes();
  const deleted: TelemetryCounts = { spans: 0, metricPoints: 0, logs: 0 };
  const add = (d: TelemetryCounts) => {
    deleted.spans += d.spans;
    deleted.metricPoints += d.metricPoints;
    deleted.logs += d.logs;
  };

  if (options.maxAgeMs !== undefined && options.maxAgeMs > 0) {
    add(deleteOlderThan(store, options.nowUnixNano - BigInt(Math.floor(options.maxAgeMs)) * 1_000_000n, chunkRows));
  }
  if (options.maxBytes !== undefined && options.maxBytes > 0) {
    for (let pass = 0; pass < MAX_SIZE_PASSES && store.usedBytes() > options.maxBytes; pass += 1) {
      const range = timeSpan(store);
      if (range === undefined) break;
      const used = store.usedBytes();
      // Delete the oldest share of the time range that matches the excess (at least 2%, plus a little headroom).
      const share = Math.min(1, Math.max(0.02, (used - options.maxBytes) / used + 0.01));
      const width = range.newest - range.oldest + 1n;
      const cutoff = range.oldest + (width * BigInt(Math.ceil(share * 1_000_000))) / 1_000_000n + 1n;
      add(deleteOlderThan(store, cutoff, chunkRows));
      tidy(store);
    }
  }
  if (deleted.spans + deleted.metricPoints + deleted.logs > 0) {
    tidy(store);
    store.db.pragma('incremental_vacuum');
    store.db.pragma('wal_checkpoint(TRUNCATE)');
  }
  return { deleted, bytesBefore, bytesAfter: store.usedBytes() };
}
