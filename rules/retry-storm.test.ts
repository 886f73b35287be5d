import { describe, expect, it } from 'vitest';
import type { Span } from '../common/telemetry.ts';
import { buildResource } from '../fixtures/domain-builders.ts';
import { retryStorm } from './retry-storm.ts';
import { thresholdValues } from './rule.ts';
import { evidenceOf, SECOND, T0 } from './test-evidence.ts';
import { calleeServerSpan, httpClientSpan, msAfter, serverSpan } from './test-spans.ts';

const defaults = thresholdValues(retryStorm);
const CHECKOUT = buildResource('checkout');
const INVENTORY = buildResource('inventory');
const AT = T0 + 62n * SECOND;

let traceNo = 0;
/**
 * One checkout request calling inventory: `failures` failed attempts (503, 5 ms), each followed by a retry
 * after `delayMs(i)`, then a success (20 ms). Each attempt reaches inventory (a server span).
 */
function checkout(at: bigint, failures: number, options: { delayMs?: (i: number) => number; url?: string } = {}): Span[] {
  const root = serverSpan((traceNo += 1), { at, ms: 400 }, { resource: CHECKOUT, route: '/checkout' });
  const spans: Span[] = [root];
  let t = msAfter(at, 1);
  for (let i = 0; i <= failures; i += 1) {
    const failed = i < failures;
    const ms = failed ? 5 : 20;
    const client = httpClientSpan(root, { at: t, ms }, options.url ?? 'http://inventory:8080/stock/7', { status: failed ? 503 : 200 });
    spans.push(client, calleeServerSpan(client, { at: msAfter(t, 1), ms: ms - 2 }, INVENTORY, failed ? 503 : 200));
    t = msAfter(t, ms + (options.delayMs?.(traceNo) ?? 100));
  }
  return spans;
}

/** `n` checkouts spaced evenly over [from, from + seconds). */
const many = (n: number, from: bigint, seconds: number, failures: (i: number) => number, options: Parameters<typeof checkout>[2] = {}): Span[] =>
  Array.from({ length: n }, (_, i) => checkout(from + (BigInt(i) * BigInt(seconds) * SECOND) / BigInt(n), failures(i), options)).flat();

describe('retry-storm', () => {
  it('fires when inventory fails and checkout retries every call twice after the same 100 ms, with onset and numbers', () => {
    const spans = [...many(100, T0, 30, () => 0), ...many(60, T0 + 30n * SECOND, 30, () => 2)];
    const [finding, ...rest] = retryStorm.evaluate(evidenceOf({ spans }, AT), defaults);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ severity: 'warning', service: 'checkout', resource: 'inventory:8080', key: 'checkout->inventory:8080' });
    expect(finding.onsetUnixNano).toBe(T0 + 30n * SECOND + 106n * 1_000_000n);
    expect(finding.summary).toContain('120 of 280 calls from checkout to inventory:8080 were retries (43%, budget 10%)');
    expect(finding.summary).toContain('1.8× the load of the 160 calls');
    expect(finding.summary).toContain('Every call waited the same 100 ms');
    expect(finding.evidence.numbers).toMatchObject({ attempts: 280, retries: 120, 'attempts.max_per_call': 3, 'callee.server_spans': 280 });
    const retryIds = new Set(spans.filter((s) => s.kind === 'client' && s.startTimeUnixNano > T0 + 30n * SECOND).map((s) => s.spanId));
    expect(finding.evidence.spans.every((s) => retryIds.has(s.spanId))).toBe(true);
  });

  it('is critical when a call takes more than 3 attempts, and says when retries are jittered', () => {
    const spans = [...many(100, T0, 30, () => 0), ...many(20, T0 + 30n * SECOND, 30, () => 3, { delayMs: (i) => 50 + (i % 5) * 40 })];
    const [finding] = retryStorm.evaluate(evidenceOf({ spans }, AT), defaults);
    expect(finding.severity).toBe('critical');
    expect(finding.summary).toContain('Some calls took 4 attempts, over the 3-attempt cap');
    expect(finding.summary).toContain('with jitter');
  });

  it('counts attempts recorded with http.request.resend_count', () => {
    const spans = Array.from({ length: 40 }, (_, i) => {
      const root = serverSpan((traceNo += 1), { at: T0 + BigInt(i) * SECOND, ms: 50 }, { resource: CHECKOUT });
      return [root, ...[0, 1, 2].map((resend) => httpClientSpan(root, { at: msAfter(root.startTimeUnixNano, resend * 10), ms: 5 }, `http://payments:9000/charge/${i}`, { resendCount: resend }))];
    }).flat();
    const [finding] = retryStorm.evaluate(evidenceOf({ spans }, AT), defaults);
    expect(finding).toMatchObject({ resource: 'payments:9000', severity: 'critical' });
    expect(finding.evidence.numbers).toMatchObject({ attempts: 120, retries: 80, amplification: 3 });
  });

  it('stays quiet on healthy calls, on fan-out to one service, and on repeated successful calls', () => {
    expect(retryStorm.evaluate(evidenceOf({ spans: many(200, T0, 60, () => 0) }, AT), defaults)).toEqual([]);
    // N+1 over HTTP: ten calls to the same service with different URLs, all fine.
    const fanOut = Array.from({ length: 30 }, (_, i) => {
      const root = serverSpan((traceNo += 1), { at: T0 + BigInt(i) * SECOND, ms: 200 }, { resource: CHECKOUT });
      return [root, ...Array.from({ length: 10 }, (_, j) => httpClientSpan(root, { at: msAfter(root.startTimeUnixNano, j * 15), ms: 10 }, `http://inventory:8080/stock/${j}`, { status: 200 }))];
    }).flat();
    expect(retryStorm.evaluate(evidenceOf({ spans: fanOut }, AT), defaults)).toEqual([]);
    // Polling the same URL with successes is not retrying.
    const polling = Array.from({ length: 30 }, (_, i) => {
      const root = serverSpan((traceNo += 1), { at: T0 + BigInt(i) * SECOND, ms: 200 }, { resource: CHECKOUT });
      return [root, ...Array.from({ length: 5 }, (_, j) => httpClientSpan(root, { at: msAfter(root.startTimeUnixNano, j * 30), ms: 10 }, 'http://inventory:8080/jobs/1', { status: 200 }))];
    }).flat();
    expect(retryStorm.evaluate(evidenceOf({ spans: polling }, AT), defaults)).toEqual([]);
  });

  it('needs retries to reach 10% of calls, and 10 retries at least', () => {
    // 100 calls; 10 of them retried once: 10 of 110 attempts (9.1%) stays quiet, 12 of 112 (10.7%) fires.
    const mix = (retried: number) => many(100, T0, 60, (i) => (i < retried ? 1 : 0));
    expect(retryStorm.evaluate(evidenceOf({ spans: mix(10) }, AT), defaults)).toEqual([]);
    expect(retryStorm.evaluate(evidenceOf({ spans: mix(12) }, AT), defaults)).toHaveLength(1);
    expect(retryStorm.evaluate(evidenceOf({ spans: many(11, T0, 60, (i) => (i < 9 ? 1 : 0)) }, AT), defaults)).toEqual([]);
  });
});
