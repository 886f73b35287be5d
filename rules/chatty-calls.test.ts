import { describe, expect, it } from 'vitest';
import type { Span } from '../common/telemetry.ts';
import { chattyCalls } from './chatty-calls.ts';
import { pathTemplate } from './outbound-calls.ts';
import { thresholdValues } from './rule.ts';
import { evidenceOf, SECOND, T0 } from './test-evidence.ts';
import { httpClientSpan, msAfter, pgSpan, serverSpan } from './test-spans.ts';

const defaults = thresholdValues(chattyCalls);
const at = T0 + 30n * SECOND;

interface CallPlan {
  url: (i: number) => string;
  ms: number;
  /** Time from one call's end to the next one's start (ms); negative overlaps them. */
  gapMs?: number;
  status?: number;
  resendCount?: number;
}

/** Requests that each make `count` calls one after another. */
function requests(traces: number, count: number, plan: CallPlan): { spans: Span[]; firstCalls: Span[] } {
  const gap = plan.gapMs ?? 0.5;
  const all = Array.from({ length: traces }, (_, n) => {
    const start = T0 + BigInt(n) * 5n * SECOND;
    const server = serverSpan(700 + n, { at: start, ms: 2 + count * (plan.ms + gap) }, { route: '/cart/:id' });
    const calls = Array.from({ length: count }, (_, i) =>
      httpClientSpan(server, { at: start + BigInt(Math.round((1 + i * (plan.ms + gap)) * 1e6)), ms: plan.ms }, plan.url(i), { status: plan.status ?? 200, ...(plan.resendCount === undefined ? {} : { resendCount: plan.resendCount }) }),
    );
    return { spans: [server, ...calls], calls };
  });
  return { spans: all.flatMap((r) => r.spans), firstCalls: all[0].calls };
}

const stock = (i: number) => `http://inventory.internal:8080/stock/${1000 + i}?fields=qty`;
const services = (i: number) => ['http://pricing.internal:8080/quote', 'http://tax.internal:8080/rate', 'http://shipping.internal:8080/estimate'][i % 3];

describe('chatty-calls', () => {
  it('fires on many calls to one endpoint template under one request', () => {
    const { spans, firstCalls } = requests(3, 20, { url: stock, ms: 20 });
    const [finding, ...rest] = chattyCalls.evaluate(evidenceOf({ spans }, at), defaults);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ severity: 'critical', service: 'shop', resource: 'GET inventory.internal:8080/stock/{id}', onsetUnixNano: firstCalls[0].startTimeUnixNano });
    expect(finding.evidence.numbers).toMatchObject({ traces: 3, 'calls.median': 20, 'calls.max': 20, 'calls.total_median_ms': 400 });
    expect(finding.summary).toContain('20 times');
    expect(finding.evidence.spans.map((s) => s.spanId)).toEqual(firstCalls.map((s) => s.spanId));
  });

  it('fires on slow independent calls made one after another, with the time parallel calls would save', () => {
    const { spans } = requests(2, 3, { url: services, ms: 1200, gapMs: 100 });
    const [finding] = chattyCalls.evaluate(evidenceOf({ spans }, at), defaults);
    expect(finding.title).toBe('Sequential slow calls in GET /cart/:id');
    expect(finding.evidence.numbers['saved_if_parallel.median_ms']).toBeCloseTo(2400, 5);
    expect(finding.summary).toContain('3 slow calls to 3 endpoints');
    expect(finding.severity).toBe('critical');
  });

  it('stays quiet on a few calls, on retries, on failing calls, on parallel calls and on database spans', () => {
    expect(chattyCalls.evaluate(evidenceOf({ spans: requests(3, 9, { url: stock, ms: 50 }).spans }, at), defaults)).toEqual([]);
    expect(chattyCalls.evaluate(evidenceOf({ spans: requests(3, 12, { url: () => 'http://inventory.internal:8080/stock/1', ms: 50, resendCount: 1 }).spans }, at), defaults)).toEqual([]);
    expect(chattyCalls.evaluate(evidenceOf({ spans: requests(3, 12, { url: stock, ms: 50, status: 503 }).spans }, at), defaults)).toEqual([]);
    expect(chattyCalls.evaluate(evidenceOf({ spans: requests(3, 3, { url: services, ms: 1200, gapMs: -1150 }).spans }, at), defaults)).toEqual([]);
    const db = Array.from({ length: 3 }, (_, n) => {
      const server = serverSpan(800 + n, { at: T0 + BigInt(n) * SECOND, ms: 500 });
      return [server, ...Array.from({ length: 20 }, (_, i) => pgSpan(server, { at: msAfter(server.startTimeUnixNano, i * 21), ms: 20 }, `SELECT * FROM stock WHERE sku = ${i}`))];
    });
    expect(chattyCalls.evaluate(evidenceOf({ spans: db.flat() }, at), defaults)).toEqual([]);
  });

  it('boundary: 10 calls need 300 ms in total; 3 slow calls need gaps of at most 500 ms and 2 s to save', () => {
    expect(chattyCalls.evaluate(evidenceOf({ spans: requests(3, 10, { url: stock, ms: 29.9 }).spans }, at), defaults)).toEqual([]);
    expect(chattyCalls.evaluate(evidenceOf({ spans: requests(3, 10, { url: stock, ms: 30 }).spans }, at), defaults)).toHaveLength(1);
    expect(chattyCalls.evaluate(evidenceOf({ spans: requests(3, 3, { url: services, ms: 1000, gapMs: 501 }).spans }, at), defaults)).toEqual([]);
    expect(chattyCalls.evaluate(evidenceOf({ spans: requests(3, 3, { url: services, ms: 1000, gapMs: 500 }).spans }, at), defaults)).toHaveLength(1);
    expect(chattyCalls.evaluate(evidenceOf({ spans: requests(3, 3, { url: services, ms: 999, gapMs: 100 }).spans }, at), defaults)).toEqual([]);
  });

  it('templates paths so different ids count as one endpoint', () => {
    expect(pathTemplate('/stock/12345')).toBe('/stock/{id}');
    expect(pathTemplate('/users/3f2b8c1e-1a2b-4c3d-8e9f-001122334455/cart?x=1')).toBe('/users/{uuid}/cart');
    expect(pathTemplate('/v2/products/search')).toBe('/v2/products/search');
  });
});
