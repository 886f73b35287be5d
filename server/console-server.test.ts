// The console's JSON API over HTTP: validated inputs with named error codes, and no answers to other sites.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from './test-server.ts';
import type { TestServer } from './test-server.ts';

/** A raw request, so Host and Origin can be set the way a hostile page's browser would. */
function request(url: string, headers: Record<string, string>, method = 'GET'): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('console API', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });

  afterAll(async () => {
    await server.stop();
  });

  it('answers health with exact counts', async () => {
    const { status, body } = await server.api<'health'>('/api/health');
    expect(status).toBe(200);
    expect(body).toEqual({ status: 'ok', counts: { spans: 0, metricPoints: 0, logs: 0 } });
  });

  it('rejects invalid input with BAD_REQUEST and names the field', async () => {
    const badId = await server.api('/api/traces/not-a-trace-id');
    expect(badId.status).toBe(400);
    expect(badId.body).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/traceId/) as unknown });
    const badLimit = await server.api('/api/spans/recent?limit=100000');
    expect(badLimit.status).toBe(400);
    expect(badLimit.body).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/limit/) as unknown });
    const badAttribute = await server.api('/api/spans/recent?attribute=no-equals-sign');
    expect(badAttribute.status).toBe(400);
    expect(badAttribute.body).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/attribute: must be key=value/) as unknown });
    const badMetric = await server.api('/api/metrics/series?name=');
    expect(badMetric.status).toBe(400);
    expect((await server.api('/api/metrics/series?name=no.such.metric')).body).toMatchObject({ code: 'NOT_FOUND' });
    expect((await server.api('/api/service-map?windowSeconds=1')).status).toBe(400);
  });

  it('uses NOT_FOUND and METHOD_NOT_ALLOWED codes', async () => {
    const missing = await server.api(`/api/traces/${'a'.repeat(32)}`);
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ code: 'NOT_FOUND' });
    expect((await server.api('/api/nothing-here')).status).toBe(404);
    const post = await request(`${server.console.url}/api/health`, {}, 'POST');
    expect(post.status).toBe(405);
    expect(JSON.parse(post.body)).toMatchObject({ code: 'METHOD_NOT_ALLOWED' });
  });

  it('refuses DNS-rebinding hosts and cross-origin callers', async () => {
    const rebinding = await request(`${server.console.url}/api/health`, { Host: `attacker.example:${server.console.port}` });
    expect(rebinding.status).toBe(403);
    const crossOrigin = await request(`${server.console.url}/api/health`, { Origin: 'https://attacker.example' });
    expect(crossOrigin.status).toBe(403);
    const sameOrigin = await request(`${server.console.url}/api/health`, { Origin: server.console.url });
    expect(sameOrigin.status).toBe(200);
  });
});

describe('console API when the store is gone', () => {
  it('keeps answering health, as degraded with the last counts and the reason', async () => {
    const server = await startTestServer();
    try {
      expect((await server.api<'health'>('/api/health')).body.status).toBe('ok');
      await server.core.store.close();
      const { status, body } = await server.api<'health'>('/api/health');
      expect(status).toBe(200);
      expect(body).toMatchObject({ status: 'degraded', counts: { spans: 0, metricPoints: 0, logs: 0 } });
      expect(body.problem).toMatch(/store/i);
    } finally {
      await server.stop();
    }
  });
});
