import { afterEach, describe, expect, it } from 'vitest';
import type { Span } from '../common/telemetry.ts';
import { buildBatch, buildResource, buildSpan, closeTestStores, openTestStore, removeTempDirs, spanIdFor, traceIdFor } from './test-builders.ts';

afterEach(() => {
  closeTestStores();
  removeTempDirs();
});

const T0 = 1_700_000_000_000_000_000n;
const MS = 1_000_000n;
const web = buildResource('web');
const orders = buildResource('orders');

/** One request: web (server) → web client → orders (server) → orders client to postgres; orders also calls an untraced host. */
function request(n: number, orderMs: bigint, failed: boolean): Span[] {
  const traceId = traceIdFor(n);
  const id = (k: number) => spanIdFor(n * 10 + k);
  const start = T0 + BigInt(n) * 1_000n * MS;
  return [
    buildSpan({ resource: web, traceId, spanId: id(1), kind: 'server', name: 'GET /checkout', startTimeUnixNano: start, endTimeUnixNano: start + 50n * MS }),
    buildSpan({ resource: web, traceId, spanId: id(2), parentSpanId: id(1), kind: 'client', name: 'POST', startTimeUnixNano: start + MS, endTimeUnixNano: start + 40n * MS, attributes: { 'server.address': 'orders' } }),
    buildSpan({
      resource: orders,
      traceId,
      spanId: id(3),
      parentSpanId: id(2),
      kind: 'server',
      name: 'POST /orders',
      startTimeUnixNano: start + 2n * MS,
      endTimeUnixNano: start + 2n * MS + orderMs * MS,
      statusCode: failed ? 'error' : 'unset',
    }),
    buildSpan({ resource: orders, traceId, spanId: id(4), parentSpanId: id(3), kind: 'client', name: 'SELECT orders', startTimeUnixNano: start + 3n * MS, endTimeUnixNano: start + 8n * MS, attributes: { 'db.system': 'postgresql', 'server.address': 'db-primary' } }),
    buildSpan({ resource: orders, traceId, spanId: id(5), parentSpanId: id(3), kind: 'client', name: 'GET', startTimeUnixNano: start + 9n * MS, endTimeUnixNano: start + 12n * MS, attributes: { 'server.address': 'payments.example.com' } }),
    buildSpan({ resource: orders, traceId, spanId: id(6), parentSpanId: id(3), kind: 'internal', name: 'validate', startTimeUnixNano: start + 13n * MS, endTimeUnixNano: start + 14n * MS }),
  ];
}

describe('service map', () => {
  it('links services through parent and child spans, and ends calls out of the traced world at database and host leaves', () => {
    const store = openTestStore();
    const spans = Array.from({ length: 20 }, (_, n) => request(n, BigInt(10 + n), n % 4 === 0)).flat();
    store.insertBatch(buildBatch({ spans }));
    const map = store.serviceMap(T0, T0 + 20_000n * MS, 10_000);

    expect(map.spansRead).toBe(120);
    expect(map.truncated).toBe(false);
    expect(map.nodes.map((n) => [n.id, n.kind])).toEqual([
      ['orders', 'service'],
      ['web', 'service'],
      ['db:postgresql:db-primary', 'database'],
      ['ext:payments.example.com', 'external'],
    ]);
    const edge = (from: string, to: string) => map.edges.find((e) => e.from === from && e.to === to);
    // web's client span has a child in orders, so it is one web → orders edge, not a leaf to "orders".
    expect(map.edges).toHaveLength(3);
    expect(edge('web', 'orders')).toMatchObject({ calls: 20, errors: 5 });
    // 20 requests a second apart: the spans read cover 19 s (and 13 ms of the last request).
    expect(edge('web', 'orders')?.callsPerSecond).toBeCloseTo(20 / 19.013, 3);
    // The callee's server span durations: 10…29 ms.
    expect(edge('web', 'orders')?.p50Ms).toBe(20);
    expect(edge('web', 'orders')?.p95Ms).toBe(29);
    expect(edge('orders', 'db:postgresql:db-primary')).toMatchObject({ calls: 20, errors: 0, p95Ms: 5 });
    expect(edge('orders', 'ext:payments.example.com')).toMatchObject({ calls: 20, p50Ms: 3 });
    expect(map.nodes.find((n) => n.id === 'orders')).toMatchObject({ spans: 80, errors: 5 });
  });

  it('reads only the window, and says when it read the newest part of a fuller one', () => {
    const store = openTestStore();
    store.insertBatch(buildBatch({ spans: Array.from({ length: 10 }, (_, n) => request(n, 10n, false)).flat() }));
    // Requests 5–9 start in the second half.
    const half = store.serviceMap(T0 + 5_000n * MS, T0 + 10_000n * MS, 10_000);
    expect(half.spansRead).toBe(30);
    expect(half.edges.find((e) => e.from === 'web')?.calls).toBe(5);
    const capped = store.serviceMap(T0, T0 + 10_000n * MS, 12);
    expect(capped).toMatchObject({ spansRead: 12, truncated: true });
    // The 12 newest spans are requests 8 and 9 whole.
    expect(capped.edges.find((e) => e.from === 'web')?.calls).toBe(2);
  });

  it('is empty, not an error, for a window with no spans', () => {
    const store = openTestStore();
    expect(store.serviceMap(T0, T0 + MS, 100)).toMatchObject({ spansRead: 0, nodes: [], edges: [] });
  });
});
