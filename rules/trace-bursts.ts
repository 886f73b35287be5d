// Bursts in time: the most distinct traces doing one thing within a short window, and the usual number per
// window before it (the median, so earlier bursts do not inflate the baseline).
// Works on rows of the span columns (span-columns.ts): start times as exact integer nanoseconds in doubles and
// trace ids as small integers, so a pass over 100,000 spans of one operation reads typed arrays only, with no
// BigInt arithmetic and no span objects.
import { percentile } from './series-math.ts';

/** Rows sorted by start (row order among equal starts), with the columns they index. */
export interface TimedRows {
  readonly rows: Int32Array;
  /** Start of each row, nanoseconds (SpanColumns.startNs). */
  readonly startNs: Float64Array;
  /** Trace id of each row (SpanColumns.trace). */
  readonly trace: Int32Array;
}

/** The positions [from, to] in `rows` of a burst and its number of distinct traces (to < from when empty). */
export interface BurstRange {
  from: number;
  to: number;
  traces: number;
}

/**
 * Per-trace counters for the sliding window: one slot per trace id, all zero between calls (every function here
 * leaves them so), shared by the calls of one evaluation instead of a Map per call.
 */
export const traceCounters = (traceIds: number): Int32Array => new Int32Array(traceIds);

/** `rows` in start order, row order among equal starts (the stable sort the burst search expects). */
export function sortByStart(rows: Int32Array, startNs: Float64Array): Int32Array {
  // Rows mostly arrive in time order: check before paying for a sort.
  for (let i = 1; i < rows.length; i += 1) {
    if (startNs[rows[i]] < startNs[rows[i - 1]] || (startNs[rows[i]] === startNs[rows[i - 1]] && rows[i] < rows[i - 1])) {
      return rows.slice().sort((a, b) => startNs[a] - startNs[b] || a - b);
    }
  }
  return rows;
}

/** The first position in the sorted `rows` whose start is at or after `ns` (rows.length when none is). */
export function firstStartingAt({ rows, startNs }: TimedRows, ns: number): number {
  let low = 0;
  let high = rows.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (startNs[rows[middle]] < ns) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * The window of `windowNs` (by span start) that holds the most distinct traces; earliest such window on ties.
 * Linear: the window slides over the sorted rows with a count per trace.
 */
export function largestTraceBurst({ rows, startNs, trace }: TimedRows, windowNs: number, counters: Int32Array): BurstRange {
  let best: BurstRange = { from: 0, to: -1, traces: 0 };
  let distinct = 0;
  let first = 0;
  for (let last = 0; last < rows.length; last += 1) {
    const id = trace[rows[last]];
    if (counters[id] === 0) distinct += 1;
    counters[id] += 1;
    const at = startNs[rows[last]];
    while (at - startNs[rows[first]] > windowNs) {
      const gone = trace[rows[first]];
      counters[gone] -= 1;
      if (counters[gone] === 0) distinct -= 1;
      first += 1;
    }
    if (distinct > best.traces) best = { from: first, to: last, traces: distinct };
  }
  for (let i = first; i < rows.length; i += 1) counters[trace[rows[i]]] = 0;
  return best;
}

/** Distinct traces among the rows that start within [fromNs, toNs]. */
export function distinctTracesBetween(timed: TimedRows, fromNs: number, toNs: number, counters: Int32Array): number {
  const { rows, startNs, trace } = timed;
  const first = firstStartingAt(timed, fromNs);
  let end = first;
  let distinct = 0;
  for (; end < rows.length && startNs[rows[end]] <= toNs; end += 1) {
    if (counters[trace[rows[end]]] === 0) distinct += 1;
    counters[trace[rows[end]]] = 1;
  }
  for (let i = first; i < end; i += 1) counters[trace[rows[i]]] = 0;
  return distinct;
}

/**
 * Median number of rows per window-sized slice of [historyFrom, start); slices counted back from `start`.
 * `toNs` turns Unix nanoseconds into the scale of `startNs`.
 */
export function medianPerWindow(timed: TimedRows, toNs: (unixNano: bigint) => number, historyFrom: bigint, start: bigint, windowNanos: bigint): number {
  const slices = Number((start - historyFrom) / windowNanos);
  if (slices <= 0) return 0;
  const counts = new Array<number>(slices).fill(0);
  const until = toNs(start);
  const window = Number(windowNanos);
  const { rows, startNs } = timed;
  for (let i = firstStartingAt(timed, toNs(start - BigInt(slices) * windowNanos)); i < rows.length; i += 1) {
    const t = startNs[rows[i]];
    if (t >= until) break;
    // Exact: both are integers below 2^53, so the quotient floors to the right slice.
    counts[Math.floor((until - 1 - t) / window)] += 1;
  }
  return percentile(counts, 50);
}

/**
 * Distinct traces that started in each `bucketNanos` step from the earliest row: the burst as a spike, empty
 * steps as zero. No points when that would take more than 1,001 steps.
 */
export function tracesPerBucket(
  { rows, startNs, trace }: TimedRows,
  toUnixNano: (ns: number) => bigint,
  bucketNanos: bigint,
): { timeUnixNano: string; value: number }[] {
  if (rows.length === 0) return [];
  let first = startNs[rows[0]];
  for (let i = 1; i < rows.length; i += 1) if (startNs[rows[i]] < first) first = startNs[rows[i]];
  const bucket = Number(bucketNanos);
  const buckets = new Map<number, Set<number>>();
  let last = 0;
  for (let i = 0; i < rows.length; i += 1) {
    const step = Math.floor((startNs[rows[i]] - first) / bucket);
    let traces = buckets.get(step);
    if (traces === undefined) buckets.set(step, (traces = new Set<number>()));
    traces.add(trace[rows[i]]);
    if (step > last) last = step;
  }
  if (last > 1_000) return [];
  const from = toUnixNano(first);
  const points: { timeUnixNano: string; value: number }[] = [];
  for (let step = 0; step <= last; step += 1) points.push({ timeUnixNano: (from + BigInt(step) * bucketNanos).toString(), value: buckets.get(step)?.size ?? 0 });
  return points;
}
