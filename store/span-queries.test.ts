import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Span } from '../common/telemetry.ts';
import type { TelemetryStore } from './telemetry-store.ts';
import { buildBatch, buildResource, buildSpan, buildTypicalSpans, removeTempDirs, spanIdFor, traceIdFor, closeTestStores, openTestStore } from './test-builders.ts';

afterAll(removeTempDirs);

const openStore = (): TelemetryStore => openTestStore();
afterEach(closeTestStores);

const T0 = 1_700_000_000_000_000_000n;
const api = buildResource('api');
const db = buildResource('db-worker');

/** n spans: even ones are api roots "GET /x", odd ones db-worker children "query" lasting n ms; start = T0 + n µs. */
function mixedSpans(count: number): Span[] {
  return Array.from({ length: count }, (_, n) =>
    buildSpan({
      resource: n % 2 === 0 ? api : db,
      traceId: traceIdFor(Math.floor(n / 2)),
      spanId: spanIdFor(n),
      parentSpanId: n % 2 === 0 ? '' : spanIdFor(n - 1),
      name: n % 2 === 0 ? 'GET /x' : 'query',
      kind: n % 2 === 0 ? 'server' : 'client',
      startTimeUnixNano: T0 + BigInt(n) * 1_000n,
      endTimeUnixNano: T0 + BigInt(n) * 1_000n + BigInt(n) * 1_000_000n,
      statusCode: n % 10 === 3 ? 'error' : 'unset',
    }),
  );
}

describe('span queries', () => {
  it('summarises services with exact span and error counts and last seen time', () => {
    const store = openStore();
    store.insertBatch(buildBatch({ spans: mixedSpans(20).slice(0, 10) }));
    store.insertBatch(buildBatch({ spans: mixedSpans(20).slice(10) }));
    expect(store.services()).toEqual([
      { serviceName: 'api', spanCount: 10, errorCount: 0, lastSeenUnixNano: (T0 + 18_000n).toString() },
      { serviceName: 'db-worker', spanCount: 10, errorCount: 2, lastSeenUnixNano: (T0 + 19_000n).toString() },
    ]);
  });

  it('lists recent spans newest first, with limit, service filter and roots only', () => {
    const store = openStore();
    // Insert out of time order: order must come from start time, not arrival.
    const spans = mixedSpans(40);
    store.insertBatch(buildBatch({ spans: spans.slice(20) }));
    store.insertBatch(buildBatch({ spans: spans.slice(0, 20) }));

    const recent = store.recentSpans({ limit: 5 });
    expect(recent.map((s) => s.spanId)).toEqual([39, 38, 37, 36, 35].map(spanIdFor));
    expect(recent[0]).toEqual({
      traceId: traceIdFor(19),
      spanId: spanIdFor(39),
      parentSpanId: spanIdFor(38),
      serviceName: 'db-worker',
      name: 'query',
      kind: 'client',
      startTimeUnixNano: (T0 + 39_000n).toString(),
      durationNano: (39_000_000n).toString(),
      statusCode: 'unset',
      statusMessage: '',
    });
    expect(store.recentSpans({ limit: 3, service: 'api' }).map((s) => s.spanId)).toEqual([38, 36, 34].map(spanIdFor));
    expect(store.recentSpans({ limit: 3, rootsOnly: true }).map((s) => s.spanId)).toEqual([38, 36, 34].map(spanIdFor));
    expect(store.recentSpans({ limit: 3, service: 'db-worker', rootsOnly: true })).toEqual([]);
    expect(store.recentSpans({ limit: 3, service: 'nope' })).toEqual([]);
    expect(store.recentSpans({ limit: 1000 })).toHaveLength(40);
  });

  it('searches by service, operation and minimum duration, newest first', () => {
    const store = openStore();
    store.insertBatch(buildBatch({ spans: mixedSpans(40) }));
    const slow = store.searchSpans({ service: 'db-worker', name: 'query', minDurationNano: 30_000_000n, limit: 3 });
    expect(slow.map((s) => s.spanId)).toEqual([39, 37, 35].map(spanIdFor));
    expect(store.searchSpans({ name: 'query', minDurationNano: 36_000_000n, limit: 10 }).map((s) => s.spanId)).toEqual([39, 37].map(spanIdFor));
    expect(store.searchSpans({ service: 'db-worker', limit: 2, beforeUnixNano: T0 + 35_000n }).map((s) => s.spanId)).toEqual([33, 31].map(spanIdFor));
    expect(store.searchSpans({ limit: 2, minDurationNano: 38_000_000n }).map((s) => s.spanId)).toEqual([39, 38].map(spanIdFor));
  });

  it('finds the newest spans of a service with many operations', () => {
    const store = openStore();
    const spans = Array.from({ length: 300 }, (_, n) =>
      buildSpan({ resource: api, spanId: spanIdFor(n), name: `op-${n % 100}`, startTimeUnixNano: T0 + BigInt(n), endTimeUnixNano: T0 + BigInt(n) + 5n }),
    );
    store.insertBatch(buildBatch({ spans }));
    expect(store.recentSpans({ limit: 4, service: 'api' }).map((s) => s.name)).toEqual(['op-99', 'op-98', 'op-97', 'op-96']);
    expect(store.spans.operations('api')).toHaveLength(100);
  });

  it('returns a whole trace ordered by start with attributes, resource attributes and events', () => {
    const store = openStore();
    const spans = buildTypicalSpans(15);
    store.insertBatch(buildBatch({ spans: spans.slice(5) }));
    store.insertBatch(buildBatch({ spans: spans.slice(0, 5) }));
    const traceId = spans[0].traceId;
    const detail = store.trace(traceId);
    expect(detail.map((s) => s.spanId)).toEqual(spans.slice(0, 5).sort((a, b) => Number(a.startTimeUnixNano - b.startTimeUnixNano)).map((s) => s.spanId));
    expect(detail[0].attributes).toEqual(spans[0].attributes);
    expect(detail[0].resourceAttributes).toEqual(spans[0].resource.attributes);
    expect(store.trace(traceIdFor(999))).toEqual([]);
    const withEvent = buildSpan({ traceId: traceIdFor(500), events: [{ timeUnixNano: T0 + 7n, name: 'exception', attributes: { 'exception.type': 'E' }, droppedAttributesCount: 0 }] });
    store.insertBatch(buildBatch({ spans: [withEvent] }));
    expect(store.trace(traceIdFor(500))[0].events).toEqual([{ timeUnixNano: (T0 + 7n).toString(), name: 'exception', attributes: { 'exception.type': 'E' } }]);
  });

  it('returns spans in a time range as domain spans, oldest first', () => {
    const store = openStore();
    const spans = mixedSpans(10);
    store.insertBatch(buildBatch({ spans: [...spans].reverse() }));
    const range = store.spansInRange({ fromUnixNano: T0 + 2_000n, toUnixNano: T0 + 5_000n });
    expect(range.map((s) => s.spanId)).toEqual([2, 3, 4].map(spanIdFor));
    expect(range[0]).toMatchObject({ name: 'GET /x', resource: api, startTimeUnixNano: T0 + 2_000n });
  });
});

describe('filtered span search', () => {
  /** 2,000 spans newest last; every 97th fails; every 250th carries tenant=acme (a plain attribute) and its route. */
  function filterSpans(): Span[] {
    return Array.from({ length: 2000 }, (_, n) =>
      buildSpan({
        resource: n % 2 === 0 ? api : buildResource('api', { 'deployment.environment.name': 'canary' }),
        traceId: traceIdFor(n),
        spanId: spanIdFor(n),
        name: 'GET /orders',
        startTimeUnixNano: T0 + BigInt(n) * 1_000_000n,
        endTimeUnixNano: T0 + BigInt(n) * 1_000_000n + 5_000_000n,
        statusCode: n % 97 === 0 ? 'error' : 'unset',
        attributes: n % 250 === 0 ? { tenant: 'acme', 'http.route': '/orders/:id', 'http.response.status_code': 500 } : { tenant: 'other', 'http.route': '/orders' },
      }),
    );
  }

  it('finds failed spans further back than one page of candidates, newest first', () => {
    const store = openStore();
    store.insertBatch(buildBatch({ spans: filterSpans() }));
    const failed = store.searchSpans({ limit: 30, errorsOnly: true });
    // 0, 97, …, 1940: 21 of them, all found although 1,000 spans lie between the newest two pages' worth.
    expect(failed).toHaveLength(21);
    expect(failed.every((s) => s.statusCode === 'error')).toBe(true);
    expect(failed[0].spanId).toBe(spanIdFor(1940));
    expect(failed[20].spanId).toBe(spanIdFor(0));
  });

  it('matches an attribute by key and text value, on the span (promoted or not) or on its resource', () => {
    const store = openStore();
    store.insertBatch(buildBatch({ spans: filterSpans() }));
    const ids = (spans: { spanId: string }[]) => spans.map((s) => s.spanId);
    expect(ids(store.searchSpans({ limit: 100, attribute: { key: 'tenant', value: 'acme' } }))).toEqual([1750, 1500, 1250, 1000, 750, 500, 250, 0].map(spanIdFor));
    // Promoted attributes live in their own columns; they still match, numbers by their text.
    expect(store.searchSpans({ limit: 100, attribute: { key: 'http.route', value: '/orders/:id' } })).toHaveLength(8);
    expect(store.searchSpans({ limit: 100, attribute: { key: 'http.response.status_code', value: '500' } })).toHaveLength(8);
    expect(store.searchSpans({ limit: 3, attribute: { key: 'deployment.environment.name', value: 'canary' } }).map((s) => s.spanId)).toEqual([1999, 1997, 1995].map(spanIdFor));
    // Filters combine: failed and acme is span 0 alone (0 is a multiple of both).
    expect(ids(store.searchSpans({ limit: 100, errorsOnly: true, attribute: { key: 'tenant', value: 'acme' } }))).toEqual([spanIdFor(0)]);
    expect(store.searchSpans({ limit: 100, attribute: { key: 'tenant', value: 'nobody' } })).toEqual([]);
  });
});

describe('a trace outline and one span of it', () => {
  it('reads what the waterfall draws without attributes, and any one span in full', () => {
    const store = openStore();
    const spans = mixedSpans(6).map((span, n) => ({ ...span, traceId: traceIdFor(1), attributes: { n, 'http.route': '/x' } }));
    store.insertBatch(buildBatch({ spans }));
    const outline = store.traceOutline(traceIdFor(1));
    expect(outline.map((s) => s.spanId)).toEqual([0, 1, 2, 3, 4, 5].map(spanIdFor));
    expect(outline[0]).not.toHaveProperty('attributes');
    // The outline is the full trace minus attributes, events and resource.
    const full = store.trace(traceIdFor(1));
    expect(outline).toEqual(full.map(({ attributes: _a, resourceAttributes: _r, events: _e, ...row }) => row));
    expect(store.traceSpan(traceIdFor(1), spanIdFor(3))).toEqual(full[3]);
    expect(store.traceSpan(traceIdFor(1), spanIdFor(99))).toBeNull();
    expect(store.traceSpan(traceIdFor(2), spanIdFor(3))).toBeNull();
    expect(store.traceOutline(traceIdFor(2))).toEqual([]);
  });
});

describe('operation latency', () => {
  it('gives p50/p95/p99 of one operation in a time range, from the index alone', () => {
    const store = openStore();
    // mixedSpans: odd spans are db-worker "query" lasting n ms and starting at T0 + n µs.
    store.insertBatch(buildBatch({ spans: mixedSpans(200) }));
    const all = store.spans.operationLatency('db-worker', 'query', T0, T0 + 1_000_000n);
    expect(all).toEqual({ count: 100, p50Nano: 101_000_000, p95Nano: 191_000_000, p99Nano: 199_000_000, approximate: false });
    // Only the spans started in the range: n < 100 → the odd n 1…99.
    expect(store.spans.operationLatency('db-worker', 'query', T0, T0 + 100_000n)?.count).toBe(50);
    expect(store.spans.operationLatency('db-worker', 'nothing', T0, T0 + 1_000_000n)).toBeNull();
    expect(store.spans.operationLatency('db-worker', 'query', T0 - 10n, T0)).toBeNull();
  });
});
