// Bursts in time: the most distinct traces doing one thing within a short window, and the usual number per
// window before it (the median, so earlier bursts do not inflate the baseline).
// Times are compared as nanoseconds from the earliest start, held in doubles: exact for spans up to 104 days
// apart (2^53 ns), and free of the BigInt arithmetic that dominated these loops on large windows.
import type { Span } from '../common/telemetry.ts';
import { percentile } from './series-math.ts';

/** Each item's start in nanoseconds after the earliest one, and that earliest start. */
function offsets<T extends { span: Span }>(items: readonly T[]): { base: bigint; at: Float64Array } {
  let base = items.length > 0 ? items[0].span.startTimeUnixNano : 0n;
  for (const item of items) if (item.span.startTimeUnixNano < base) base = item.span.startTimeUnixNano;
  const at = new Float64Array(items.length);
  for (let i = 0; i < items.length; i += 1) at[i] = Number(items[i].span.startTimeUnixNano - base);
  return { base, at };
}

/**
 * The items (each with a span) in the window of `windowNanos` that holds the most distinct traces, by span
 * start; earliest such window on ties. Linear after the sort: the window slides with a count per trace.
 */
export function largestTraceBurst<T extends { span: Span }>(input: readonly T[], windowNanos: bigint): { items: T[]; traces: number } {
  const { at } = offsets(input);
  // A stable sort by start (input order among equal starts), on numbers.
  const order = Array.from({ length: input.length }, (_, i) => i).sort((a, b) => at[a] - at[b] || a - b);
  const window = Number(windowNanos);
  const perTrace = new Map<string, number>();
  let best = { from: 0, to: -1, traces: 0 };
  let first = 0;
  for (let last = 0; last < order.length; last += 1) {
    const id = input[order[last]].span.traceId;
    perTrace.set(id, (perTrace.get(id) ?? 0) + 1);
    while (at[order[last]] - at[order[first]] > window) {
      const gone = input[order[first]].span.traceId;
      const left = (perTrace.get(gone) ?? 1) - 1;
      if (left === 0) perTrace.delete(gone);
      else perTrace.set(gone, left);
      first += 1;
    }
    if (perTrace.size > best.traces) best = { from: first, to: last, traces: perTrace.size };
  }
  const items: T[] = [];
  for (let i = best.from; i <= best.to; i += 1) items.push(input[order[i]]);
  return { items, traces: best.traces };
}

/** Median number of spans per window-sized slice of [historyFrom, start); slices counted back from `start`. */
export function medianPerWindow(spans: readonly Span[], historyFrom: bigint, start: bigint, windowNanos: bigint): number {
  const slices = Number((start - historyFrom) / windowNanos);
  if (slices <= 0) return 0;
  const counts = new Array<number>(slices).fill(0);
  const earliest = start - BigInt(slices) * windowNanos;
  const window = Number(windowNanos);
  for (const span of spans) {
    const t = span.startTimeUnixNano;
    if (t >= start || t < earliest) continue;
    // Within [earliest, start): the distance back from start fits a double exactly.
    counts[Math.floor(Number(start - 1n - t) / window)] += 1;
  }
  return percentile(counts, 50);
}

export const distinctTraces = (spans: readonly Span[]): number => new Set(spans.map((s) => s.traceId)).size;
