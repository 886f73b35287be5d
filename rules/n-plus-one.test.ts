import { describe, expect, it } from 'vitest';
import type { Span } from '../common/telemetry.ts';
import { buildSpan } from '../fixtures/domain-builders.ts';
import { nPlusOne } from './n-plus-one.ts';
import { thresholdValues } from './rule.ts';
import { evidenceOf, SECOND, T0 } from './test-evidence.ts';
import { msAfter, newSpanId, pgSpan, redisSpan, serverSpan } from './test-spans.ts';

const defaults = thresholdValues(nPlusOne);
const ITEMS_SQL = (orderId: number) => `SELECT oi.order_id, oi.qty, p.name FROM order_items oi JOIN products p ON p.id = oi.product_id WHERE oi.order_id = ${orderId}`;

/** pg's pool.query(): a pg-pool.connect span (the checkout) right before each query. */
function poolConnect(parent: Span, at: bigint, ms = 0.05): Span {
  return buildSpan({
    traceId: parent.traceId,
    spanId: newSpanId(),
    parentSpanId: parent.spanId,
    resource: parent.resource,
    name: 'pg-pool.connect',
    kind: 'client',
    startTimeUnixNano: at,
    endTimeUnixNano: at + BigInt(Math.round(ms * 1e6)),
    attributes: { 'db.system.name': 'postgresql', 'db.namespace': 'shop' },
  });
}

interface LoopOptions {
  repeats: number;
  queryMs: number;
  /** Gap between one query's start and the next one's (ms); less than queryMs makes them overlap. */
  stepMs?: number;
  extraMs?: number;
}

/** One order-history request: the orders query, then one items query per order, each after a pool checkout. */
function historyRequest(trace: number, at: bigint, options: LoopOptions): { spans: Span[]; repeats: Span[] } {
  const step = options.stepMs ?? options.queryMs + 0.2;
  const requestMs = 2 + options.repeats * step + (options.extraMs ?? 1);
  const server = serverSpan(trace, { at, ms: requestMs }, { route: '/customers/:id/orders' });
  const source = pgSpan(server, { at: msAfter(at, 0), ms: 1 }, 'SELECT id, total FROM orders WHERE customer_id = 7 ORDER BY id DESC LIMIT 30');
  const spans: Span[] = [server, source];
  const repeats: Span[] = [];
  for (let i = 0; i < options.repeats; i += 1) {
    const start = at + BigInt(Math.round((1.5 + i * step) * 1e6));
    spans.push(poolConnect(server, start));
    const query = pgSpan(server, { at: start + 100_000n, ms: options.queryMs }, ITEMS_SQL(1000 + i));
    repeats.push(query);
    spans.push(query);
  }
  return { spans, repeats };
}

function requests(count: number, options: LoopOptions): { spans: Span[]; first: Span[] } {
  const all = Array.from({ length: count }, (_, n) => historyRequest(100 + n, T0 + BigInt(n) * SECOND, options));
  return { spans: all.flatMap((r) => r.spans), first: all[0].repeats };
}

describe('n-plus-one', () => {
  it('fires on a loop of identical reads under one request, skipping the pool checkouts between them', () => {
    const { spans, first } = requests(3, { repeats: 30, queryMs: 2 });
    const [finding, ...rest] = nPlusOne.evaluate(evidenceOf({ spans }, T0 + 10n * SECOND), defaults);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ severity: 'critical', service: 'shop', resource: 'shop', onsetUnixNano: first[0].startTimeUnixNano });
    expect(finding.title).toContain('GET /customers/:id/orders');
    expect(finding.evidence.numbers).toMatchObject({ traces: 3, occurrences: 3, 'repeats.median': 30, 'repeats.max': 30 });
    expect(finding.evidence.numbers['queries.summed_median_ms']).toBeCloseTo(60, 5);
    expect(finding.summary).toContain('30 times in a row');
    expect(finding.summary).toContain('3 traces');
    expect(finding.summary).toContain('after "SELECT id, total FROM orders WHERE customer_id = ?');
    // The offending spans are the repeated queries (not the checkouts), earliest first, at most 20.
    expect(finding.evidence.spans.map((s) => s.spanId)).toEqual(first.slice(0, 20).map((s) => s.spanId));
    expect(finding.evidence.traceIds).toHaveLength(3);
    expect(finding.why['eager-loading']).toContain('30 identical queries');
    // The chart: one point per request with its 30 repeats, against the threshold of 5.
    expect(finding.evidence.series).toEqual([
      expect.objectContaining({ metric: 'db.statement.repeats_per_request', threshold: 5, points: [30, 30, 30].map((value) => expect.objectContaining({ value }) as unknown) }),
    ]);
  });

  it('reads the older attribute names (db.statement, db.system) as well', () => {
    const { spans } = requests(2, { repeats: 10, queryMs: 6 });
    const old = spans.map((s) => {
      const text = s.attributes['db.query.text'];
      if (typeof text !== 'string') return s;
      return { ...s, attributes: { 'db.system': 'postgresql', 'db.name': 'shop', 'db.statement': text } };
    });
    const [finding] = nPlusOne.evaluate(evidenceOf({ spans: old }, T0 + 10n * SECOND), defaults);
    expect(finding).toMatchObject({ service: 'shop', resource: 'shop' });
    expect(finding.evidence.numbers['repeats.median']).toBe(10);
  });

  it('is info when only one trace shows the loop, warning when the loop is a small part of the request', () => {
    const one = requests(1, { repeats: 10, queryMs: 6 });
    expect(nPlusOne.evaluate(evidenceOf({ spans: one.spans }, T0 + 10n * SECOND), defaults)[0].severity).toBe('info');
    const slowRest = requests(2, { repeats: 10, queryMs: 6, extraMs: 400 });
    expect(nPlusOne.evaluate(evidenceOf({ spans: slowRest.spans }, T0 + 10n * SECOND), defaults)[0].severity).toBe('warning');
  });

  it('stays quiet on a batched history, on repeated connects, on parallel reads and on cache calls', () => {
    const batched = Array.from({ length: 5 }, (_, n) => {
      const server = serverSpan(n, { at: T0 + BigInt(n) * SECOND, ms: 8 }, { route: '/customers/:id/orders' });
      return [server, pgSpan(server, { at: msAfter(server.startTimeUnixNano, 1), ms: 2 }, 'SELECT id FROM orders WHERE customer_id = 3'), pgSpan(server, { at: msAfter(server.startTimeUnixNano, 4), ms: 3 }, 'SELECT * FROM order_items WHERE order_id = ANY($1)')];
    });
    expect(nPlusOne.evaluate(evidenceOf({ spans: batched.flat() }, T0 + 10n * SECOND), defaults)).toEqual([]);

    // Sentry's false positive: many pg.connect / pg-pool.connect spans around a single query.
    const connects = Array.from({ length: 3 }, (_, n) => {
      const server = serverSpan(10 + n, { at: T0 + BigInt(n) * SECOND, ms: 400 });
      const spans: Span[] = [server];
      for (let i = 0; i < 20; i += 1) spans.push({ ...poolConnect(server, msAfter(server.startTimeUnixNano, i * 15), 12), name: i % 2 === 0 ? 'pg.connect' : 'pg-pool.connect' });
      spans.push(pgSpan(server, { at: msAfter(server.startTimeUnixNano, 350), ms: 5 }, 'SELECT 1'));
      return spans;
    });
    expect(nPlusOne.evaluate(evidenceOf({ spans: connects.flat() }, T0 + 10n * SECOND), defaults)).toEqual([]);

    // Promise.all of 30 reads: they overlap, so they are not a sequential loop.
    const parallel = requests(3, { repeats: 30, queryMs: 20, stepMs: 0.1 });
    expect(nPlusOne.evaluate(evidenceOf({ spans: parallel.spans }, T0 + 10n * SECOND), defaults)).toEqual([]);

    const cache = Array.from({ length: 3 }, (_, n) => {
      const server = serverSpan(20 + n, { at: T0 + BigInt(n) * SECOND, ms: 200 });
      return [server, ...Array.from({ length: 30 }, (_, i) => redisSpan(server, { at: msAfter(server.startTimeUnixNano, i * 5), ms: 4 }, 'get', `product:${i}`))];
    });
    expect(nPlusOne.evaluate(evidenceOf({ spans: cache.flat() }, T0 + 10n * SECOND), defaults)).toEqual([]);
  });

  it('needs 5 repeats and 50 ms of query time: 4 repeats or 49 ms does not fire', () => {
    const at = T0 + 10n * SECOND;
    expect(nPlusOne.evaluate(evidenceOf({ spans: requests(3, { repeats: 4, queryMs: 20 }).spans }, at), defaults)).toEqual([]);
    expect(nPlusOne.evaluate(evidenceOf({ spans: requests(3, { repeats: 5, queryMs: 20 }).spans }, at), defaults)).toHaveLength(1);
    expect(nPlusOne.evaluate(evidenceOf({ spans: requests(3, { repeats: 7, queryMs: 7 }).spans }, at), defaults)).toEqual([]);
    expect(nPlusOne.evaluate(evidenceOf({ spans: requests(3, { repeats: 5, queryMs: 10 }).spans }, at), defaults)).toHaveLength(1);
  });
});
