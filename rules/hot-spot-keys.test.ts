import { describe, expect, it } from 'vitest';
import type { Attributes, Span } from '../common/telemetry.ts';
import { buildResource, buildSpan, traceIdFor } from '../fixtures/domain-builders.ts';
import { hotSpotFamilies } from './hot-spot-keys.ts';
import { evidenceOf, SECOND, T0 } from './test-evidence.ts';
import { newSpanId, pgSpan, serverSpan } from './test-spans.ts';

const MS = 1_000_000n;
const API = buildResource('api', { 'service.instance.id': 'api-1' });

function span(trace: number, kind: Span['kind'], ms: number, attributes: Attributes): Span {
  const at = T0 + BigInt(trace) * SECOND;
  return buildSpan({ traceId: traceIdFor(trace), spanId: newSpanId(), resource: API, kind, name: kind, startTimeUnixNano: at, endTimeUnixNano: at + BigInt(ms) * MS, attributes });
}

const familiesOf = (spans: Span[]) => hotSpotFamilies(evidenceOf({ spans }, T0 + 100n * SECOND).columns(), 3);

describe('hot-spot keys', () => {
  it('counts a tagged key once per request, keeping its outermost (longest) span', () => {
    const spans = [
      span(1, 'client', 5, { 'app.shard': 's1' }),
      span(1, 'server', 50, { 'app.shard': 's1' }),
      span(1, 'internal', 20, { 'app.shard': 's1' }),
      span(2, 'server', 10, { 'app.shard': 's2' }),
    ];
    const [instance, shard, ...rest] = familiesOf(spans);
    expect(rest).toEqual([]);
    expect(instance.observations().map((o) => o.dimension)).toEqual(['service.instance.id', 'service.instance.id']);
    expect(shard).toMatchObject({ keys: 2, total: 2, hotOps: 1 });
    const observations = shard.observations();
    expect(observations.map((o) => [o.key, o.family, o.span.spanId])).toEqual([
      ['s1', 'app.shard in api', spans[1].spanId],
      ['s2', 'app.shard in api', spans[3].spanId],
    ]);
  });

  it('counts an instance only on server and consumer spans, and lists direct families before tagged ones', () => {
    const spans = [span(1, 'client', 5, { 'cache.key': 'k1' }), span(2, 'consumer', 5, {}), span(3, 'producer', 5, {}), span(4, 'server', 5, {})];
    const [instance, cache] = familiesOf(spans);
    expect(instance).toMatchObject({ keys: 1, total: 2 });
    expect(instance.observations().map((o) => o.span.spanId)).toEqual([spans[1].spanId, spans[3].spanId]);
    expect(cache.observations()).toMatchObject([{ dimension: 'cache.key', key: 'k1', group: 'cache.key\u0000cache.key in api' }]);
  });

  it('compares databases that run the same statements, and leaves out the one that runs others', () => {
    const root = serverSpan(9, { at: T0, ms: 100 });
    const query = (namespace: string, sql: string) => pgSpan(root, { at: T0 + MS, ms: 2 }, sql, { namespace, server: `${namespace}.db` });
    const spans = [
      root,
      query('main', 'SELECT * FROM users WHERE id = $1'),
      query('s0', 'SELECT * FROM events WHERE id = $1'),
      query('s1', 'SELECT * FROM events WHERE id = $1'),
      query('s1', 'BEGIN'),
      query('main', 'BEGIN'),
      query('s2', 'UPDATE events SET n = 1 WHERE id = $1'),
      query('s2', 'SELECT * FROM events WHERE id = $1'),
    ];
    const db = familiesOf(spans).filter((f) => f.observations()[0].dimension !== 'service.instance.id');
    expect(db.map((f) => [f.keys, f.total, f.hotOps])).toEqual([
      [3, 5, 2],
      [3, 5, 2],
    ]);
    const [namespaces, servers] = db.map((f) => f.observations());
    expect(namespaces.map((o) => o.key)).toEqual(['s0', 's1', 's1', 's2', 's2']);
    expect(servers.map((o) => o.key)).toEqual(['s0.db:5432', 's1.db:5432', 's1.db:5432', 's2.db:5432', 's2.db:5432']);
    expect(namespaces.every((o) => o.dimension === 'db.namespace' && o.family === 'postgresql')).toBe(true);
  });
});
