import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ChokepointError } from '../common/error-codes.ts';
import type { TelemetryCounts } from '../common/telemetry.ts';
import { BatchWriter } from './batch-writer.ts';
import { sql, sqlInteger } from './sql-text.ts';
import { TelemetryStore } from './telemetry-store.ts';
import { buildBatch, buildLog, buildResource, buildSpan, buildTypicalSpans, removeTempDirs, spanIdFor, tempDir, traceIdFor, closeTestStores, openTestStore } from './test-builders.ts';

afterAll(removeTempDirs);

const openStore = (): TelemetryStore => openTestStore();
afterEach(closeTestStores);

/** n spans of trace t, numbered from `first`. */
const spansOf = (t: number, n: number, first = 0, service = 'checkout') =>
  Array.from({ length: n }, (_, i) => buildSpan({ resource: buildResource(service), traceId: traceIdFor(t), spanId: spanIdFor(t * 10_000 + first + i) }));

function catchSync(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('BatchWriter', () => {
  it('commits many concurrent writes in a few transactions and resolves every one', async () => {
    const store = openStore();
    const writer = new BatchWriter(store);
    const commits: TelemetryCounts[] = [];
    writer.onCommit((counts) => commits.push(counts));
    const writes = Array.from({ length: 50 }, (_, t) => writer.write(buildBatch({ spans: spansOf(t, 10), logs: [buildLog()] })));
    expect(writer.queuedItems).toBe(550);
    await Promise.all(writes);
    expect(writer.transactions).toBeLessThan(5);
    expect(commits.reduce((sum, c) => sum + c.spans, 0)).toBe(500);
    expect(store.counts()).toEqual({ spans: 500, metricPoints: 0, logs: 50 });
    expect(writer.queuedItems).toBe(0);
  });

  it('resolves a write only once its transaction has committed', async () => {
    const store = openStore();
    const writer = new BatchWriter(store, { flushDelayMs: 20 });
    let resolved = false;
    const write = writer.write(buildBatch({ spans: spansOf(1, 3) })).then(() => {
      resolved = true;
      return store.counts().spans;
    });
    await new Promise((r) => setTimeout(r, 5));
    expect(resolved).toBe(false);
    expect(store.counts().spans).toBe(0);
    expect(await write).toBe(3);
  });

  it('splits a large backlog into transactions of at most maxBatchItems', async () => {
    const store = openStore();
    const writer = new BatchWriter(store, { maxBatchItems: 100 });
    const sizes: number[] = [];
    writer.onCommit((c) => sizes.push(c.spans));
    await Promise.all(Array.from({ length: 10 }, (_, t) => writer.write(buildBatch({ spans: spansOf(t, 40) }))));
    expect(sizes.every((n) => n <= 100)).toBe(true);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(400);
  });

  it('throws QUEUE_FULL synchronously when over the bound and loses nothing already accepted', async () => {
    const store = openStore();
    const writer = new BatchWriter(store, { maxQueuedItems: 100, flushDelayMs: 50 });
    const accepted = [writer.write(buildBatch({ spans: spansOf(1, 60) })), writer.write(buildBatch({ spans: spansOf(2, 40) }))];
    const error = catchSync(() => void writer.write(buildBatch({ spans: spansOf(3, 1) })));
    expect(error).toBeInstanceOf(ChokepointError);
    expect((error as ChokepointError).code).toBe('QUEUE_FULL');
    expect(writer.queuedItems).toBe(100);
    await Promise.all(accepted);
    expect(store.counts().spans).toBe(100);
    expect(store.trace(traceIdFor(3))).toEqual([]);
    // Room again once committed; a batch bigger than the whole queue is taken when the queue is empty.
    await writer.write(buildBatch({ spans: spansOf(4, 150) }));
    expect(store.counts().spans).toBe(250);
  });

  it('rejects only the writes of a failing transaction (disk full) and keeps working', async () => {
    const store = openStore();
    const writer = new BatchWriter(store);
    await writer.write(buildBatch({ spans: spansOf(1, 10) }));
    const pages = store.db.pragma('page_count', { simple: true }) as number;
    store.db.pragma(sql`max_page_count = ${sqlInteger(pages)}`);
    const failing = writer.write(buildBatch({ spans: [...spansOf(2, 10, 0, 'new-service'), ...buildTypicalSpans(2000)] }));
    const error: unknown = await failing.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChokepointError);
    expect((error as ChokepointError).code).toBe('STORE_UNAVAILABLE');
    expect((error as ChokepointError).message).toMatch(/full/);
    expect(store.counts()).toEqual({ spans: 10, metricPoints: 0, logs: 0 });
    expect(store.db.prepare('SELECT count(*) AS n FROM spans').get()).toEqual({ n: 10 });

    store.db.pragma('max_page_count = 1073741823');
    await writer.write(buildBatch({ spans: spansOf(3, 5, 0, 'new-service') }));
    expect(store.counts().spans).toBe(15);
    expect(store.services().map((s) => [s.serviceName, s.spanCount])).toEqual([['checkout', 10], ['new-service', 5]]);
    expect(store.trace(traceIdFor(2))).toEqual([]);
    expect(store.trace(traceIdFor(3)).map((s) => s.serviceName)).toEqual(Array(5).fill('new-service'));
  });

  it('commits the good batches of a group when one batch is malformed', async () => {
    const store = openStore();
    const writer = new BatchWriter(store);
    const good = writer.write(buildBatch({ spans: spansOf(1, 5) }));
    const bad = writer.write(buildBatch({ spans: [{ ...spansOf(2, 1)[0], traceId: 'xyz' }] }));
    const alsoGood = writer.write(buildBatch({ spans: spansOf(3, 5) }));
    await expect(good).resolves.toBeUndefined();
    await expect(alsoGood).resolves.toBeUndefined();
    await expect(bad).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(store.counts().spans).toBe(10);
  });

  it('rejects writes with STORE_UNAVAILABLE when the database was closed under it', async () => {
    const store = TelemetryStore.open({ dataDir: tempDir() });
    const writer = new BatchWriter(store);
    store.close();
    await expect(writer.write(buildBatch({ spans: spansOf(1, 1) }))).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE', message: expect.stringMatching(/closed/) as unknown });
  });

  it('flushes pending writes on close and refuses writes afterwards', async () => {
    const store = openStore();
    const writer = new BatchWriter(store, { flushDelayMs: 10_000 });
    const pending = writer.write(buildBatch({ spans: spansOf(1, 4) }));
    await writer.close();
    await pending;
    expect(store.counts().spans).toBe(4);
    const error = catchSync(() => void writer.write(buildBatch({ spans: spansOf(2, 1) })));
    expect((error as ChokepointError).code).toBe('STORE_UNAVAILABLE');
  });
});
