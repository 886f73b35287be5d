import { describe, expect, it } from 'vitest';
import type { Span } from '../common/telemetry.ts';
import { buildResource, buildSpan, spanIdFor, traceIdFor } from '../fixtures/domain-builders.ts';
import { hotSpot } from './hot-spot.ts';
import { thresholdValues } from './rule.ts';
import { evidenceOf, SECOND, T0 } from './test-evidence.ts';
import { msAfter, pgSpan, serverSpan } from './test-spans.ts';

const defaults = thresholdValues(hotSpot);
const SUMMARY_SQL = 'SELECT t.id, t.event_count FROM tenants t WHERE t.id = $1';
const UPDATE_SQL = 'UPDATE tenants SET event_count = event_count + 1 WHERE id = $1';

/** Keys in an order that spaces each key's requests evenly (so every time bucket sees the same mix). */
function interleave(counts: Record<string, number>): string[] {
  const slots = Object.entries(counts).flatMap(([key, n]) => Array.from({ length: n }, (_, j) => ({ key, at: (j + 0.5) / n })));
  return slots.sort((a, b) => a.at - b.at || a.key.localeCompare(b.key)).map((s) => s.key);
}

let traceNo = 0;
/** One request per key, spread over `seconds` from `from`, each running two queries on its shard database. */
function shardTraffic(keys: readonly string[], options: { from?: bigint; seconds?: number; ms?: (key: string) => number } = {}): Span[] {
  const from = options.from ?? T0;
  const seconds = options.seconds ?? 60;
  return keys.flatMap((namespace, i) => {
    const at = from + BigInt(Math.floor((i * seconds * 1e9) / keys.length));
    const ms = options.ms?.(namespace) ?? 5;
    const root = serverSpan((traceNo += 1), { at, ms: 2 * ms + 2 }, { route: '/tenants/:id/summary' });
    return [root, pgSpan(root, { at: msAfter(at, 1), ms }, i % 2 === 0 ? SUMMARY_SQL : UPDATE_SQL, { namespace })];
  });
}

const AT = T0 + 61n * SECOND;
const skewed = { shard_0: 30, shard_1: 210, shard_2: 30, shard_3: 30 };

describe('hot-spot', () => {
  it('fires critical on a shard with 70% of the operations that is also slower, with the numbers and its spans', () => {
    const spans = shardTraffic(interleave(skewed), { ms: (key) => (key === 'shard_1' ? 120 : 5) });
    const [finding, ...others] = hotSpot.evaluate(evidenceOf({ spans }, AT), defaults);
    expect(others).toEqual([]);
    expect(finding).toMatchObject({ severity: 'critical', resource: 'postgresql shard_1', service: 'shop', key: 'db.namespace:postgresql:shard_1' });
    expect(finding.summary).toContain('210 of 300 postgresql operations (70%) across 4 databases');
    expect(finding.summary).toContain('2.8×');
    expect(finding.summary).toContain('p95 120 ms against 5 ms');
    expect(finding.evidence.numbers).toMatchObject({ keys: 4, 'ops.hot': 210, 'ops.total': 300 });
    const hotIds = new Set(spans.filter((s) => s.attributes['db.namespace'] === 'shard_1').map((s) => s.spanId));
    expect(finding.evidence.spans.length).toBe(20);
    expect(finding.evidence.spans.every((s) => hotIds.has(s.spanId))).toBe(true);
    expect(finding.onsetUnixNano).toBeLessThan(T0 + 5n * SECOND);
  });

  it('is a warning while the hot shard is not yet slower', () => {
    const [finding] = hotSpot.evaluate(evidenceOf({ spans: shardTraffic(interleave(skewed)) }, AT), defaults);
    expect(finding.severity).toBe('warning');
    expect(finding.summary).toContain('not much above');
  });

  it('dates the onset to when the skew began', () => {
    const even = shardTraffic(interleave({ shard_0: 40, shard_1: 40, shard_2: 40, shard_3: 40 }), { seconds: 30 });
    const hot = shardTraffic(interleave(skewed), { from: T0 + 30n * SECOND, seconds: 30 });
    const [finding] = hotSpot.evaluate(evidenceOf({ spans: [...even, ...hot] }, AT), defaults);
    expect(finding.onsetUnixNano).toBeGreaterThanOrEqual(T0 + 30n * SECOND);
    expect(finding.onsetUnixNano).toBeLessThan(T0 + 35n * SECOND);
  });

  it('stays quiet on evenly spread load, on a single database, and on a main database beside its shards', () => {
    const evenly = shardTraffic(interleave({ shard_0: 75, shard_1: 75, shard_2: 75, shard_3: 75 }));
    expect(hotSpot.evaluate(evidenceOf({ spans: evenly }, AT), defaults)).toEqual([]);
    const single = shardTraffic(interleave({ shop: 600 }));
    expect(hotSpot.evaluate(evidenceOf({ spans: single }, AT), defaults)).toEqual([]);
    // The main database runs its own queries (not the shards'), so it is not one of their siblings.
    const main = Array.from({ length: 900 }, (_, i) => {
      const root = serverSpan((traceNo += 1), { at: T0 + BigInt(i) * 60_000_000n, ms: 5 });
      return [root, pgSpan(root, { at: msAfter(root.startTimeUnixNano, 1), ms: 3 }, 'SELECT id, total FROM orders WHERE id = $1', { namespace: 'shop' })];
    }).flat();
    const shards = shardTraffic(interleave({ shard_0: 50, shard_1: 50, shard_2: 50 }));
    expect(hotSpot.evaluate(evidenceOf({ spans: [...main, ...shards] }, AT), defaults)).toEqual([]);
  });

  it('needs max/mean of 2: 1.99× stays quiet, 2.01× fires', () => {
    const below = shardTraffic(interleave({ a: 199, b: 67, c: 67, d: 67 }));
    expect(hotSpot.evaluate(evidenceOf({ spans: below }, AT), defaults)).toEqual([]);
    const above = shardTraffic(interleave({ a: 201, b: 66, c: 67, d: 66 }));
    const [finding] = hotSpot.evaluate(evidenceOf({ spans: above }, AT), defaults);
    expect(finding.evidence.numbers.max_to_mean).toBeCloseTo(2.01, 5);
  });

  it('needs 100 operations, and more than chance: a 2× key among 10 with 10 ops each is noise', () => {
    expect(hotSpot.evaluate(evidenceOf({ spans: shardTraffic(interleave({ a: 60, b: 13, c: 13, d: 13 })) }, AT), defaults)).toEqual([]);
    expect(hotSpot.evaluate(evidenceOf({ spans: shardTraffic(interleave({ a: 61, b: 13, c: 13, d: 13 })) }, AT), defaults)).toHaveLength(1);
    const tenKeys = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`s${i}`, i === 0 ? 20 : 9]));
    expect(hotSpot.evaluate(evidenceOf({ spans: shardTraffic(interleave(tenKeys)) }, AT), defaults)).toEqual([]);
  });

  it('finds a hot instance of a service and a hot Kafka partition', () => {
    const instances = ['api-1', 'api-2', 'api-3'].map((id) => buildResource('api', { 'service.instance.id': id }));
    const requests = interleave({ 'api-1': 160, 'api-2': 20, 'api-3': 20 }).map((id, i) =>
      serverSpan((traceNo += 1), { at: T0 + BigInt(i) * 250_000_000n, ms: 4 }, { resource: instances.find((r) => r.attributes['service.instance.id'] === id) }),
    );
    const [instance] = hotSpot.evaluate(evidenceOf({ spans: requests }, AT), defaults);
    expect(instance).toMatchObject({ service: 'api', resource: 'api api-1', title: 'Hot instance api-1: 80% of api load' });

    const messages = interleave({ '0': 30, '1': 30, '2': 240 }).map((partition, i) =>
      buildSpan({
        traceId: traceIdFor(50_000 + i),
        spanId: spanIdFor(50_000 + i),
        kind: 'producer',
        name: 'orders publish',
        startTimeUnixNano: T0 + BigInt(i) * 200_000_000n,
        endTimeUnixNano: T0 + BigInt(i) * 200_000_000n + 1_000_000n,
        attributes: { 'messaging.system': 'kafka', 'messaging.destination.name': 'orders', 'messaging.destination.partition.id': partition },
      }),
    );
    const [partition] = hotSpot.evaluate(evidenceOf({ spans: messages }, AT), defaults);
    expect(partition).toMatchObject({ resource: 'kafka orders 2' });
    expect(partition.summary).toContain('240 of 300 kafka orders operations (80%) across 3 partitions');
  });
});
