// Recording from the console: start, data arrives, stop → an incident file with exactly that data,
// downloadable; exports of a range; names that are not recordings are refused.
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordingFile, RecordingState } from '../common/api-contract.ts';
import { buildSpan, spanIdFor, traceIdFor } from '../fixtures/domain-builders.ts';
import { startTestServer, type TestServer } from './test-server.ts';

describe('recordings', () => {
  let server: TestServer;
  const call = async <T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> => {
    const response = await fetch(`${server.console.url}${path}`, { method, headers: { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as T };
  };
  const spanAt = (n: number, atMs: number) =>
    buildSpan({ traceId: traceIdFor(n), spanId: spanIdFor(n), startTimeUnixNano: BigInt(atMs) * 1_000_000n, endTimeUnixNano: BigInt(atMs + 5) * 1_000_000n });

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('records what arrives between start and stop, and serves the file for download', async () => {
    const before = Date.now() - 60_000;
    await server.core.store.write({ spans: [spanAt(1, before)], metricPoints: [], logs: [] });
    const started = await call<RecordingState>('POST', '/api/recording', { title: 'Checkout slow' });
    expect(started.body).toMatchObject({ recording: true, title: 'Checkout slow' });
    expect((await call('POST', '/api/recording', {})).status).toBe(400);
    await server.core.store.write({ spans: [spanAt(2, Date.now()), spanAt(3, Date.now())], metricPoints: [], logs: [] });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const stopped = await call<RecordingFile>('DELETE', '/api/recording');
    expect(stopped.status).toBe(200);
    expect(stopped.body.counts).toEqual({ spans: 2, metricPoints: 0, logs: 0 });
    expect(stopped.body.name).toMatch(/checkout-slow\.chokepoint$/);

    const listed = await call<RecordingFile[]>('GET', '/api/recordings');
    expect(listed.body.map((r) => r.name)).toEqual([stopped.body.name]);
    const download = await fetch(`${server.console.url}/recordings/${stopped.body.name}`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toContain(stopped.body.name);
    const text = gunzipSync(Buffer.from(await download.arrayBuffer())).toString('utf8');
    expect(JSON.parse(text.split('\n')[0])).toMatchObject({ chokepoint: { title: 'Checkout slow', counts: { spans: 2 } } });
  });

  it('exports any range, and refuses names that are not recordings', async () => {
    const now = BigInt(Date.now()) * 1_000_000n;
    const exported = await call<RecordingFile>('POST', '/api/recordings', { fromUnixNano: (now - 3_600_000_000_000n).toString(), toUnixNano: now.toString(), title: 'last hour' });
    expect(exported.body.counts).toEqual({ spans: 3, metricPoints: 0, logs: 0 });
    expect((await fetch(`${server.console.url}/recordings/..%2Fchokepoint.db`)).status).toBe(404);
    expect((await fetch(`${server.console.url}/recordings/nope.chokepoint`)).status).toBe(404);
    expect((await call('DELETE', '/api/recording')).status).toBe(400);
  });
});
