// How much slower each call to a dependency ran than that same operation normally runs there. Comparing
// like with like (per statement or endpoint) keeps a change in the mix — more calls of a slow report, fewer
// of a fast lookup — from looking like the dependency itself slowing down.
import type { RowBuckets } from './cascading-failure-buckets.ts';
import { percentileInPlace } from './cascading-failure-percentile.ts';
import { percentile } from './series-math.ts';
import { NONE, type SpanColumns } from './span-columns.ts';
import { CALL_TARGET, OUTBOUND_CALL, SPAN_NAME, STATEMENT } from './span-facts.ts';

/** The operation of each call, numbered 0 … count − 1 in order of appearance, and each operation's number of calls. */
export interface Operations {
  of: Int32Array;
  count: number;
  calls: number[];
}

/**
 * Each row's operation: its normalized statement, else the call target of an outbound call, else the span name
 * (string ids of one table, so the same text is the same operation whichever fact it came from). The later facts
 * are asked for only when some row needs them: a window of SQL calls never needs the names.
 */
export function operationsOf(columns: SpanColumns, rows: Int32Array): Operations {
  const none = NONE;
  const statement = columns.fact(STATEMENT);
  let outbound: Int32Array | undefined;
  let target: Int32Array | undefined;
  let name: Int32Array | undefined;
  const numbers = new Map<number, number>();
  const of = new Int32Array(rows.length);
  const calls: number[] = [];
  // Calls of one operation often come in a row: remember the last one's number rather than look it up.
  let lastShape = none - 1;
  let lastNumber = 0;
  for (let k = 0; k < rows.length; k += 1) {
    const row = rows[k];
    let shape = statement[row];
    if (shape === none) {
      outbound ??= columns.fact(OUTBOUND_CALL);
      shape = outbound[row] === 1 ? (target ??= columns.fact(CALL_TARGET))[row] : (name ??= columns.fact(SPAN_NAME))[row];
    }
    if (shape !== lastShape) {
      let number = numbers.get(shape);
      if (number === undefined) {
        number = numbers.size;
        numbers.set(shape, number);
        calls.push(0);
      }
      lastShape = shape;
      lastNumber = number;
    }
    of[k] = lastNumber;
    calls[lastNumber] += 1;
  }
  return { of, count: numbers.size, calls };
}

/** Whether a call that took `ms` ran at least `ratio` times and `minExtraMs` slower than its operation's healthy `baseMs`. */
export function isSlowerThan(ms: number, baseMs: number, ratio: number, minExtraMs: number): boolean {
  return ms / Math.max(0.05, baseMs) >= ratio && ms - baseMs >= minExtraMs;
}

/**
 * Each operation's healthy duration (ms): the better quarter of its per-bucket medians (the trouble may cover
 * most of the window). NaN for an operation seen in fewer than `minBuckets` buckets: its calls have no slowdown.
 * `operations` is by position in `buckets.rows`.
 */
export function healthyDurations(columns: SpanColumns, buckets: RowBuckets, operations: Operations, minBuckets = 3): Float64Array {
  const grouped = durationsByOperation(columns, buckets, operations);
  const healthy = new Float64Array(operations.count).fill(Number.NaN);
  for (let s = 0; s < operations.count; s += 1) {
    const medians = bucketMedians(grouped, s);
    if (medians.length >= minBuckets) healthy[s] = percentile(medians, 25);
  }
  return healthy;
}

interface Grouped {
  /** Operation s has positions from[s] … from[s + 1] − 1. */
  from: Int32Array;
  bucketOf: Int32Array;
  durationMs: Float64Array;
}

// The passes over every call are small functions of their own: a first evaluation runs each pass before V8 has
// optimized it, and V8 compiles a small function sooner (on-stack, mid-loop) than a large one.

/** The calls' durations grouped by operation, each operation's still in bucket order (a stable counting sort). */
function durationsByOperation(columns: SpanColumns, buckets: RowBuckets, operations: Operations): Grouped {
  const { rows, offsets } = buckets;
  const { startNs, endNs } = columns;
  const op = operations.of;
  const from = new Int32Array(operations.count + 1);
  for (let s = 0; s < operations.count; s += 1) from[s + 1] = from[s] + operations.calls[s];
  const next = from.slice(0, operations.count);
  const bucketOf = new Int32Array(rows.length);
  const durationMs = new Float64Array(rows.length);
  for (let b = 0; b < buckets.count; b += 1) {
    for (let k = offsets[b]; k < offsets[b + 1]; k += 1) {
      const at = next[op[k]]++;
      bucketOf[at] = b;
      durationMs[at] = (endNs[rows[k]] - startNs[rows[k]]) / 1e6;
    }
  }
  return { from, bucketOf, durationMs };
}

/** The median duration of operation s in each bucket it appears in (reorders its durations). */
function bucketMedians({ from, bucketOf, durationMs }: Grouped, s: number): number[] {
  const median = percentileInPlace;
  const medians: number[] = [];
  for (let i = from[s]; i < from[s + 1]; ) {
    let j = i + 1;
    while (j < from[s + 1] && bucketOf[j] === bucketOf[i]) j += 1;
    medians.push(median(durationMs.subarray(i, j), 50));
    i = j;
  }
  return medians;
}
