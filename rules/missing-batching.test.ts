import { describe, expect, it } from 'vitest';
import type { Span } from '../common/telemetry.ts';
import { missingBatching } from './missing-batching.ts';
import { thresholdValues } from './rule.ts';
import { evidenceOf, SECOND, T0 } from './test-evidence.ts';
import { pgSpan, serverSpan } from './test-spans.ts';

const defaults = thresholdValues(missingBatching);
const INSERT = (i: number) => `INSERT INTO events (tenant_id, kind, amount) VALUES (${i}, 'click', ${i}.5)`;

/** Requests that each write `writes` rows one statement after another, `writeMs` each. */
function importRequests(count: number, writes: number, writeMs: number, sql: (i: number) => string = INSERT): { spans: Span[]; firstWrites: Span[] } {
  const all = Array.from({ length: count }, (_, n) => {
    const at = T0 + BigInt(n) * SECOND;
    const server = serverSpan(300 + n, { at, ms: 2 + writes * (writeMs + 0.1) }, { route: '/events/import' });
    const rows = Array.from({ length: writes }, (_, i) => pgSpan(server, { at: at + BigInt(Math.round((1 + i * (writeMs + 0.1)) * 1e6)), ms: writeMs }, sql(i)));
    return { spans: [server, ...rows], rows };
  });
  return { spans: all.flatMap((r) => r.spans), firstWrites: all[0].rows };
}

/** `perSecond` requests a second for `seconds`, each writing one row. */
function ingest(perSecond: number, seconds: number, sql: (i: number) => string = INSERT): Span[] {
  const spans: Span[] = [];
  for (let i = 0; i < perSecond * seconds; i += 1) {
    const at = T0 + BigInt(Math.floor((i * 1e9) / perSecond));
    const server = serverSpan(10_000 + i, { at, ms: 3 }, { route: '/events' });
    spans.push(server, pgSpan(server, { at: at + 500_000n, ms: 2 }, sql(i)));
  }
  return spans;
}

describe('missing-batching', () => {
  it('fires on a loop of single-row inserts in one request, with the offending writes', () => {
    const { spans, firstWrites } = importRequests(3, 40, 2);
    const [finding, ...rest] = missingBatching.evaluate(evidenceOf({ spans }, T0 + 10n * SECOND), defaults);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ severity: 'critical', service: 'shop', resource: 'shop', onsetUnixNano: firstWrites[0].startTimeUnixNano });
    expect(finding.evidence.numbers).toMatchObject({ traces: 3, 'writes.per_request_median': 40, 'writes.per_request_max': 40 });
    expect(finding.evidence.numbers['writes.summed_median_ms']).toBeCloseTo(80, 5);
    expect(finding.summary).toContain('40 times one row at a time in 3 traces');
    expect(finding.title).toContain('GET /events/import');
    expect(finding.evidence.spans.map((s) => s.spanId)).toEqual(firstWrites.slice(0, 20).map((s) => s.spanId));
  });

  it('fires on the same single-row write arriving across requests at a sustained high rate', () => {
    const spans = ingest(60, 30);
    const [finding] = missingBatching.evaluate(evidenceOf({ spans }, T0 + 30n * SECOND), defaults);
    expect(finding).toMatchObject({ severity: 'warning' });
    expect(finding.evidence.numbers['writes.per_second']).toBeCloseTo(60, 0);
    expect(finding.evidence.numbers['duration.seconds']).toBeGreaterThanOrEqual(25);
    expect(finding.summary).toContain('60 times a second');
    expect(finding.evidence.series[0].threshold).toBe(50);
  });

  it('stays quiet on batched writes, on a few writes per request, on read loops and on mixed tables', () => {
    const at = T0 + 30n * SECOND;
    const multiRow = (i: number) => `INSERT INTO events (tenant_id, kind, amount) VALUES (${i}, 'a', 1), (${i}, 'b', 2), (${i}, 'c', 3)`;
    expect(missingBatching.evaluate(evidenceOf({ spans: importRequests(3, 40, 2, multiRow).spans }, at), defaults)).toEqual([]);
    const unnest = () => 'INSERT INTO events (tenant_id, kind, amount) SELECT * FROM unnest($1::int[], $2::text[], $3::numeric[])';
    expect(missingBatching.evaluate(evidenceOf({ spans: ingest(80, 30, unnest) }, at), defaults)).toEqual([]);
    expect(missingBatching.evaluate(evidenceOf({ spans: importRequests(3, 3, 20).spans }, at), defaults)).toEqual([]);
    expect(missingBatching.evaluate(evidenceOf({ spans: importRequests(3, 40, 2, (i) => `SELECT * FROM events WHERE id = ${i}`).spans }, at), defaults)).toEqual([]);
    expect(missingBatching.evaluate(evidenceOf({ spans: importRequests(3, 40, 2, (i) => `INSERT INTO audit_${i} (x) VALUES (1)`).spans }, at), defaults)).toEqual([]);
  });

  it('boundary: 9 writes or 49 ms per request does not fire, 10 writes of 5 ms does', () => {
    const at = T0 + 10n * SECOND;
    expect(missingBatching.evaluate(evidenceOf({ spans: importRequests(3, 9, 10).spans }, at), defaults)).toEqual([]);
    expect(missingBatching.evaluate(evidenceOf({ spans: importRequests(3, 10, 4.9).spans }, at), defaults)).toEqual([]);
    expect(missingBatching.evaluate(evidenceOf({ spans: importRequests(3, 10, 5).spans }, at), defaults)).toHaveLength(1);
  });

  it('boundary: 49 writes a second or a single 5 s burst does not fire, 50 a second for 10 s does', () => {
    expect(missingBatching.evaluate(evidenceOf({ spans: ingest(49, 30) }, T0 + 30n * SECOND), defaults)).toEqual([]);
    expect(missingBatching.evaluate(evidenceOf({ spans: ingest(80, 5) }, T0 + 5n * SECOND), defaults)).toEqual([]);
    expect(missingBatching.evaluate(evidenceOf({ spans: ingest(50, 10) }, T0 + 10n * SECOND), defaults)).toHaveLength(1);
  });
});
