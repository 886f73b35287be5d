import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Span } from '../common/telemetry.ts';
import { bucketMiddleNs, latencyBucket } from './latency-rollup.ts';
import { MIGRATIONS, runMigrations } from './migrations.ts';
import { applyRetention } from './retention.ts';
import { TelemetryStore } from './telemetry-store.ts';
import { buildBatch, buildResource, buildSpan, closeTestStores, openTestStore, removeTempDirs, seededRandom, spanIdFor, tempDir, traceIdFor } from './test-builders.ts';

afterEach(closeTestStores);
afterAll(removeTempDirs);

const MINUTE = 60_000_000_000n;
/** A minute boundary, so tests can place spans on either side of one. */
const T0 = 28_333_333n * MINUTE;
const api = buildResource('api');

/** `count` "GET /x" spans spread evenly over `minutes` from `from`, with durations from 1 to 1,000 ms (log-uniform). */
function spansOver(count: number, from: bigint, minutes: number, seed = 1): Span[] {
  const random = seededRandom(seed);
  const step = (BigInt(minutes) * MINUTE) / BigInt(count);
  return Array.from({ length: count }, (_, n) => {
    const start = from + BigInt(n) * step;
    const duration = BigInt(Math.round(1e6 * 1000 ** random()));
    return buildSpan({ resource: api, traceId: traceIdFor(n), spanId: spanIdFor(n), name: 'GET /x', kind: 'server', startTimeUnixNano: start, endTimeUnixNano: start + duration });
  });
}

function exactPercentiles(spans: readonly Span[], from: bigint, to: bigint): { count: number; p50: number; p95: number; p99: number } {
  const d = spans.filter((s) => s.startTimeUnixNano >= from && s.startTimeUnixNano < to).map((s) => Number(s.endTimeUnixNano - s.startTimeUnixNano)).sort((a, b) => a - b);
  const at = (q: number) => d[Math.min(d.length - 1, Math.floor(q * d.length))];
  return { count: d.length, p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}

const rollupTotal = (store: TelemetryStore): number => store.db.prepare<[], number>('SELECT ifnull(sum(span_count), 0) FROM operation_latency').pluck().get() ?? 0;

describe('latency buckets', () => {
  it('put every duration within 2.2% of its bucket middle', () => {
    for (const ns of [2, 3, 999, 1_000, 1_234_567, 5e9, 3.6e12, 2 ** 62]) {
      expect(Math.abs(bucketMiddleNs(latencyBucket(ns)) - ns) / ns).toBeLessThan(0.022);
    }
    expect(latencyBucket(0)).toBe(0);
    expect(latencyBucket(2 ** 63)).toBeLessThan(1024);
  });
});

describe('operation latency over many spans', () => {
  it('answers an hour from the per-minute histograms, each percentile within 2.2% and the count exact', () => {
    const store = openTestStore();
    const spans = spansOver(120_000, T0, 60);
    for (let i = 0; i < spans.length; i += 20_000) store.insertBatch(buildBatch({ spans: spans.slice(i, i + 20_000) }));
    // Not on minute boundaries: the part-minutes at both ends are read span by span.
    const from = T0 + MINUTE / 3n;
    const to = T0 + 59n * MINUTE + MINUTE / 2n;
    const got = store.spans.operationLatency('api', 'GET /x', from, to);
    const want = exactPercentiles(spans, from, to);
    expect(got?.approximate).toBe(true);
    expect(got?.count).toBe(want.count);
    expect(Math.abs((got?.p50Nano ?? 0) / want.p50 - 1)).toBeLessThan(0.022);
    expect(Math.abs((got?.p95Nano ?? 0) / want.p95 - 1)).toBeLessThan(0.022);
    expect(Math.abs((got?.p99Nano ?? 0) / want.p99 - 1)).toBeLessThan(0.022);
  });

  it('stays exact for ranges holding 50,000 spans or fewer', () => {
    const store = openTestStore();
    const spans = spansOver(6_000, T0, 10);
    store.insertBatch(buildBatch({ spans }));
    const got = store.spans.operationLatency('api', 'GET /x', T0, T0 + 10n * MINUTE);
    const want = exactPercentiles(spans, T0, T0 + 10n * MINUTE);
    expect(got).toEqual({ count: want.count, p50Nano: want.p50, p95Nano: want.p95, p99Nano: want.p99, approximate: false });
  });

  it('counts each span in its own minute and bucket whatever order spans arrive in', () => {
    const store = openTestStore();
    // Shuffled across 5 minutes, with spans on and just either side of each boundary.
    const random = seededRandom(7);
    const spans = spansOver(3_000, T0 - MINUTE / 2n, 5).concat([0n, 1n, 2n, 3n].flatMap((m) => [-1n, 0n, 1n].map((d) => T0 + m * MINUTE + d)).map((start, n) =>
      buildSpan({ resource: api, traceId: traceIdFor(90_000 + n), spanId: spanIdFor(90_000 + n), name: 'GET /x', kind: 'server', startTimeUnixNano: start, endTimeUnixNano: start + 5_000_000n }),
    ));
    const shuffled = spans.map((span) => ({ span, key: random() })).sort((a, b) => a.key - b.key).map((x) => x.span);
    store.insertBatch(buildBatch({ spans: shuffled }));
    const expected = new Map<string, number>();
    for (const span of spans) {
      const key = `${span.startTimeUnixNano / MINUTE}/${latencyBucket(Number(span.endTimeUnixNano - span.startTimeUnixNano))}`;
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    const rows = store.db.prepare<[], [bigint, bigint, bigint]>('SELECT minute, bucket, span_count FROM operation_latency').raw().safeIntegers(true).all();
    expect(new Map(rows.map(([minute, bucket, count]) => [`${minute}/${bucket}`, Number(count)]))).toEqual(expected);
  });

  it('keeps the histograms equal to the spans through retention, and drops emptied minutes', () => {
    const store = openTestStore();
    store.insertBatch(buildBatch({ spans: spansOver(30_000, T0, 30) }));
    expect(rollupTotal(store)).toBe(30_000);
    // Retention by age at the middle of minute 10: spans before it go, and so do their counts.
    const cutoff = T0 + 10n * MINUTE + MINUTE / 2n;
    const result = applyRetention(store, { maxAgeMs: 1, nowUnixNano: cutoff + 1_000_000n });
    expect(result.deleted.spans).toBe(10_500);
    expect(rollupTotal(store)).toBe(store.counts().spans);
    const oldestMinute = store.db.prepare<[], bigint>('SELECT min(minute) FROM operation_latency').pluck().safeIntegers(true).get();
    expect(oldestMinute).toBe((T0 + 10n * MINUTE) / MINUTE);
  });

  it('are filled from the spans already stored when an older database is upgraded', () => {
    const dir = tempDir();
    const first = TelemetryStore.open({ dataDir: dir });
    first.insertBatch(buildBatch({ spans: spansOver(2_000, T0, 5) }));
    first.close();
    // Back to schema 1, as a database written by the previous version would be.
    const db = new Database(path.join(dir, 'chokepoint.db'));
    db.exec(`DROP TABLE operation_latency; DROP TABLE operation_segments; DELETE FROM schema_migrations WHERE version >= 2; PRAGMA user_version = 1;
      CREATE INDEX spans_by_operation ON spans (service, name, start_ns, duration_ns)`);
    expect(runMigrations(db)).toEqual(MIGRATIONS.filter((m) => m.version >= 2).map((m) => m.version));
    db.close();
    const again = TelemetryStore.open({ dataDir: dir });
    try {
      expect(rollupTotal(again)).toBe(2_000);
    } finally {
      again.close();
    }
  });
});
