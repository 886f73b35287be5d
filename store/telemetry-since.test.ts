import { afterEach, describe, expect, it } from 'vitest';
import { buildSpan, spanIdFor, traceIdFor } from '../fixtures/domain-builders.ts';
import { closeTestStores, openTestStore } from './test-builders.ts';

afterEach(closeTestStores);

const spans = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => buildSpan({ traceId: traceIdFor(from + i), spanId: spanIdFor(from + i), name: `op ${from + i}` }));

describe('telemetrySince', () => {
  it('reads what was stored after the cursor, oldest first, and hands back the next cursor', () => {
    const store = openTestStore();
    store.insertBatch({ spans: spans(0, 100), metricPoints: [], logs: [] });
    const first = store.telemetrySince({ spanRowid: 0n, pointRowid: 0n }, 30);
    expect(first.spans.map((s) => s.name)).toEqual(spans(0, 30).map((s) => s.name));
    const second = store.telemetrySince(first.cursor, 1000);
    expect(second.spans).toHaveLength(70);
    expect(store.telemetrySince(second.cursor, 1000).spans).toEqual([]);
  });

  it('with newestOnly, skips a backlog and says how much: a reader that fell behind sees the latest rows', () => {
    const store = openTestStore();
    store.insertBatch({ spans: spans(0, 100), metricPoints: [], logs: [] });
    const page = store.telemetrySince({ spanRowid: 0n, pointRowid: 0n }, 30, true);
    expect(page.spans.map((s) => s.name)).toEqual(spans(70, 30).map((s) => s.name));
    expect(page.skipped).toBe(70);
    store.insertBatch({ spans: spans(100, 5), metricPoints: [], logs: [] });
    const next = store.telemetrySince(page.cursor, 30, true);
    expect(next.spans.map((s) => s.name)).toEqual(spans(100, 5).map((s) => s.name));
    expect(next.skipped).toBe(0);
  });

  it('with newestOnly and newestOf, skips to the newest rows and reads them in chunks', () => {
    const store = openTestStore();
    store.insertBatch({ spans: spans(0, 100), metricPoints: [], logs: [] });
    const first = store.telemetrySince({ spanRowid: 0n, pointRowid: 0n }, 10, true, 40);
    expect(first.skipped).toBe(60);
    expect(first.spans.map((s) => s.name)).toEqual(spans(60, 10).map((s) => s.name));
    const rest = store.telemetrySince(first.cursor, 30);
    expect(rest.spans.map((s) => s.name)).toEqual(spans(70, 30).map((s) => s.name));
    expect(rest.skipped).toBe(0);
  });
});
