// Bursts in time: the most distinct traces doing one thing within a short window, and the usual number per
// window before it (the median, so earlier bursts do not inflate the baseline).
import type { Span } from '../common/telemetry.ts';
import { percentile } from './series-math.ts';

const byStart = (a: { span: Span }, b: { span: Span }): number => (a.span.startTimeUnixNano < b.span.startTimeUnixNano ? -1 : a.span.startTimeUnixNano > b.span.startTimeUnixNano ? 1 : 0);

/**
 * The items (each with a span) in the window of `windowNanos` that holds the most distinct traces, by span
 * start; earliest such window on ties. Linear: the window slides with a count per trace.
 */
export function largestTraceBurst<T extends { span: Span }>(input: readonly T[], windowNanos: bigint): { items: T[]; traces: number } {
  const items = [...input].sort(byStart);
  const perTrace = new Map<string, number>();
  let best = { from: 0, to: -1, traces: 0 };
  let first = 0;
  for (let last = 0; last < items.length; last += 1) {
    const id = items[last].span.traceId;
    perTrace.set(id, (perTrace.get(id) ?? 0) + 1);
    while (items[last].span.startTimeUnixNano - items[first].span.startTimeUnixNano > windowNanos) {
      const gone = items[first].span.traceId;
      const left = (perTrace.get(gone) ?? 1) - 1;
      if (left === 0) perTrace.delete(gone);
      else perTrace.set(gone, left);
      first += 1;
    }
    if (perTrace.size > best.traces) best = { from: first, to: last, traces: perTrace.size };
  }
  return { items: items.slice(best.from, best.to + 1), traces: best.traces };
}

/** Median number of spans per window-sized slice of [historyFrom, start); slices counted back from `start`. */
export function medianPerWindow(spans: readonly Span[], historyFrom: bigint, start: bigint, windowNanos: bigint): number {
  const slices = Number((start - historyFrom) / windowNanos);
  if (slices <= 0) return 0;
  const counts = new Array<number>(slices).fill(0);
  const earliest = start - BigInt(slices) * windowNanos;
  for (const span of spans) {
    if (span.startTimeUnixNano >= start || span.startTimeUnixNano < earliest) continue;
    counts[Number((start - 1n - span.startTimeUnixNano) / windowNanos)] += 1;
  }
  return percentile(counts, 50);
}

export const distinctTraces = (spans: readonly Span[]): number => new Set(spans.map((s) => s.traceId)).size;
