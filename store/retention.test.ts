import fs from 'node:fs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Span } from '../common/telemetry.ts';
import { applyRetention } from './retention.ts';
import { sql, sqlIdentifiers } from './sql-text.ts';
import type { TelemetryStore } from './telemetry-store.ts';
import { buildBatch, buildLog, buildMetricPoint, buildSpan, buildTypicalSpans, removeTempDirs, spanIdFor, traceIdFor, closeTestStores, openTestStore } from './test-builders.ts';

afterAll(removeTempDirs);

const openStore = (traceSegmentRows?: number): TelemetryStore => openTestStore({ traceSegmentRows });
afterEach(closeTestStores);

const MINUTE = 60_000_000_000n;
const NOW = 1_700_000_000_000_000_000n;

function tableCounts(store: TelemetryStore) {
  const count = (table: 'spans' | 'metric_points' | 'logs') => (store.db.prepare(sql`SELECT count(*) AS n FROM ${sqlIdentifiers([table])}`).get() as { n: number }).n;
  return { spans: count('spans'), metricPoints: count('metric_points'), logs: count('logs') };
}

describe('applyRetention', () => {
  it('deletes telemetry older than maxAge and keeps counts and service totals exact', () => {
    const store = openStore();
    const at = (minutesAgo: number, i: number): Span =>
      buildSpan({ traceId: traceIdFor(i), spanId: spanIdFor(i), startTimeUnixNano: NOW - BigInt(minutesAgo) * MINUTE, endTimeUnixNano: NOW - BigInt(minutesAgo) * MINUTE + 5n, statusCode: i % 2 === 0 ? 'error' : 'unset' });
    store.insertBatch(
      buildBatch({
        spans: [at(120, 1), at(90, 2), at(30, 3), at(1, 4)],
        logs: [buildLog({ timeUnixNano: NOW - 100n * MINUTE }), buildLog({ timeUnixNano: NOW - 2n * MINUTE })],
        metricPoints: [
          buildMetricPoint({ type: 'gauge', value: 1 }, { name: 'old.only', timeUnixNano: NOW - 200n * MINUTE }),
          buildMetricPoint({ type: 'gauge', value: 2 }, { name: 'mixed', timeUnixNano: NOW - 200n * MINUTE }),
          buildMetricPoint({ type: 'gauge', value: 3 }, { name: 'mixed', timeUnixNano: NOW - 10n * MINUTE }),
        ],
      }),
    );
    const result = applyRetention(store, { maxAgeMs: 60 * 60 * 1000, nowUnixNano: NOW });
    expect(result.deleted).toEqual({ spans: 2, metricPoints: 2, logs: 1 });
    expect(store.counts()).toEqual({ spans: 2, metricPoints: 1, logs: 1 });
    expect(tableCounts(store)).toEqual(store.counts());
    expect(store.services()).toEqual([{ serviceName: 'checkout', spanCount: 2, errorCount: 1, lastSeenUnixNano: (NOW - MINUTE).toString() }]);
    expect(store.trace(traceIdFor(1))).toEqual([]);
    expect(store.trace(traceIdFor(3))).toHaveLength(1);
    expect(store.metricNames()).toEqual(['mixed']);
    // A second pass has nothing left to do.
    expect(applyRetention(store, { maxAgeMs: 60 * 60 * 1000, nowUnixNano: NOW }).deleted).toEqual({ spans: 0, metricPoints: 0, logs: 0 });
  });

  it('keeps the database under maxBytes after more than that was inserted, dropping the oldest first', () => {
    const store = openStore(1000);
    const maxBytes = 1024 * 1024;
    for (let chunk = 0; chunk < 6; chunk += 1) store.insertBatch(buildBatch({ spans: buildTypicalSpans(5000, chunk * 1000) }));
    expect(store.usedBytes()).toBeGreaterThan(4 * maxBytes);
    // What the cap means to a user: the database and its WAL on disk together.
    const footprint = () => [store.databaseFile, `${store.databaseFile}-wal`].reduce((sum, file) => sum + (fs.statSync(file, { throwIfNoEntry: false })?.size ?? 0), 0);
    const footprintBefore = footprint();

    const result = applyRetention(store, { maxBytes, nowUnixNano: NOW, chunkRows: 2000 });
    expect(result.bytesAfter).toBeLessThanOrEqual(maxBytes);
    expect(store.usedBytes()).toBeLessThanOrEqual(maxBytes);
    expect(footprint()).toBeLessThan(footprintBefore / 2);
    expect(result.deleted.spans).toBeGreaterThan(0);
    expect(result.deleted.spans).toBeLessThan(30_000);
    expect(store.counts()).toEqual(tableCounts(store));
    expect(store.counts().spans).toBe(30_000 - result.deleted.spans);
    // Oldest gone, newest kept, and trace lookups still right for what remains.
    expect(store.trace(traceIdFor(0))).toEqual([]);
    expect(store.trace(traceIdFor(5999))).toHaveLength(5);
    const remainingSegments = store.db.prepare('SELECT count(*) AS n FROM trace_segment_list').get() as { n: number };
    expect(remainingSegments.n).toBeLessThan(30);
    const totalFromServices = store.services().reduce((sum, s) => sum + s.spanCount, 0);
    expect(totalFromServices).toBe(store.counts().spans);
  });

  it('does nothing when within limits', () => {
    const store = openStore();
    store.insertBatch(buildBatch({ spans: buildTypicalSpans(10) }));
    const result = applyRetention(store, { maxAgeMs: 1000, maxBytes: 1024 ** 3, nowUnixNano: 1_700_000_000_000_000_000n });
    expect(result.deleted).toEqual({ spans: 0, metricPoints: 0, logs: 0 });
    expect(store.counts().spans).toBe(10);
  });
});
