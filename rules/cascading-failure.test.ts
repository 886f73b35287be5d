import { describe, expect, it } from 'vitest';
import type { Span } from '../common/telemetry.ts';
import { buildResource, buildSpan } from '../fixtures/domain-builders.ts';
import { cascadingFailure } from './cascading-failure.ts';
import { thresholdValues } from './rule.ts';
import { evidenceOf, SECOND, T0 } from './test-evidence.ts';
import { httpClientSpan, msAfter, newSpanId, pgSpan, serverSpan } from './test-spans.ts';

const defaults = thresholdValues(cascadingFailure);
const CHECKOUT = buildResource('checkout');
const AT = T0 + 92n * SECOND;

let traceNo = 0;
interface Call {
  ms: number;
  status?: number;
  errorType?: string;
  /** The caller's own time besides the call (ms). */
  ownMs?: number;
  /** The caller's answer (default 200, or 504 when the call timed out). */
  callerStatus?: number;
}

/** A checkout request calling inventory once; 4 per second from `from` for `seconds`. */
function checkouts(from: bigint, seconds: number, call: Call): Span[] {
  return Array.from({ length: seconds * 4 }, (_, i) => {
    const at = from + BigInt(i) * 250_000_000n;
    const own = call.ownMs ?? 5;
    const root = serverSpan((traceNo += 1), { at, ms: call.ms + own }, { resource: CHECKOUT, route: '/checkout', status: call.callerStatus ?? 200 });
    return [root, httpClientSpan(root, { at: msAfter(at, 2), ms: call.ms }, 'http://inventory:8080/stock/7', { status: call.status ?? 200, errorType: call.errorType })];
  }).flat();
}

const healthy = (seconds = 60) => checkouts(T0, seconds, { ms: 20 });

describe('cascading-failure', () => {
  it('fires when inventory slows down and the checkout requests slow with it, with onset and before/after numbers', () => {
    const slow = checkouts(T0 + 60n * SECOND, 30, { ms: 800 });
    const [finding, ...rest] = cascadingFailure.evaluate(evidenceOf({ spans: [...healthy(), ...slow] }, AT), defaults);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ severity: 'warning', service: 'checkout', resource: 'inventory:8080', title: 'inventory:8080 is dragging checkout' });
    expect(finding.onsetUnixNano).toBe(T0 + 60n * SECOND + 2_000_000n);
    expect(finding.summary).toContain('inventory:8080 slowed from p95 20 ms to 800 ms over 120 calls');
    expect(finding.summary).toContain('requests of checkout that called it went from p95 25 ms to 805 ms');
    expect(finding.evidence.numbers['callers.time_share_in_dependency']).toBeCloseTo(800 / 805, 3);
    expect(finding.evidence.numbers['callers.latency_correlation']).toBeGreaterThan(0.99);
    expect(finding.summary).toContain('their latency moved with it, r = 1.00');
    const slowIds = new Set(slow.map((s) => s.spanId));
    expect(finding.evidence.spans.every((s) => slowIds.has(s.spanId))).toBe(true);
  });

  it('is critical when the dependency times out and the callers fail with it', () => {
    const failing = checkouts(T0 + 60n * SECOND, 30, { ms: 1000, status: undefined, errorType: 'ETIMEDOUT', callerStatus: 504 });
    const [finding] = cascadingFailure.evaluate(evidenceOf({ spans: [...healthy(), ...failing] }, AT), defaults);
    expect(finding.severity).toBe('critical');
    expect(finding.summary).toContain('failed 100% of 120 calls (was 0%)');
    expect(finding.summary).toContain('100% failing (was 0%)');
    expect(finding.summary).toContain('240 spans timed out');
  });

  it('stays quiet when all is well, when a slow dependency does not hold callers up, when the caller is slow on its own, and on pool waits', () => {
    expect(cascadingFailure.evaluate(evidenceOf({ spans: healthy(90) }, AT), defaults)).toEqual([]);
    // Fire-and-forget: the dependency is slow but callers answer before it (their latency is unchanged).
    const detached = Array.from({ length: 120 }, (_, i) => {
      const at = T0 + 60n * SECOND + BigInt(i) * 250_000_000n;
      const root = serverSpan((traceNo += 1), { at, ms: 25 }, { resource: CHECKOUT });
      return [root, httpClientSpan(root, { at: msAfter(at, 2), ms: 800 }, 'http://inventory:8080/stock/7', { status: 200 })];
    }).flat();
    expect(cascadingFailure.evaluate(evidenceOf({ spans: [...healthy(), ...detached] }, AT), defaults)).toEqual([]);
    // The caller burns 800 ms itself (CPU); inventory answers as fast as ever.
    expect(cascadingFailure.evaluate(evidenceOf({ spans: [...healthy(), ...checkouts(T0 + 60n * SECOND, 30, { ms: 20, ownMs: 800 })] }, AT), defaults)).toEqual([]);
    // Waiting for a pooled connection is the caller's queue, not the database slowing down.
    const poolWaits = Array.from({ length: 360 }, (_, i) => {
      const at = T0 + BigInt(i) * 250_000_000n;
      const wait = i >= 240 ? 800 : 1;
      const root = serverSpan((traceNo += 1), { at, ms: wait + 5 });
      const acquire = buildSpan({ traceId: root.traceId, spanId: newSpanId(), parentSpanId: root.spanId, resource: root.resource, kind: 'client', name: 'pg-pool.connect', startTimeUnixNano: msAfter(at, 1), endTimeUnixNano: msAfter(at, 1 + wait), attributes: { 'db.system.name': 'postgresql', 'db.namespace': 'shop' } });
      return [root, acquire, pgSpan(root, { at: msAfter(at, wait + 2), ms: 2 }, 'SELECT 1 FROM orders WHERE id = $1')];
    }).flat();
    expect(cascadingFailure.evaluate(evidenceOf({ spans: poolWaits }, AT), defaults)).toEqual([]);
  });

  it('stays quiet when only the mix changes: more calls of a slow report, each as fast as ever', () => {
    const request = (at: bigint, report: boolean) => {
      const ms = report ? 300 : 2;
      const root = serverSpan((traceNo += 1), { at, ms: ms + 5 }, { route: report ? '/customers/:id/report' : '/orders/:id' });
      return [root, pgSpan(root, { at: msAfter(at, 2), ms }, report ? 'SELECT sum(total) FROM orders WHERE customer_id = $1' : 'SELECT id FROM orders WHERE id = $1')];
    };
    const spans = Array.from({ length: 360 }, (_, i) => request(T0 + BigInt(i) * 250_000_000n, i < 240 ? i % 33 === 0 : i % 5 !== 0)).flat();
    expect(cascadingFailure.evaluate(evidenceOf({ spans }, AT), defaults)).toEqual([]);
  });

  it('needs calls 3× slower than usual: 290 ms over 100 ms stays quiet, 310 ms fires', () => {
    const run = (ms: number) => cascadingFailure.evaluate(evidenceOf({ spans: [...checkouts(T0, 60, { ms: 100 }), ...checkouts(T0 + 60n * SECOND, 30, { ms })] }, AT), defaults);
    expect(run(290)).toEqual([]);
    expect(run(310)).toHaveLength(1);
  });

  it('needs the degradation to last 10 s: slow calls over 9.75 s stay quiet, over 10.75 s fire', () => {
    // Calls every 250 ms: 40 slow calls span 9.75 s from the first to the last, 44 span 10.75 s.
    const run = (slowCalls: number) => {
      const slowFrom = T0 + 90n * SECOND - BigInt(slowCalls) * 250_000_000n;
      const spans = [...checkouts(T0, 90, { ms: 20 }).filter((s) => s.startTimeUnixNano < slowFrom), ...checkouts(slowFrom, 30, { ms: 800 }).filter((s) => s.startTimeUnixNano < T0 + 90n * SECOND)];
      return cascadingFailure.evaluate(evidenceOf({ spans }, AT), defaults);
    };
    expect(run(40)).toEqual([]);
    expect(run(44)).toHaveLength(1);
  });
});
