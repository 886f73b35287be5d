import { describe, expect, it } from 'vitest';
import type { Span } from '../common/telemetry.ts';
import { buildResource } from '../fixtures/domain-builders.ts';
import { CacheActivity, missKey, missRefilled, NO_MISS } from './cache-misses.ts';
import { NONE } from './span-columns.ts';
import { evidenceOf, T0 } from './test-evidence.ts';
import { msAfter, pgSpan, redisSpan, serverSpan } from './test-spans.ts';

const SQL = 'SELECT * FROM products WHERE id = $1';
let traceNo = 0;

/** Columns of the spans, the cache activity over them, and the miss (if any) before the query `query`. */
function missOf(spans: Span[], query: Span) {
  const columns = evidenceOf({ spans }, T0 + 60_000_000_000n).columns();
  const activity = new CacheActivity(columns);
  const miss = activity.missBefore(columns.spans.findIndex((s) => s.spanId === query.spanId));
  return { miss, key: miss === NO_MISS ? undefined : missKey(miss) === NONE ? null : columns.strings.value(missKey(miss)), refilled: missRefilled(miss), activity, columns };
}

/** A request at `atMs`: optional cache read, the query at +2 ms (10 ms long), optional cache write after it. */
function page(atMs: number, options: { read?: string | null; write?: string | null; marker?: boolean; service?: string } = {}) {
  const at = msAfter(T0, atMs);
  const root = serverSpan((traceNo += 1), { at, ms: 20 }, { resource: buildResource(options.service ?? 'shop'), attributes: options.marker ? { 'shop.cache.hit': false } : {} });
  const query = pgSpan(root, { at: msAfter(at, 2), ms: 10 }, SQL);
  const spans = [root, query];
  if (options.read !== undefined) spans.push(redisSpan(root, { at, ms: 1 }, 'get', options.read ?? ''));
  if (options.write !== undefined) spans.push(redisSpan(root, { at: msAfter(at, 13), ms: 1 }, 'set', options.write ?? '', 2));
  return { spans, query, root };
}

describe('cache misses over span columns', () => {
  it('sees cache-aside: a read, the query, then a write of the same key', () => {
    const { spans, query } = page(0, { read: 'product:1', write: 'product:1' });
    expect(missOf(spans, query)).toMatchObject({ key: 'product:1', refilled: true });
  });

  it('takes a read with neither a refill nor a marker for a hit, and a write of another key for no refill', () => {
    const hit = page(0, { read: 'product:1' });
    expect(missOf(hit.spans, hit.query).miss).toBe(NO_MISS);
    const other = page(0, { read: 'product:1', write: 'product:2' });
    expect(missOf(other.spans, other.query).miss).toBe(NO_MISS);
  });

  it('believes a span that says it missed, with no key', () => {
    const { spans, query } = page(0, { marker: true });
    expect(missOf(spans, query)).toMatchObject({ key: null, refilled: false });
    // A read of a known key makes it that key's miss even without a write.
    const read = page(0, { read: 'product:3', marker: true });
    expect(missOf(read.spans, read.query)).toMatchObject({ key: 'product:3', refilled: false });
  });

  it('lets any write refill when keys are not recorded', () => {
    const { spans, query } = page(0, { read: null, write: null });
    for (const span of spans) if (span.name === 'get' || span.name === 'set') span.attributes['db.query.text'] = span.name;
    expect(missOf(spans, query)).toMatchObject({ key: null, refilled: true });
  });

  it('ignores cache calls of another service in the trace, and reads too long before or after the query', () => {
    const { spans, query, root } = page(0, { write: 'product:1' });
    const elsewhere = { ...redisSpan(root, { at: msAfter(root.startTimeUnixNano, 0), ms: 1 }, 'get', 'product:1'), resource: buildResource('api') };
    expect(missOf([...spans, elsewhere], query).miss).toBe(NO_MISS);
    const early = redisSpan(root, { at: msAfter(root.startTimeUnixNano, -1500), ms: 1 }, 'get', 'product:1');
    expect(missOf([...spans, early], query).miss).toBe(NO_MISS);
    // Ends 1 ms after the query starts: allowed (start times are cut to whole ms); 2 ms after: not its read.
    const overlapping = redisSpan(root, { at: msAfter(root.startTimeUnixNano, 1), ms: 2 }, 'get', 'product:1');
    expect(missOf([...spans, overlapping], query)).toMatchObject({ key: 'product:1' });
    const late = redisSpan(root, { at: msAfter(root.startTimeUnixNano, 1), ms: 3 }, 'get', 'product:1');
    expect(missOf([...spans, late], query).miss).toBe(NO_MISS);
  });

  it('takes the latest read before the query when there are several', () => {
    const { spans, query, root } = page(0, { read: 'product:1', write: 'product:2' });
    const later = redisSpan(root, { at: msAfter(root.startTimeUnixNano, 1), ms: 0.5 }, 'get', 'product:2');
    expect(missOf([...spans, later], query)).toMatchObject({ key: 'product:2', refilled: true });
  });

  it('lists the missed rows among given rows, in their order, with each miss', () => {
    const a = page(0, { read: 'product:1', write: 'product:1' });
    const b = page(100, { read: 'product:1' });
    const c = page(200, { marker: true });
    const { activity, columns } = missOf([...a.spans, ...b.spans, ...c.spans], a.query);
    const rowOf = (s: Span) => columns.spans.findIndex((x) => x.spanId === s.spanId);
    const { rows, misses } = activity.missedAmong(Int32Array.from([c.query, b.query, a.query], rowOf));
    expect([...rows]).toEqual([rowOf(c.query), rowOf(a.query)]);
    expect(misses.map(missRefilled)).toEqual([false, true]);
  });
});
