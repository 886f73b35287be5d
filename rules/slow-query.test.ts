import { describe, expect, it } from 'vitest';
import type { Span } from '../common/telemetry.ts';
import { thresholdValues } from './rule.ts';
import { slowQuery } from './slow-query.ts';
import { evidenceOf, SECOND, T0 } from './test-evidence.ts';
import { msAfter, pgSpan, redisSpan, serverSpan } from './test-spans.ts';

const defaults = thresholdValues(slowQuery);
const REPORT_SQL = (customer: number) => `SELECT customer_id, count(*), sum(total) FROM orders WHERE customer_id = ${customer} GROUP BY customer_id`;

/** One request per second from `fromSecond`, each running `sql` for queryMs inside a request of requestMs. */
function runs(count: number, queryMs: (i: number) => number, options: { fromSecond?: number; requestMs?: number; sql?: (i: number) => string; trace?: number } = {}): Span[] {
  return Array.from({ length: count }, (_, i) => {
    const at = T0 + BigInt((options.fromSecond ?? 0) + i) * SECOND;
    const ms = queryMs(i);
    const server = serverSpan((options.trace ?? 0) + i, { at, ms: options.requestMs ?? ms + 20 }, { route: '/customers/:id/report' });
    return [server, pgSpan(server, { at: msAfter(at, 5), ms }, (options.sql ?? REPORT_SQL)(i))];
  }).flat();
}

const queries = (spans: Span[]) => spans.filter((s) => s.kind === 'client');

describe('slow-query', () => {
  it('fires critical when one statement shape is slow and is most of its requests’ time', () => {
    const spans = runs(6, (i) => 700 + i * 20);
    const [finding, ...rest] = slowQuery.evaluate(evidenceOf({ spans }, T0 + 10n * SECOND), defaults);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ severity: 'critical', service: 'shop', resource: 'shop', onsetUnixNano: queries(spans)[0].startTimeUnixNano });
    expect(finding.evidence.numbers).toMatchObject({ runs: 6, 'duration.p95_ms': 800, 'duration.max_ms': 800, 'runs.slow': 6 });
    expect(finding.summary).toContain('800 ms at p95');
    expect(finding.summary).toContain('6 runs');
    expect(finding.evidence.spans[0].spanId).toBe(queries(spans)[5].spanId);
    expect(finding.why['materialized-views']).toContain('aggregates');
  });

  it('catches a recent slowdown that the fast runs before it would hide, with a before/after comparison', () => {
    const fast = runs(80, () => 4, { fromSecond: 0 });
    const slow = runs(4, () => 900, { fromSecond: 90, trace: 500 });
    const [finding] = slowQuery.evaluate(evidenceOf({ spans: [...fast, ...slow] }, T0 + 100n * SECOND), defaults);
    expect(finding).toMatchObject({ onsetUnixNano: queries(slow)[0].startTimeUnixNano });
    // Over the last 30 s: the 10 fast runs of seconds 70–79 and the 4 slow ones.
    expect(finding.evidence.numbers).toMatchObject({ runs: 14, 'runs.slow': 4, 'duration.p95_ms': 900 });
    expect(finding.evidence.comparison?.[0]).toMatchObject({ before: 4, after: 900, unit: 'ms' });
  });

  it('is info when the slow statement is a small part of long requests', () => {
    const [finding] = slowQuery.evaluate(evidenceOf({ spans: runs(5, () => 600, { requestMs: 10_000 }) }, T0 + 20n * SECOND), defaults);
    expect(finding.severity).toBe('info');
  });

  it('stays quiet on fast queries, one outlier, slow COMMITs and slow cache calls', () => {
    const at = T0 + 60n * SECOND;
    expect(slowQuery.evaluate(evidenceOf({ spans: runs(50, () => 40) }, at), defaults)).toEqual([]);
    expect(slowQuery.evaluate(evidenceOf({ spans: runs(50, (i) => (i === 10 ? 3000 : 40)) }, at), defaults)).toEqual([]);
    expect(slowQuery.evaluate(evidenceOf({ spans: runs(10, () => 900, { sql: () => 'COMMIT' }) }, at), defaults)).toEqual([]);
    const cache = Array.from({ length: 10 }, (_, i) => {
      const server = serverSpan(900 + i, { at: T0 + BigInt(i) * SECOND, ms: 1000 });
      return [server, redisSpan(server, { at: msAfter(server.startTimeUnixNano, 1), ms: 900 }, 'keys', 'product:*')];
    });
    expect(slowQuery.evaluate(evidenceOf({ spans: cache.flat() }, at), defaults)).toEqual([]);
  });

  it('boundary: p95 of 499 ms or only 2 runs does not fire; 500 ms over 3 runs does', () => {
    const at = T0 + 20n * SECOND;
    expect(slowQuery.evaluate(evidenceOf({ spans: runs(5, () => 499) }, at), defaults)).toEqual([]);
    expect(slowQuery.evaluate(evidenceOf({ spans: runs(2, () => 900) }, at), defaults)).toEqual([]);
    expect(slowQuery.evaluate(evidenceOf({ spans: runs(3, () => 500) }, at), defaults)).toHaveLength(1);
  });
});
