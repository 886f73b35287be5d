// The store in its worker thread, through the client the core uses: writes are acknowledged only once
// committed, the queue is bounded, and a dead worker turns into a clear STORE_UNAVAILABLE.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ChokepointError } from '../common/error-codes.ts';
import { StoreClient } from './store-client.ts';
import { TelemetryStore } from './telemetry-store.ts';
import { buildBatch, buildTypicalSpans, removeTempDirs, tempDir } from './test-builders.ts';

afterEach(() => removeTempDirs());

describe('StoreClient', () => {
  it('acknowledges writes once committed, so a fresh connection sees them', async () => {
    const dataDir = tempDir();
    const client = await StoreClient.open({ dataDir });
    const spans = buildTypicalSpans(300);
    await Promise.all([client.write(buildBatch({ spans: spans.slice(0, 100) })), client.write(buildBatch({ spans: spans.slice(100) }))]);
    expect(client.queuedItems).toBe(0);
    // Another connection (as after a crash and restart) sees every acknowledged span.
    const reader = TelemetryStore.open({ dataDir });
    expect(reader.counts().spans).toBe(300);
    reader.close();
    expect(await client.query('counts')).toEqual({ spans: 300, metricPoints: 0, logs: 0 });
    const trace = await client.query('trace', spans[0].traceId);
    expect(trace.map((row) => row.spanId)).toContain(spans[0].spanId);
    await client.close();
  });

  it('stores spans packed on the calling thread exactly, before and after it learns the dictionary', async () => {
    const dataDir = tempDir();
    const client = await StoreClient.open({ dataDir });
    const spans = buildTypicalSpans(300);
    await client.writeSpans(spans.slice(0, 100));
    // By now the worker has reported the strings the first batch added; later batches refer to them by id.
    await Promise.all([client.writeSpans(spans.slice(100, 200)), client.writeSpans(spans.slice(200))]);
    expect(client.queuedItems).toBe(0);
    expect(await client.query('counts')).toEqual({ spans: 300, metricPoints: 0, logs: 0 });
    await client.close();
    const reader = TelemetryStore.open({ dataDir });
    for (const traceId of [spans[0].traceId, spans[150].traceId, spans[299].traceId]) {
      const stored = reader.spans.traceSpans(traceId).map(({ normalizedStatement: _n, ...span }) => span);
      expect(stored).toStrictEqual(spans.filter((span) => span.traceId === traceId));
    }
    reader.close();
  });

  it('has committed pages copied into the database file by its checkpointer thread, not by the writer', async () => {
    const dataDir = tempDir();
    const client = await StoreClient.open({ dataDir });
    expect(client.checkpointerProblem).toBeNull();
    await client.writeSpans(buildTypicalSpans(2000));
    // The writer checkpoints only past 8192 pages of log; these spans fill far fewer, so only the thread copies them.
    const file = path.join(dataDir, 'chokepoint.db');
    const reader = new Database(file, { readonly: true });
    const pageBytes = (reader.pragma('page_count', { simple: true }) as number) * (reader.pragma('page_size', { simple: true }) as number);
    reader.close();
    const deadline = Date.now() + 5000;
    while (fs.statSync(file).size < pageBytes && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fs.statSync(file).size).toBeGreaterThanOrEqual(pageBytes);
    await client.close();
  });

  it('refuses with QUEUE_FULL past its bound and loses nothing it accepted', async () => {
    const client = await StoreClient.open({ dataDir: tempDir(), maxQueuedItems: 50 });
    const spans = buildTypicalSpans(100);
    const first = client.write(buildBatch({ spans: spans.slice(0, 40) }));
    expect(() => client.write(buildBatch({ spans: spans.slice(40, 60) }))).toThrow(ChokepointError);
    expect(() => client.admit()).not.toThrow();
    await first;
    await client.write(buildBatch({ spans: spans.slice(40, 60) }));
    expect((await client.query('counts')).spans).toBe(60);
    await client.close();
  });

  it('answers STORE_UNAVAILABLE after the worker is gone instead of hanging', async () => {
    const client = await StoreClient.open({ dataDir: tempDir() });
    await client.close();
    expect(() => client.admit()).toThrow(/stopped|unavailable/i);
    await expect(client.query('counts')).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
  });
});
