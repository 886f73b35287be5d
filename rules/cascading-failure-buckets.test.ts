import { describe, expect, it } from 'vitest';
import { buildSpan } from '../fixtures/domain-builders.ts';
import type { EvidenceSpan } from './evidence.ts';
import { bucketRows } from './cascading-failure-buckets.ts';
import { SpanColumnStore } from './span-columns.ts';
import { SECOND, T0 } from './test-evidence.ts';
import { bucketByTime } from './time-buckets.ts';

const spanAt = (start: bigint): EvidenceSpan => ({ ...buildSpan({ startTimeUnixNano: start, endTimeUnixNano: start + 1_000_000n }), normalizedStatement: null });

describe('bucketRows', () => {
  it('cuts the same buckets as bucketByTime: boundaries, the evaluation time itself, rows outside dropped, order kept', () => {
    const B = 5n * SECOND;
    const at = T0 + 30n * SECOND;
    const starts = [T0 + 29n * SECOND, T0 + 5n * SECOND, T0 + 5n * SECOND - 1n, at, at + 1n, T0 - 1n, T0, T0 + 2n, T0 + 25n * SECOND, T0 + 12n * SECOND, T0 + 25n * SECOND + 1n];
    const spans = starts.map(spanAt);
    const columns = SpanColumnStore.of(spans);
    for (const [from, rows] of [[T0, spans.map((_, i) => i)], [T0 + 3n * SECOND, [0, 2, 1, 3, 8, 9]], [T0 - 100n * SECOND, [5, 4, 3, 2, 1, 0]]] as const) {
      const expected = bucketByTime(rows.map((i) => spans[i]), (s) => s.startTimeUnixNano, from, at, B);
      const buckets = bucketRows(rows, columns, from, at, B);
      expect(buckets.count).toBe(expected.length);
      expected.forEach((bucket, b) => {
        expect([...buckets.rows.subarray(buckets.offsets[b], buckets.offsets[b + 1])].map((row) => spans[row])).toEqual(bucket.items);
        expect(columns.toUnixNano(buckets.startNs(b))).toBe(bucket.startUnixNano);
        expect(buckets.endUnixNano(b)).toBe(bucket.endUnixNano);
      });
    }
  });

  it('has no buckets when the window is empty', () => {
    const columns = SpanColumnStore.of([spanAt(T0)]);
    expect(bucketRows([0], columns, T0, T0, 5n * SECOND).count).toBe(0);
    expect(bucketRows([0], columns, T0, T0 + SECOND, 0n).rows).toHaveLength(0);
  });
});
