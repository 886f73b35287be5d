import { describe, expect, it } from 'vitest';
import { healthyDurations, isSlowerThan, operationsOf } from './call-slowdown.ts';
import { bucketRows } from './cascading-failure-buckets.ts';
import type { EvidenceSpan } from './evidence.ts';
import { SpanColumnStore } from './span-columns.ts';
import { SECOND, T0 } from './test-evidence.ts';
import { httpClientSpan, pgSpan, redisSpan, serverSpan } from './test-spans.ts';

const root = serverSpan(1, { at: T0, ms: 20_000 });
const query = (second: number, ms: number, statement: string | null): EvidenceSpan => ({ ...pgSpan(root, { at: T0 + BigInt(second) * SECOND, ms }, 'SELECT 1'), normalizedStatement: statement });
const call = (second: number, ms: number, path: string): EvidenceSpan => ({ ...httpClientSpan(root, { at: T0 + BigInt(second) * SECOND, ms }, `http://inventory:8080${path}`), normalizedStatement: null });
const cache = (second: number, ms: number): EvidenceSpan => ({ ...redisSpan(root, { at: T0 + BigInt(second) * SECOND, ms }, 'get', 'k'), normalizedStatement: null });

describe('operationsOf', () => {
  it('numbers statements, then call targets (ids as templates), then span names, in order of appearance', () => {
    const spans = [query(0, 1, 'select a'), call(0, 1, '/stock/1'), query(0, 1, 'select b'), call(0, 1, '/stock/2'), cache(0, 1), query(0, 1, 'select a'), cache(0, 1)];
    const columns = SpanColumnStore.of(spans);
    const operations = operationsOf(columns, Int32Array.from(spans.keys()));
    expect([...operations.of]).toEqual([0, 1, 2, 1, 3, 0, 3]);
    expect(operations.count).toBe(4);
  });
});

describe('healthyDurations', () => {
  it('takes the lower quartile of each operation’s per-bucket medians; operations seen in too few buckets get none', () => {
    // 5 s buckets: "select a" in three of them (medians 20, 10, 100: healthy 10 ms), the endpoint in only two.
    const spans = [query(1, 10, 'select a'), query(2, 30, 'select a'), query(3, 20, 'select a'), call(1, 50, '/stock/1'), query(6, 10, 'select a'), query(7, 10, 'select a'), call(6, 70, '/stock/2'), query(11, 100, 'select a')];
    const columns = SpanColumnStore.of(spans);
    const buckets = bucketRows([...spans.keys()], columns, T0, T0 + 15n * SECOND, 5n * SECOND);
    const operations = operationsOf(columns, buckets.rows);
    expect(operations.calls).toEqual([6, 2]);
    expect([...healthyDurations(columns, buckets, operations)]).toEqual([10, Number.NaN]);
  });
});

describe('isSlowerThan', () => {
  it('needs both the ratio and the extra time, against a healthy level of at least 0.05 ms', () => {
    expect(isSlowerThan(30, 10, 3, 20)).toBe(true);
    expect(isSlowerThan(29, 10, 3, 10)).toBe(false);
    expect(isSlowerThan(300, 10, 3, 300)).toBe(false);
    expect(isSlowerThan(0.2, 0, 3, 0.1)).toBe(true);
    expect(isSlowerThan(0.1, 0, 3, 0.05)).toBe(false);
  });
});
