import { describe, expect, it } from 'vitest';
import type { Span } from '../common/telemetry.ts';
import { thresholdValues } from './rule.ts';
import { evidenceOf, SECOND, T0 } from './test-evidence.ts';
import { httpClientSpan, msAfter, pgSpan, redisSpan, serverSpan } from './test-spans.ts';
import { thunderingHerd } from './thundering-herd.ts';

const defaults = thresholdValues(thunderingHerd);
const STATS_SQL = 'SELECT p.id, p.name, s.sold FROM products p, LATERAL (SELECT count(*) AS sold FROM order_items oi WHERE oi.product_id = p.id) s WHERE p.id = $1';
const AT = T0 + 62n * SECOND;

let traceNo = 0;
/** A product page: cache read, and on a miss the stats query and a cache write (cache-aside). */
function productPage(at: bigint, key: string, miss: boolean, queryMs = 100): Span[] {
  const root = serverSpan((traceNo += 1), { at, ms: miss ? queryMs + 4 : 2 }, { route: '/products/:id' });
  const spans = [root, redisSpan(root, { at: msAfter(at, 0), ms: 0.4 }, 'get', key)];
  if (miss) spans.push(pgSpan(root, { at: msAfter(at, 1), ms: queryMs }, STATS_SQL), redisSpan(root, { at: msAfter(at, queryMs + 2), ms: 0.4 }, 'set', key, 3));
  return spans;
}

/** Steady pages (3 per second, mostly hits; one miss every 6 s, at 0, 6, 12 … s, on a different key each time). */
function steady(from = T0, seconds = 60): Span[] {
  return Array.from({ length: seconds * 3 }, (_, i) => productPage(from + BigInt(i) * 333_333_333n, `product:${i % 97}`, i % 18 === 0, 20)).flat();
}

/** `n` pages within `withinMs` that all miss (by default the same hot key). */
function stampede(at: bigint, n: number, options: { withinMs?: number; key?: (i: number) => string; queryMs?: number } = {}): Span[] {
  const within = options.withinMs ?? 800;
  return Array.from({ length: n }, (_, i) => productPage(msAfter(at, (i * within) / n), options.key?.(i) ?? 'product:1', true, options.queryMs ?? 120)).flat();
}

const queryIds = (spans: readonly Span[]) => new Set(spans.filter((s) => s.attributes['db.query.text'] === STATS_SQL).map((s) => s.spanId));

describe('thundering-herd', () => {
  it('fires when a hot key expires and 30 requests recompute it at once, with onset, numbers and the burst’s spans', () => {
    const burst = stampede(T0 + 45n * SECOND, 30);
    const [finding, ...rest] = thunderingHerd.evaluate(evidenceOf({ spans: [...steady(), ...burst] }, AT), defaults);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ severity: 'warning', service: 'shop', onsetUnixNano: T0 + 45n * SECOND + 1_000_000n });
    expect(finding.summary).toContain('30 requests to shop each ran the same postgresql query after a cache miss on product:1');
    expect(finding.summary).toContain('30 of them wrote the cache back');
    expect(finding.summary).toContain('3.6 s of database time');
    expect(finding.evidence.numbers).toMatchObject({ 'burst.traces': 30, 'keys.distinct': 1, 'baseline.per_window': 0 });
    const ids = queryIds(burst);
    expect(finding.evidence.spans).toHaveLength(20);
    expect(finding.evidence.spans.every((s) => ids.has(s.spanId))).toBe(true);
    expect(finding.why['request-coalescing']).toContain('saving about 3.5 s');
    // The chart: requests per 2 s window, a spike of 30 over the threshold of 10 against a quiet baseline.
    const [series] = finding.evidence.series;
    expect(series).toMatchObject({ metric: 'operation.traces_per_window', threshold: 10 });
    expect(Math.max(...series.points.map((p) => p.value))).toBe(30);
    expect(series.points.filter((p) => p.value >= 10)).toHaveLength(1);
  });

  it('is critical from 5 s of database time, or from 50 requests in the burst', () => {
    const severity = (n: number, queryMs: number) => thunderingHerd.evaluate(evidenceOf({ spans: [...steady(), ...stampede(T0 + 45n * SECOND, n, { queryMs })] }, AT), defaults)[0].severity;
    expect(severity(41, 120)).toBe('warning');
    expect(severity(42, 120)).toBe('critical');
    expect(severity(49, 20)).toBe('warning');
    expect(severity(50, 20)).toBe('critical');
  });

  it('names synchronized expiry of many keys (TTL jitter) when the burst misses different keys', () => {
    const burst = stampede(T0 + 45n * SECOND, 20, { key: (i) => `product:${200 + i}` });
    const [finding] = thunderingHerd.evaluate(evidenceOf({ spans: [...steady(), ...burst] }, AT), defaults);
    expect(finding.summary).toContain('after cache misses on 20 keys');
    expect(finding.why['ttl-jitter']).toContain('20 keys missed together');
  });

  it('stays quiet on steady cache-aside traffic, a cold start over many keys, a spike with no cache, and a burst of hits', () => {
    expect(thunderingHerd.evaluate(evidenceOf({ spans: steady() }, AT), defaults)).toEqual([]);
    // Cold start: the first seconds of a recording miss 12 different keys; no history to compare with.
    const cold = [...stampede(T0, 12, { key: (i) => `product:${i}`, withinMs: 1500 }), ...steady(T0 + 2n * SECOND, 58)];
    expect(thunderingHerd.evaluate(evidenceOf({ spans: cold }, AT), defaults)).toEqual([]);
    // A traffic spike of the same query with no cache in front of it is load, not a herd.
    const uncached = Array.from({ length: 40 }, (_, i) => {
      const root = serverSpan((traceNo += 1), { at: T0 + 45n * SECOND + BigInt(i) * 20_000_000n, ms: 125 });
      return [root, pgSpan(root, { at: msAfter(root.startTimeUnixNano, 1), ms: 120 }, STATS_SQL)];
    }).flat();
    expect(thunderingHerd.evaluate(evidenceOf({ spans: [...steady(), ...uncached] }, AT), defaults)).toEqual([]);
    const hits = Array.from({ length: 40 }, (_, i) => productPage(T0 + 45n * SECOND + BigInt(i) * 20_000_000n, 'product:1', false)).flat();
    expect(thunderingHerd.evaluate(evidenceOf({ spans: [...steady(), ...hits] }, AT), defaults)).toEqual([]);
  });

  it('needs 10 traces in the burst and half a second of database time', () => {
    const run = (spans: Span[]) => thunderingHerd.evaluate(evidenceOf({ spans: [...steady(), ...spans] }, AT), defaults);
    expect(run(stampede(T0 + 45n * SECOND, 9, { queryMs: 100 }))).toEqual([]);
    expect(run(stampede(T0 + 45n * SECOND, 10, { queryMs: 100 }))).toHaveLength(1);
    expect(run(stampede(T0 + 45n * SECOND, 10, { queryMs: 49 }))).toEqual([]);
    expect(run(stampede(T0 + 45n * SECOND, 10, { queryMs: 51 }))).toHaveLength(1);
  });

  it('finds a recovered dependency flooded at once', () => {
    const call = (at: bigint, status: number, ms: number) => {
      const root = serverSpan((traceNo += 1), { at, ms: ms + 2 });
      return [root, httpClientSpan(root, { at: msAfter(at, 1), ms }, 'http://inventory:8080/stock/7', { status })];
    };
    const healthy = Array.from({ length: 30 }, (_, i) => call(T0 + BigInt(i) * SECOND, 200, 30)).flat();
    const failing = Array.from({ length: 10 }, (_, i) => call(T0 + 35n * SECOND + BigInt(i) * 500_000_000n, 503, 2)).flat();
    const flood = Array.from({ length: 25 }, (_, i) => call(T0 + 41n * SECOND + BigInt(i) * 40_000_000n, 200, 60)).flat();
    const [finding] = thunderingHerd.evaluate(evidenceOf({ spans: [...healthy, ...failing, ...flood] }, AT), defaults);
    expect(finding).toMatchObject({ title: 'Thundering herd on GET inventory:8080/stock/{id} as it recovered', severity: 'warning' });
    expect(finding.summary).toContain('right after 10 failed calls');
    expect(finding.why['gradual-ramp-up']).toContain('then 25 requests');
  });
});
