import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Span } from '../common/telemetry.ts';
import type { TelemetryStore } from './telemetry-store.ts';
import { buildBatch, buildSpan, removeTempDirs, spanIdFor, tempDir, traceIdFor, closeTestStores, openTestStore } from './test-builders.ts';

afterAll(removeTempDirs);

// Tiny segments so a few dozen spans exercise sealed and unsealed lookups.
const openStore = (dataDir: string): TelemetryStore => openTestStore({ dataDir, traceSegmentRows: 8 });
afterEach(closeTestStores);

/** Span i of trace t (traces interleave, so each trace spreads over several segments). */
const span = (t: number, i: number): Span =>
  buildSpan({ traceId: traceIdFor(t), spanId: spanIdFor(t * 100 + i), startTimeUnixNano: 1_000_000n + BigInt(i), endTimeUnixNano: 2_000_000n });

function spanIdsOf(store: TelemetryStore, t: number): string[] {
  return store.trace(traceIdFor(t)).map((s) => s.spanId);
}

describe('trace lookup', () => {
  it('finds every span of a trace across sealed segments and the unsealed tail, also after reopening', () => {
    const dir = tempDir();
    const store = openStore(dir);
    for (let i = 0; i < 7; i += 1) store.insertBatch(buildBatch({ spans: [0, 1, 2, 3, 4].map((t) => span(t, i)) }));
    const segments = store.db.prepare('SELECT count(*) AS n FROM trace_segment_list').get() as { n: number };
    expect(segments.n).toBeGreaterThanOrEqual(3);
    const expected = (t: number) => [0, 1, 2, 3, 4, 5, 6].map((i) => spanIdFor(t * 100 + i));
    for (let t = 0; t < 5; t += 1) expect(spanIdsOf(store, t)).toEqual(expected(t));
    store.close();

    const reopened = openStore(dir);
    for (let t = 0; t < 5; t += 1) expect(spanIdsOf(reopened, t)).toEqual(expected(t));
    reopened.insertBatch(buildBatch({ spans: [span(2, 7)] }));
    expect(spanIdsOf(reopened, 2)).toEqual([...expected(2), spanIdFor(207)]);
  });

  it('seals a segment of many traces (several multi-row inserts and a shorter last one) without losing any', () => {
    // 150 traces of 2 spans in a 300-row segment: the sealed entries go in as 64 + 64 + 22.
    const store = openTestStore({ dataDir: tempDir(), traceSegmentRows: 300 });
    const traces = Array.from({ length: 150 }, (_, t) => t);
    store.insertBatch(buildBatch({ spans: [0, 1].flatMap((i) => traces.map((t) => span(t, i))) }));
    const entries = store.db.prepare('SELECT count(*) AS n FROM trace_segments').get() as { n: number };
    expect(entries.n).toBe(150);
    for (const t of traces) expect(spanIdsOf(store, t)).toEqual([spanIdFor(t * 100), spanIdFor(t * 100 + 1)]);
  });

  it('forgets spans of a rolled-back batch and keeps indexing later ones', () => {
    const store = openStore(tempDir());
    store.insertBatch(buildBatch({ spans: [span(1, 0), span(1, 1)] }));
    const failing = buildBatch({ spans: [span(1, 2), span(1, 3), { ...span(1, 4), spanId: 'broken' }] });
    expect(() => store.insertBatch(failing)).toThrow(/spanId/);
    store.insertBatch(buildBatch({ spans: Array.from({ length: 10 }, (_, i) => span(1, 10 + i)) }));
    expect(spanIdsOf(store, 1)).toEqual([0, 1, ...Array.from({ length: 10 }, (_, i) => 10 + i)].map((i) => spanIdFor(100 + i)));
  });

  it('accepts upper-case ids and finds them by their lower-case form', () => {
    const store = openStore(tempDir());
    const upper = buildSpan({ traceId: traceIdFor(3).toUpperCase(), spanId: spanIdFor(3).toUpperCase() });
    store.insertBatch(buildBatch({ spans: [upper] }));
    expect(spanIdsOf(store, 3)).toEqual([spanIdFor(3)]);
  });
});
