// Trace requests decoded on the receivers' thread (instead of raw in the store worker) must be stored just the
// same, and a bad one among them must fail alone.
import { afterEach, describe, expect, it } from 'vitest';
import { tracesRequestJson } from '../collectors/otlp/encode-json-traces.ts';
import { buildTypicalSpans, removeTempDirs, tempDir } from '../store/test-builders.ts';
import { StoreClient } from '../store/index.ts';
import { BATCH_DECODER_MODULE, createWorkerIngestSink } from './worker-ingest-sink.ts';

afterEach(() => removeTempDirs());

const jsonBody = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value));

describe('createWorkerIngestSink', () => {
  it.each([
    ['decoded on the receivers thread', 0],
    ['decoded by the store worker', Number.MAX_SAFE_INTEGER],
  ])('stores every span of concurrent trace requests %s, and fails only the malformed one', async (_how, decodeHereBacklog) => {
    const dataDir = tempDir();
    const store = await StoreClient.open({ dataDir, decoderModule: BATCH_DECODER_MODULE });
    const sink = createWorkerIngestSink(store, undefined, { decodeHereBacklog });
    const spans = buildTypicalSpans(1000);
    const requests = [0, 250, 500, 750].map((from) => sink.accept('traces', 'json', jsonBody(tracesRequestJson(spans.slice(from, from + 250)))));
    const bad = sink.accept('traces', 'json', new TextEncoder().encode('{"resourceSpans": [ {')).catch((error: unknown) => error);
    const outcomes = await Promise.all(requests);
    expect(await bad).toMatchObject({ code: 'MALFORMED_BODY' });
    expect(outcomes).toEqual(Array.from({ length: 4 }, () => ({ rejected: 0, errorMessage: '' })));
    expect((await store.query('counts')).spans).toBe(1000);
    const trace = await store.query('trace', spans[999].traceId);
    expect(trace.map((row) => row.spanId).sort()).toEqual(spans.filter((s) => s.traceId === spans[999].traceId).map((s) => s.spanId).sort());
    await store.close();
  });
});
