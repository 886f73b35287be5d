// The operation index answers what the dropped spans_by_operation index answered: the newest spans of an operation
// (before a time, at least so long, roots only) and the durations in a time range. Each case compares it with the
// same question asked of the spans table directly, over spans in and out of start order, sealed and not.
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Span } from '../common/telemetry.ts';
import { MIGRATIONS, runMigrations } from './migrations.ts';
import { applyRetention } from './retention.ts';
import type { TelemetryStore } from './telemetry-store.ts';
import { buildBatch, buildResource, buildSpan, closeTestStores, openTestStore, removeTempDirs, seededRandom, spanIdFor, tempDir, traceIdFor } from './test-builders.ts';

afterEach(() => {
  closeTestStores();
  removeTempDirs();
});

const T0 = 1_700_000_000_000_000_000n;
const SERVICES = ['api', 'billing'].map((name) => buildResource(name));
const NAMES = ['GET /a', 'SELECT orders', 'POST /b'];
/** Small segments, so a few hundred spans make many sealed segments. */
const SEGMENT_ROWS = 64;

/** Inserts `all` in transactions of 37 spans. */
function insertInBatches(store: TelemetryStore, all: Span[]): void {
  for (let i = 0; i < all.length; i += 37) store.insertBatch(buildBatch({ spans: all.slice(i, i + 37) }));
}

/** Spans of 2 services × 3 names, mostly in start order with some late ones, a tenth roots. */
function spans(count: number, seed: number, from = T0): Span[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, n) => {
    const late = random() < 0.1 ? BigInt(Math.floor(random() * 5e9)) : 0n;
    const start = from + BigInt(n) * 10_000_000n - late;
    const duration = BigInt(Math.floor(1e6 * 500 ** random()));
    return buildSpan({
      resource: SERVICES[n % 2],
      name: NAMES[Math.floor(random() * NAMES.length)],
      traceId: traceIdFor(seed * 100_000 + n),
      spanId: spanIdFor(n + 1),
      parentSpanId: random() < 0.1 ? '' : spanIdFor(n + 100_000),
      startTimeUnixNano: start,
      endTimeUnixNano: start + duration,
    });
  });
}

const ids = (store: TelemetryStore, service: string, name: string) => [store.dict.lookup(service)!, store.dict.lookup(name)!] as const;

/** The same question asked of the table. */
function newestFromTable(store: TelemetryStore, service: string, name: string, before: bigint, minDuration: bigint, roots: boolean, limit: number): [bigint, bigint][] {
  const [s, n] = ids(store, service, name);
  return store.db
    .prepare<[number, number, bigint, bigint, number, number], [bigint, bigint]>(
      'SELECT rowid, start_ns FROM spans WHERE service = ? AND name = ? AND start_ns < ? AND duration_ns >= ? AND (parent_span_id IS NULL OR NOT ?) ORDER BY start_ns DESC, rowid DESC LIMIT ?',
    )
    .raw(true)
    .safeIntegers(true)
    .all(s, n, before, minDuration, roots ? 1 : 0, limit);
}

function durationsFromTable(store: TelemetryStore, service: string, name: string, from: bigint, to: bigint): number[] {
  const [s, n] = ids(store, service, name);
  return store.db
    .prepare<[number, number, bigint, bigint], number>('SELECT duration_ns FROM spans WHERE service = ? AND name = ? AND start_ns >= ? AND start_ns < ?')
    .pluck()
    .all(s, n, from, to)
    .sort((a, b) => a - b);
}

/** Asks both, for many questions; returns how many answers were non-empty (so the comparison means something). */
function compare(store: TelemetryStore, seed: number): number {
  const random = seededRandom(seed);
  let nonEmpty = 0;
  for (let q = 0; q < 60; q++) {
    const service = SERVICES[q % 2].serviceName;
    const name = NAMES[q % 3];
    const [s, n] = ids(store, service, name);
    const before = T0 + BigInt(Math.floor(random() * 5e9));
    const minDuration = random() < 0.5 ? 0n : BigInt(Math.floor(1e6 * 50 ** random()));
    const roots = random() < 0.3;
    const limit = 1 + Math.floor(random() * 40);
    const want = newestFromTable(store, service, name, before, minDuration, roots, limit);
    expect(store.operationIndex.newest(s, n, before, minDuration, roots, limit)).toEqual(want);
    const from = T0 + BigInt(Math.floor(random() * 4e9));
    const to = from + BigInt(Math.floor(random() * 2e9));
    expect(store.operationIndex.durations(s, n, from, to).sort((a, b) => a - b)).toEqual(durationsFromTable(store, service, name, from, to));
    if (want.length > 0) nonEmpty += 1;
  }
  return nonEmpty;
}

describe('OperationIndex', () => {
  it('finds what the table holds, from sealed segments and the unsealed rows alike, and again after reopening', () => {
    const dataDir = tempDir();
    const store = openTestStore({ dataDir, traceSegmentRows: SEGMENT_ROWS });
    insertInBatches(store, spans(500, 1));
    // A segment is sealed at the end of the transaction that fills it.
    const segments = store.db.prepare<[], number>('SELECT count(DISTINCT segment) FROM operation_segments').pluck().get();
    expect(segments).toBe(6);
    expect(compare(store, 2)).toBeGreaterThan(30);
    store.close();
    const reopened = openTestStore({ dataDir, traceSegmentRows: SEGMENT_ROWS });
    expect(compare(reopened, 3)).toBeGreaterThan(30);
  });

  it('forgets the spans of a rolled-back transaction, whose rowids the next spans take', () => {
    const store = openTestStore({ traceSegmentRows: SEGMENT_ROWS });
    insertInBatches(store, spans(200, 10));
    const good = buildBatch({ spans: spans(50, 11, T0 + 2_000_000_000n) });
    const bad = buildBatch({ spans: [buildSpan({ spanId: 'broken' })] });
    expect(() => store.insertBatches([good, bad])).toThrow(/spanId/);
    expect(store.counts().spans).toBe(200);
    insertInBatches(store, spans(100, 12, T0 + 1_000_000_000n));
    expect(compare(store, 13)).toBeGreaterThan(30);
  });

  it('stops at the limit and breaks ties at one start by the newest row, as the index did', () => {
    const store = openTestStore({ traceSegmentRows: SEGMENT_ROWS });
    const same = Array.from({ length: 150 }, (_, n) => buildSpan({ traceId: traceIdFor(n), spanId: spanIdFor(n + 1), startTimeUnixNano: T0, endTimeUnixNano: T0 + 5n }));
    store.insertBatch(buildBatch({ spans: same }));
    const [s, n] = ids(store, same[0].resource.serviceName, same[0].name);
    const got = store.operationIndex.newest(s, n, T0 + 1n, 0n, false, 100);
    expect(got).toHaveLength(100);
    expect(got).toEqual(newestFromTable(store, same[0].resource.serviceName, same[0].name, T0 + 1n, 0n, false, 100));
    // Nothing starts before T0, and nothing is 6 ns long.
    expect(store.operationIndex.newest(s, n, T0, 0n, false, 100)).toEqual([]);
    expect(store.operationIndex.newest(s, n, T0 + 1n, 6n, false, 100)).toEqual([]);
  });

  it('forgets the spans retention deleted, in partly and wholly deleted segments, and drops the wholly deleted ones', () => {
    const store = openTestStore({ traceSegmentRows: SEGMENT_ROWS });
    insertInBatches(store, spans(600, 4));
    const rows = () => store.db.prepare<[], number>('SELECT count(*) FROM operation_segments').pluck().get();
    const before = rows();
    // Age cutoff in the middle of the data: half the spans go.
    applyRetention(store, { maxAgeMs: 1, nowUnixNano: T0 + 3_000_000_000n + 1_000_000n });
    expect(store.counts().spans).toBeLessThan(400);
    expect(rows()).toBeLessThan(before!);
    expect(compare(store, 5)).toBeGreaterThan(20);
    // Spans stored after the deletion count, even when they started before the cutoff.
    insertInBatches(store, spans(100, 6, T0 - 2_000_000_000n));
    expect(compare(store, 7)).toBeGreaterThan(20);
  });

  it('keeps extreme starts and durations exact', () => {
    const store = openTestStore({ traceSegmentRows: 4 });
    const odd = [
      buildSpan({ spanId: spanIdFor(1), startTimeUnixNano: 0n, endTimeUnixNano: T0 }),
      buildSpan({ spanId: spanIdFor(2), startTimeUnixNano: T0, endTimeUnixNano: T0 + 1n }),
      buildSpan({ spanId: spanIdFor(3), startTimeUnixNano: 2n ** 62n, endTimeUnixNano: 2n ** 62n }),
      buildSpan({ spanId: spanIdFor(4), startTimeUnixNano: T0 + 7n, endTimeUnixNano: T0 + 2n ** 53n + 9n }),
      buildSpan({ spanId: spanIdFor(5), startTimeUnixNano: T0 + 8n, endTimeUnixNano: T0 + 8n }),
    ];
    store.insertBatch(buildBatch({ spans: odd }));
    const { serviceName } = odd[0].resource;
    const [s, n] = ids(store, serviceName, odd[0].name);
    expect(store.operationIndex.newest(s, n, 2n ** 63n - 1n, 0n, false, 10)).toEqual(newestFromTable(store, serviceName, odd[0].name, 2n ** 63n - 1n, 0n, false, 10));
    expect(store.operationIndex.durations(s, n, 0n, 2n ** 63n - 1n).sort((a, b) => a - b)).toEqual(durationsFromTable(store, serviceName, odd[0].name, 0n, 2n ** 63n - 1n));
  });

  it('is built for the segments an older database already sealed when it is upgraded', () => {
    const dataDir = tempDir();
    const store = openTestStore({ dataDir, traceSegmentRows: SEGMENT_ROWS });
    insertInBatches(store, spans(400, 8));
    store.close();
    // Back to schema 2, as the previous version left it.
    const db = new Database(path.join(dataDir, 'chokepoint.db'));
    db.exec(`DROP TABLE operation_segments; DELETE FROM schema_migrations WHERE version >= 3; PRAGMA user_version = 2;
      CREATE INDEX spans_by_operation ON spans (service, name, start_ns, duration_ns)`);
    expect(runMigrations(db)).toEqual(MIGRATIONS.filter((m) => m.version >= 3).map((m) => m.version));
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'spans_by_operation'").get()).toEqual({ n: 0 });
    db.close();
    const upgraded = openTestStore({ dataDir, traceSegmentRows: SEGMENT_ROWS });
    expect(compare(upgraded, 9)).toBeGreaterThan(30);
  });
});
