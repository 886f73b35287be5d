// The routes behind the Metrics, Services and Traces views, end to end through OTLP/JSON and the console API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResponses } from '../common/api-contract.ts';
import { startTestServer, type TestServer } from './test-server.ts';

const str = (value: string) => ({ stringValue: value });
const nanos = (ms: number) => (BigInt(ms) * 1_000_000n).toString();

describe('view routes', () => {
  let server: TestServer;
  const now = Date.now();

  async function post(signal: 'traces' | 'metrics', body: unknown): Promise<void> {
    const response = await fetch(`${server.otlpHttp}/v1/${signal}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(response.status).toBe(200);
  }

  beforeAll(async () => {
    server = await startTestServer();
    const pool = [{ key: 'db.client.connection.pool.name', value: str('main') }];
    const point = (ageS: number, value: number, extra: { key: string; value: { stringValue: string } }[] = []) => ({ timeUnixNano: nanos(now - ageS * 1000), asInt: String(value), attributes: [...pool, ...extra] });
    const sum = (name: string, dataPoints: unknown[]) => ({ name, unit: '{connection}', sum: { aggregationTemporality: 2, isMonotonic: false, dataPoints } });
    await post('metrics', {
      resourceMetrics: [
        {
          resource: { attributes: [{ key: 'service.name', value: str('api') }] },
          scopeMetrics: [
            {
              metrics: [
                sum('db.client.connection.count', [3, 2, 1].flatMap((age) => [point(age, 10 - age, [{ key: 'db.client.connection.state', value: str('used') }]), point(age, age, [{ key: 'db.client.connection.state', value: str('idle') }])])),
                sum('db.client.connection.max', [3, 2, 1].map((age) => point(age, 10))),
              ],
            },
          ],
        },
      ],
    });
    const span = (id: string, parent: string, name: string, kind: number) => ({
      traceId: 'ab'.repeat(16),
      spanId: id.repeat(16),
      parentSpanId: parent === '' ? '' : parent.repeat(16),
      name,
      kind,
      startTimeUnixNano: nanos(now - 5000),
      endTimeUnixNano: nanos(now - 4990),
      attributes: [{ key: 'tenant', value: str('acme') }],
    });
    await post('traces', {
      resourceSpans: [
        { resource: { attributes: [{ key: 'service.name', value: str('web') }] }, scopeSpans: [{ spans: [span('1', '', 'GET /', 2), span('2', '1', 'GET', 3)] }] },
        { resource: { attributes: [{ key: 'service.name', value: str('api') }] }, scopeSpans: [{ spans: [span('3', '2', 'GET /items', 2)] }] },
      ],
    });
  }, 60_000);

  afterAll(() => server?.stop());

  it('charts pool connections in use with the pool maximum beside them', async () => {
    const { status, body } = await server.api<'metricSeries'>('/api/metrics/series?name=db.client.connection.count');
    expect(status).toBe(200);
    expect(body.meaning).toBe('value');
    expect(body.sharedLabel).toBe('db.client.connection.pool.name=main');
    expect(body.series.map((s) => s.label).sort()).toEqual(['db.client.connection.state=idle', 'db.client.connection.state=used']);
    expect(body.limits.map((l) => [l.label, l.points.map((p) => p.v)])).toEqual([['max', [10, 10, 10]]]);
    const catalog = (await server.api<'metrics'>('/api/metrics')).body;
    expect(catalog.map((m) => m.name)).toEqual(['db.client.connection.count', 'db.client.connection.max']);
    // A metric with no limit has none.
    expect((await server.api<'metricSeries'>('/api/metrics/series?name=db.client.connection.max')).body.limits).toEqual([]);
  });

  it('maps the call from web to api over the last 15 minutes', async () => {
    const { body } = await server.api<'serviceMap'>('/api/service-map');
    expect(body.edges.map((e) => [e.from, e.to, e.calls])).toEqual([['web', 'api', 1]]);
  });

  it('lists operations, searches by attribute, and reads a trace outline and one span', async () => {
    const operations: ApiResponses['operations'] = (await server.api<'operations'>('/api/operations?service=web')).body;
    expect(operations.map((op) => [op.name, op.rootCount]).sort((a, b) => String(a[0]).localeCompare(String(b[0])))).toEqual([
      ['GET', 0],
      ['GET /', 1],
    ]);
    const found = (await server.api<'recentSpans'>('/api/spans/recent?attribute=tenant%3Dacme&name=GET%20%2Fitems')).body;
    expect(found.map((s) => s.serviceName)).toEqual(['api']);
    const traceId = 'ab'.repeat(16);
    const outline = (await server.api<'traceOutline'>(`/api/traces/${traceId}/outline`)).body;
    expect(outline).toHaveLength(3);
    const one = await server.api<'traceSpan'>(`/api/traces/${traceId}/spans/${'3'.repeat(16)}`);
    expect(one.body).toMatchObject({ serviceName: 'api', attributes: { tenant: 'acme' } });
    expect((await server.api(`/api/traces/${traceId}/spans/${'9'.repeat(16)}`)).status).toBe(404);
    expect((await server.api(`/api/traces/${'cd'.repeat(16)}/outline`)).status).toBe(404);
  });
});
