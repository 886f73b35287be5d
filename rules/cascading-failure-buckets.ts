// Fixed time buckets of span rows (time-buckets.ts, for rows of the columns instead of span objects): the same
// boundaries, aligned to the evaluation time, but the members of all buckets share one array of row indexes, so
// a window of thousands of 5 s buckets costs a few typed arrays rather than an object and a list per bucket.
import type { SpanColumns } from './span-columns.ts';

export interface RowBuckets {
  /** Number of buckets, oldest first; the last one ends at the evaluation time. */
  readonly count: number;
  /** The bucketed rows, bucket after bucket, in the order given within a bucket. */
  readonly rows: Int32Array;
  /** Bucket b holds positions offsets[b] … offsets[b + 1] − 1 of `rows`. */
  readonly offsets: Int32Array;
  /** Start of bucket b in the columns' scale (nanoseconds after baseUnixNano). */
  startNs(b: number): number;
  /** End of bucket b in Unix nanoseconds. */
  endUnixNano(b: number): bigint;
}

/**
 * The rows by start time in buckets of `bucketNanos` ending at `atUnixNano`, back to `fromUnixNano` (as
 * bucketByTime: a start on a boundary opens the later bucket, the evaluation time itself falls in the last one,
 * rows starting outside are dropped).
 */
export function bucketRows(rows: ArrayLike<number>, columns: SpanColumns, fromUnixNano: bigint, atUnixNano: bigint, bucketNanos: bigint): RowBuckets {
  const count = bucketNanos <= 0n || atUnixNano <= fromUnixNano ? 0 : Number((atUnixNano - fromUnixNano + bucketNanos - 1n) / bucketNanos);
  const bucketNs = Number(bucketNanos);
  // Times are taken back from the evaluation time, which lies among the spans: exact even when the window's
  // start is far from them.
  const atNs = columns.toNs(atUnixNano);
  const { bucketOf, offsets } = bucketsOf(rows, columns.startNs, atNs, bucketNs, count);
  const sorted = new Int32Array(count === 0 ? 0 : offsets[count]);
  const next = offsets.slice(0, count);
  for (let i = 0; i < rows.length; i += 1) {
    const b = bucketOf[i];
    if (b >= 0) sorted[next[b]++] = rows[i];
  }
  return {
    count,
    rows: sorted,
    offsets,
    startNs: (b) => atNs - (count - b) * bucketNs,
    endUnixNano: (b) => atUnixNano - BigInt(count - 1 - b) * bucketNanos,
  };
}

/**
 * Each row's bucket (−1 outside them) and where each bucket's rows start: whole buckets back from the evaluation
 * time, ⌈d / bucket⌉, where a float quotient can round across a whole number and exact products settle it.
 * Its own small function so that V8 optimizes it early in a first evaluation (see call-slowdown.ts).
 */
function bucketsOf(rows: ArrayLike<number>, startNs: Float64Array, atNs: number, bucketNs: number, count: number): { bucketOf: Int32Array; offsets: Int32Array } {
  const bucketOf = new Int32Array(rows.length);
  const offsets = new Int32Array(count + 1);
  for (let i = 0; i < rows.length; i += 1) {
    const d = atNs - startNs[rows[i]];
    let b = -1;
    if (d >= 0) {
      let back = Math.ceil(d / bucketNs);
      if ((back - 1) * bucketNs >= d) back -= 1;
      else if (back * bucketNs < d) back += 1;
      if (back <= count) b = back === 0 ? count - 1 : count - back;
    }
    bucketOf[i] = b;
    if (b >= 0) offsets[b + 1] += 1;
  }
  for (let b = 0; b < count; b += 1) offsets[b + 1] += offsets[b];
  return { bucketOf, offsets };
}
