import { describe, expect, it } from 'vitest';
import type { Attributes, MetricPoint, Span } from '../common/telemetry.ts';
import { buildMetricPoint, buildResource, buildSpan } from '../fixtures/domain-builders.ts';
import { poolExhaustion } from './pool-exhaustion.ts';
import { thresholdValues } from './rule.ts';
import { evidenceOf, SECOND, T0 } from './test-evidence.ts';
import { newSpanId, pgSpan, serverSpan } from './test-spans.ts';

const defaults = thresholdValues(poolExhaustion);
const shop = buildResource('shop');
const POOL = 'db.internal:5432/shop';
const MS = 1_000_000n;

/** Pool metrics as instrumentation-pg exports them (up-down counters), every 2 s over `seconds`. */
function poolSeries(seconds: number, at: (second: number) => { used: number; idle?: number; max: number; pending: number }, pool = POOL, resource = shop): MetricPoint[] {
  const points: MetricPoint[] = [];
  const level = (name: string, value: number, attributes: Attributes, second: number) =>
    buildMetricPoint({ type: 'sum', value, temporality: 'cumulative', monotonic: false }, { resource, name, unit: '{connection}', attributes, timeUnixNano: T0 + BigInt(second) * SECOND });
  for (let s = 0; s <= seconds; s += 2) {
    const v = at(s);
    const tag = { 'db.client.connection.pool.name': pool };
    points.push(
      level('db.client.connection.count', v.used, { ...tag, 'db.client.connection.state': 'used' }, s),
      level('db.client.connection.count', v.idle ?? 0, { ...tag, 'db.client.connection.state': 'idle' }, s),
      level('db.client.connection.max', v.max, tag, s),
      level('db.client.connection.pending_requests', v.pending, tag, s),
    );
  }
  return points;
}

/** Two requests a second for `seconds`; each checks out a connection (waitMs) and then runs a query (queryMs). */
function requests(seconds: number, waitMs: (second: number) => number, options: { queryMs?: number; acquireSpans?: boolean; perSecond?: number } = {}): { spans: Span[]; acquires: Span[] } {
  const spans: Span[] = [];
  const acquires: Span[] = [];
  const perSecond = options.perSecond ?? 2;
  const queryMs = options.queryMs ?? 40;
  for (let i = 0; i < seconds * perSecond; i += 1) {
    const second = Math.floor(i / perSecond);
    const at = T0 + BigInt(Math.floor((i * 1e9) / perSecond));
    const wait = waitMs(second);
    const server = serverSpan(5000 + i, { at, ms: wait + queryMs + 2 }, { route: '/customers/:id/report' });
    spans.push(server);
    const checkout = at + MS + BigInt(Math.round(wait * 1e6));
    if (options.acquireSpans !== false) {
      const acquire = buildSpan({ traceId: server.traceId, spanId: newSpanId(), parentSpanId: server.spanId, resource: server.resource, name: 'pg-pool.connect', kind: 'client', startTimeUnixNano: at + MS, endTimeUnixNano: checkout, attributes: { 'db.system.name': 'postgresql', 'db.namespace': 'shop', 'server.address': 'db.internal', 'server.port': 5432 } });
      spans.push(acquire);
      acquires.push(acquire);
    }
    spans.push(pgSpan(server, { at: checkout, ms: queryMs }, 'SELECT count(*) FROM orders WHERE customer_id = 4', { server: 'db.internal', port: 5432 }));
  }
  return { spans, acquires };
}

const full = { used: 2, max: 2, pending: 30 };
const calm = { used: 1, idle: 1, max: 2, pending: 0 };

describe('pool-exhaustion', () => {
  it('fires critical from full-pool metrics and long checkout waits, with onset, the numbers and the longest waits', () => {
    const metricPoints = poolSeries(60, (s) => (s < 20 ? calm : full));
    const { spans, acquires } = requests(60, (s) => (s < 20 ? 0.2 : s === 40 ? 950 : 800));
    // At 61 s every request has ended (the last one started at 59.5 s and waited 800 ms).
    const [finding, ...rest] = poolExhaustion.evaluate(evidenceOf({ spans, metricPoints }, T0 + 61n * SECOND), defaults);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ severity: 'critical', service: 'shop', resource: POOL, key: `shop:${POOL}`, onsetUnixNano: T0 + 20n * SECOND, confidence: 0.9 });
    expect(finding.evidence.numbers).toMatchObject({ 'pool.max': 2, 'pool.used.peak': 2, 'pending.peak': 30, 'wait.p95_ms': 800, 'requests.waiting': 80 });
    // The run's first 5 s bucket also holds a few requests from just before the onset.
    expect(finding.evidence.numbers.requests).toBeLessThanOrEqual(90);
    expect(finding.evidence.numbers['wait.share']).toBeGreaterThan(0.9);
    expect(finding.summary).toContain('2/2 connections in use');
    expect(finding.summary).toContain('up to 30 requests waiting');
    expect(finding.summary).toContain('p95 wait 800 ms');
    expect(finding.evidence.spans[0].spanId).toBe(acquires.find((a) => a.endTimeUnixNano - a.startTimeUnixNano === 950n * MS)?.spanId);
    expect(finding.evidence.comparison?.[0].after).toBeGreaterThan(800);
  });

  it('reads the older db.client.connections.* names and fires on metrics alone at lower confidence', () => {
    const renamed = poolSeries(40, () => ({ used: 10, max: 10, pending: 4 })).map((p) => ({
      ...p,
      name: p.name.replace('db.client.connection.count', 'db.client.connections.usage').replace('db.client.connection.', 'db.client.connections.'),
      attributes: { 'pool.name': 'main', ...(p.attributes['db.client.connection.state'] === undefined ? {} : { state: p.attributes['db.client.connection.state'] }) },
    }));
    const [finding] = poolExhaustion.evaluate(evidenceOf({ metricPoints: renamed }, T0 + 40n * SECOND), defaults);
    expect(finding).toMatchObject({ severity: 'warning', key: 'shop:main', confidence: 0.7, onsetUnixNano: T0 });
    expect(finding.summary).toContain('10/10 connections in use for 40 s with up to 4 requests waiting');
  });

  it('sets impossible pool metrics aside and judges from the checkout spans', () => {
    const broken = [...poolSeries(40, () => ({ used: 3000, max: 10, pending: 0 })), ...poolSeries(40, () => ({ used: -2997, max: 10, pending: 0 }), 'replica')];
    expect(poolExhaustion.evaluate(evidenceOf({ metricPoints: broken, spans: requests(40, () => 0.3).spans }, T0 + 40n * SECOND), defaults)).toEqual([]);
    const [finding] = poolExhaustion.evaluate(evidenceOf({ metricPoints: broken, spans: requests(40, () => 300).spans }, T0 + 40n * SECOND), defaults);
    expect(finding).toMatchObject({ severity: 'critical', confidence: 0.75 });
    expect(finding.summary).toContain('Pool metrics were set aside: 3000 connections in use with a maximum of 10');
  });

  it('stays quiet on a healthy pool, on a busy pool nobody waits for, and on slow queries with instant checkouts', () => {
    const at = T0 + 60n * SECOND;
    expect(poolExhaustion.evaluate(evidenceOf({ metricPoints: poolSeries(60, () => ({ used: 3, idle: 7, max: 10, pending: 0 })), spans: requests(60, () => 0.2).spans }, at), defaults)).toEqual([]);
    expect(poolExhaustion.evaluate(evidenceOf({ metricPoints: poolSeries(60, () => ({ used: 10, max: 10, pending: 0 })) }, at), defaults)).toEqual([]);
    expect(poolExhaustion.evaluate(evidenceOf({ spans: requests(60, () => 0.3, { queryMs: 900 }).spans }, at), defaults)).toEqual([]);
  });

  it('boundary: a p95 wait of 49 ms or waiting below 20% of request time does not fire; 50 ms does', () => {
    const at = T0 + 30n * SECOND;
    expect(poolExhaustion.evaluate(evidenceOf({ spans: requests(30, () => 49).spans }, at), defaults)).toEqual([]);
    expect(poolExhaustion.evaluate(evidenceOf({ spans: requests(30, () => 60, { queryMs: 300 }).spans }, at), defaults)).toEqual([]);
    const [finding] = poolExhaustion.evaluate(evidenceOf({ spans: requests(30, () => 50, { queryMs: 60 }).spans }, at), defaults);
    expect(finding.severity).toBe('warning');
    expect(finding.evidence.numbers['wait.share']).toBeCloseTo(50 / 112, 2);
  });

  it('boundary: requests pending for 8 s do not fire, for 10 s they do', () => {
    const burst = (seconds: number) => poolSeries(40, (s) => (s >= 10 && s <= 10 + seconds ? full : calm));
    expect(poolExhaustion.evaluate(evidenceOf({ metricPoints: burst(8) }, T0 + 40n * SECOND), defaults)).toEqual([]);
    expect(poolExhaustion.evaluate(evidenceOf({ metricPoints: burst(10) }, T0 + 40n * SECOND), defaults)).toHaveLength(1);
  });

  it('without checkout spans, fires (warning, low confidence) on a pre-query gap that grows with concurrency only', () => {
    const at = T0 + 60n * SECOND;
    // Quiet first half: one request at a time, 1 ms before the query. Then 6 a second overlapping, 400 ms before it.
    const quiet = requests(20, () => 1, { acquireSpans: false, perSecond: 1, queryMs: 5 }).spans;
    const busy = requests(40, () => 400, { acquireSpans: false, perSecond: 6 }).spans.map((s) => ({ ...s, startTimeUnixNano: s.startTimeUnixNano + 20n * SECOND, endTimeUnixNano: s.endTimeUnixNano + 20n * SECOND }));
    const [finding] = poolExhaustion.evaluate(evidenceOf({ spans: [...quiet, ...busy] }, at), defaults);
    expect(finding).toMatchObject({ severity: 'warning', confidence: 0.45, key: 'shop:shop' });
    expect(finding.summary).toContain('before their first query');
    // The same 400 ms of setup before every query, also when alone, is not a pool wait.
    const setup = requests(60, () => 400, { acquireSpans: false, perSecond: 1 }).spans;
    expect(poolExhaustion.evaluate(evidenceOf({ spans: setup }, at), defaults)).toEqual([]);
  });
});
