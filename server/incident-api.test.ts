// Incidents in the console API: open the bundled demo, watch it load, read its data and findings at a
// playhead, and close it; the live store is untouched throughout.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FindingsResponse, IncidentState, RuleInfo, SpanRow } from '../common/api-contract.ts';
import { startTestServer, type TestServer } from './test-server.ts';

describe('incident API', () => {
  let server: TestServer;
  const call = async <T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> => {
    const response = await fetch(`${server.console.url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as T };
  };

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('says when no incident is open', async () => {
    expect((await call<null>('GET', '/api/incident')).body).toBeNull();
    expect(await call('GET', '/api/findings?source=incident')).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
  });

  it('opens a file uploaded from the browser (streamed to disk), and says what was wrong with a broken one', async () => {
    const upload = async (name: string, body: string) => {
      const response = await fetch(`${server.console.url}/api/incident/file?name=${encodeURIComponent(name)}`, { method: 'PUT', body });
      return { status: response.status, body: (await response.json()) as IncidentState };
    };
    const line = JSON.stringify({ resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'shop' } }] }, scopeSpans: [{ spans: [
      { traceId: '5b8efff798038103d269b633813fc60c', spanId: 'eee19b7ec3c1b174', name: 'GET /', kind: 2, startTimeUnixNano: '1700000000000000000', endTimeUnixNano: '1700000000100000000' },
    ] }] }] });
    const opened = await upload('mine.jsonl', `${line}\nnot json\n`);
    expect(opened.status).toBe(200);
    await server.core.incident()!.loaded;
    const state = (await call<IncidentState>('GET', '/api/incident')).body;
    expect(state).toMatchObject({ status: 'ready', demo: false, counts: { spans: 1 }, problems: 1 });
    await call('DELETE', '/api/incident');
  });

  it('refuses a body that is neither the demo nor a path, by name', async () => {
    expect(await call('POST', '/api/incident', { demo: 'yes' })).toMatchObject({ status: 400, body: { code: 'BAD_REQUEST' } });
  });

  it('opens the demo incident, loads it, and serves its data at a playhead without touching the live store', async () => {
    const opened = await call<IncidentState>('POST', '/api/incident', { demo: true });
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({ demo: true });
    await server.core.incident()!.loaded;
    const state = (await call<IncidentState>('GET', '/api/incident')).body;
    expect(state.status).toBe('ready');
    expect(state.counts.spans).toBeGreaterThan(1000);
    const from = BigInt(state.fromUnixNano!);
    const to = BigInt(state.toUnixNano!);
    expect(to).toBeGreaterThan(from);

    const early = (await call<SpanRow[]>('GET', `/api/spans/recent?source=incident&limit=50&until=${from + 10_000_000_000n}`)).body;
    expect(early.length).toBeGreaterThan(0);
    for (const span of early) expect(BigInt(span.startTimeUnixNano)).toBeLessThan(from + 10_000_000_000n);

    const all = (await call<FindingsResponse>('GET', '/api/findings?source=incident')).body.findings;
    const atStart = (await call<FindingsResponse>('GET', `/api/findings?source=incident&until=${from}`)).body.findings;
    expect(atStart.length).toBeLessThanOrEqual(all.length);
    for (const finding of all) expect(BigInt(finding.detectedAtUnixNano!)).toBeGreaterThan(from);

    // A backtest: the same incident with the pool rule's waiting line raised past anything in it.
    const pool = all.find((f) => f.kind === 'pool_exhaustion');
    expect(pool, 'the demo shows pool exhaustion').toBeDefined();
    const rules = (await call<RuleInfo[]>('GET', '/api/rules')).body;
    const poolRule = rules.find((r) => r.id === 'pool-exhaustion')!;
    expect(poolRule.thresholds.map((t) => t.name)).toContain('waitP95Ms');
    for (const threshold of poolRule.thresholds) expect(threshold.source.length).toBeGreaterThan(10);
    const rerun = await call<IncidentState>('POST', '/api/incident/rerun', { overrides: { 'pool-exhaustion.waitP95Ms': 60_000, 'pool-exhaustion.usedShare': 2 } });
    expect(rerun.body.overrides).toEqual({ 'pool-exhaustion.waitP95Ms': 60_000, 'pool-exhaustion.usedShare': 2 });
    await server.core.incident()!.loaded;
    const relaxed = (await call<FindingsResponse>('GET', '/api/findings?source=incident')).body.findings;
    expect(relaxed.filter((f) => f.kind === 'pool_exhaustion' && f.severity !== 'info')).toEqual([]);

    expect((await call<{ counts: { spans: number } }>('GET', '/api/health')).body.counts.spans).toBe(0);
    expect((await call<null>('DELETE', '/api/incident')).status).toBe(200);
    expect((await call<null>('GET', '/api/incident')).body).toBeNull();
  }, 60_000);
});
