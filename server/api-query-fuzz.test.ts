// Property-based fuzz of the console API's query parameters and path parameters: every GET route, with arbitrary
// values (strings of any code point, huge and negative numbers, NaN, Infinity, 2^63 and past, repeated parameters,
// unknown ones, broken percent-escapes), over live data and an open incident. The answer is always 200, 400
// (BAD_REQUEST naming the field) or 404 (NOT_FOUND), never a 500, and always promptly.
import zlib from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_ROUTES } from '../common/api-contract.ts';
import type { ApiRouteName, IncidentState } from '../common/api-contract.ts';
import { makeOtlpBodies } from '../fixtures/otlp-bodies.ts';
import { postOtlp } from '../fixtures/otlp-clients.ts';
import { recordTrial } from '../fixtures/reliability-log.ts';
import { startTestServer } from './test-server.ts';
import type { TestServer } from './test-server.ts';

const SCALE = Math.max(0.01, Number(process.env.CHOKEPOINT_FUZZ_SCALE ?? '1') || 1);
const RUNS_PER_ROUTE = Math.max(1, Math.round(40 * SCALE));
const TIMEOUT_MS = 30_000 * Math.max(1, SCALE);
/** One API answer within this (ms), whatever was asked. */
const PROMPT_MS = 5_000;

const GET_ROUTES = (Object.keys(API_ROUTES) as ApiRouteName[]).filter((route) => API_ROUTES[route].method === 'GET');

/** The input fields a route declares (its query and path parameters). */
function fieldsOf(route: ApiRouteName): string[] {
  const input: unknown = API_ROUTES[route].input;
  return typeof input === 'object' && input !== null && 'shape' in input ? Object.keys((input as { shape: object }).shape) : [];
}

/** Values that break assumptions: numbers at and past every edge, special strings, any code point. */
const value: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '', ' ', '0', '-0', '-1', '1', '10', '1.5', '1e3', '1e400', '-1e400', 'NaN', 'Infinity', '-Infinity', '0x10', ' 10', '10 ', '+5',
    '9007199254740993', '9223372036854775807', '9223372036854775808', '18446744073709551615', '18446744073709551616', '99999999999999999999',
    '999999999999999999999999999999', '-9223372036854775809', '86400000', '86400001', '604800', '604801', '1000', '1001',
    'true', 'false', 'live', 'incident', 'LIVE', 'error', 'any', 'a=b', '=b', 'k=', '==', 'service.name=checkout', '__proto__', 'constructor',
    '5b8efff798038103d269b633813fc60c', '5B8EFFF798038103D269B633813FC60C', 'eee19b7ec3c1b174', '0'.repeat(32), 'zz'.repeat(16),
    'x'.repeat(257), 'y'.repeat(4_000), '\u0000', '\u202e', '𝄞', 'é', '%', '%25', '%00', "'; DROP TABLE spans; --", '" OR 1=1 --', '*', '?', '\\',
  ),
  fc.integer().map(String),
  fc.double().map(String),
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(String),
  fc.string({ unit: 'binary', maxLength: 24 }),
  fc.string({ maxLength: 24 }),
);

describe('console API query fuzz', () => {
  let server: TestServer;
  const tally = { tried: 0, held: 0, byStatus: new Map<number, number>(), slowestMs: 0 };

  async function get(route: ApiRouteName, url: string, fields: string[]): Promise<void> {
    tally.tried += 1;
    const started = performance.now();
    const response = await fetch(`${server.console.url}${url}`, { signal: AbortSignal.timeout(PROMPT_MS) });
    const text = await response.text();
    const ms = performance.now() - started;
    tally.slowestMs = Math.max(tally.slowestMs, ms);
    expect([200, 400, 404], `${url} → ${response.status} ${text.slice(0, 300)}`).toContain(response.status);
    const body = JSON.parse(text) as { code?: string; message?: string };
    if (response.status === 400) {
      expect(body.code).toBe('BAD_REQUEST');
      // "route: field: why" — the field is one the route declares.
      const field = /^(\w+): ([\w.]+): /.exec(body.message ?? '');
      expect(field, `${url} → ${body.message}`).not.toBeNull();
      expect(field![1]).toBe(route);
      expect(fields).toContain(field![2].split('.')[0]);
    }
    if (response.status === 404) expect(body.code).toBe('NOT_FOUND');
    tally.byStatus.set(response.status, (tally.byStatus.get(response.status) ?? 0) + 1);
    tally.held += 1;
  }

  beforeAll(async () => {
    server = await startTestServer();
    const bodies = await makeOtlpBodies({ traces: 3, logs: 3 });
    for (const signal of ['traces', 'metrics', 'logs'] as const) {
      expect((await postOtlp(`${server.otlpHttp}/v1/${signal}`, bodies[signal].protobuf, { 'Content-Type': 'application/x-protobuf' })).status).toBe(200);
    }
    // An incident open too, so source=incident reads a store rather than answering 404 only.
    const lines = [JSON.parse(bodies.traces.json) as unknown, JSON.parse(bodies.metrics.json) as unknown].map((line) => JSON.stringify(line)).join('\n');
    const response = await fetch(`${server.console.url}/api/incident/file?name=seed.jsonl.gz`, { method: 'PUT', body: zlib.gzipSync(`${lines}\n`) });
    expect(response.status).toBe(200);
    await server.core.incident()!.loaded;
    expect(server.core.incident()!.state()).toMatchObject({ status: 'ready' } satisfies Partial<IncidentState>);
  });

  afterAll(async () => {
    await server.stop();
  });

  it.each(GET_ROUTES)('%s: any query is 200, 400 naming the field, or 404', async (route) => {
    const fields = fieldsOf(route);
    const template = API_ROUTES[route].path;
    const pathNames = [...template.matchAll(/:(\w+)/g)].map((m) => m[1]);
    const queryNames = fields.filter((name) => !pathNames.includes(name));
    const key = fc.oneof({ weight: 4, arbitrary: queryNames.length > 0 ? fc.constantFrom(...queryNames) : fc.constant('x') }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }) });
    const pathValue = fc.oneof(value, fc.constantFrom('5b8efff798038103d269b633813fc60c', 'eee19b7ec3c1b174'));
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(key, value), { maxLength: 6 }),
        fc.array(pathValue, { minLength: pathNames.length, maxLength: pathNames.length }),
        fc.constantFrom('', '', '', '&%E0%A4%A', '&until=%zz', '&%', '&=&&=x'),
        async (params, pathValues, rawTail) => {
          let url: string = template;
          pathNames.forEach((name, i) => {
            url = url.replace(`:${name}`, encodeURIComponent(pathValues[i]) || '%20');
          });
          const query = new URLSearchParams(params).toString();
          await get(route, `${url}?${query}${rawTail}`, fields);
        },
      ),
      { numRuns: RUNS_PER_ROUTE },
    );
  }, TIMEOUT_MS);

  it('named edge cases: the playhead past 2262, windows past their bounds, ids of the wrong case', async () => {
    const cases: [ApiRouteName, string][] = [
      ['recentSpans', '/api/spans/recent?until=9223372036854775807'],
      ['recentSpans', '/api/spans/recent?until=9223372036854775808'],
      ['recentSpans', '/api/spans/recent?until=99999999999999999999&limit=1000&minDurationMs=86400000'],
      ['serviceMap', '/api/service-map?until=9223372036854775807&windowSeconds=604800'],
      ['serviceMap', '/api/service-map?until=0&windowSeconds=604800'],
      ['metricSeries', '/api/metrics/series?name=queue.depth&until=9223372036854775807&windowSeconds=604800'],
      ['metricSeries', '/api/metrics/series?name=queue.depth&until=1&windowSeconds=10'],
      ['hostOverview', '/api/host?until=9223372036854775807&windowSeconds=86400'],
      ['findings', '/api/findings?source=incident&until=9223372036854775807'],
      ['trace', '/api/traces/5B8EFFF798038103D269B633813FC60C'],
      ['traceSpan', '/api/traces/5b8efff798038103d269b633813fc60c/spans/%E0%A4%A'],
      ['recentSpans', '/api/spans/recent?until=%00'],
      ['hostOverview', '/api/host?until=-5e-324'],
      ['serviceMap', '/api/service-map?until=abc'],
      ['recentSpans', '/api/spans/recent?limit=5&limit=2000'],
      ['recentSpans', '/api/spans/recent?attribute=%3D%3D'],
    ];
    for (const [route, url] of cases) await get(route, url, fieldsOf(route));
  });

  it('is still up, and reports', async () => {
    expect((await server.api('/api/health')).status).toBe(200);
    expect(tally.held).toBe(tally.tried);
    const statuses = [...tally.byStatus].sort(([a], [b]) => a - b).map(([status, n]) => `${n}× ${status}`).join(', ');
    recordTrial({
      area: 'bad input',
      trial: `console API query fuzz (${GET_ROUTES.length} GET routes: any values, repeated and unknown parameters)`,
      tried: tally.tried,
      held: tally.held,
      detail: `${statuses}; no 500; every 400 named its field; slowest ${Math.round(tally.slowestMs)} ms`,
    });
  });
});
