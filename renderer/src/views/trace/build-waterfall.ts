// Lays out a trace for the waterfall: spans in tree order (children under their parent, by start
// time), each with its depth and its offset and width as fractions of the whole trace.
// Spans whose parent is missing from the trace become roots, so nothing is dropped.
import type { SpanRow } from '../../../../common/api-contract.ts';
import { parseNanos } from '../../format/duration.ts';

export interface WaterfallRow {
  span: SpanRow;
  depth: number;
  /** Start relative to the trace start, 0..1. */
  offset: number;
  /** Duration relative to the trace duration, 0..1. */
  width: number;
  /** Nanoseconds from the trace start. */
  offsetNano: bigint;
  childCount: number;
  /** The parent id is set but that span is not in the trace. */
  orphan: boolean;
}

export interface Waterfall {
  rows: WaterfallRow[];
  /** Unix ns of the earliest start. */
  startNano: bigint;
  /** Nanoseconds from the earliest start to the latest end. */
  durationNano: bigint;
  serviceCount: number;
  errorCount: number;
}

function startOf(span: SpanRow): bigint {
  return parseNanos(span.startTimeUnixNano) ?? 0n;
}

function durationOf(span: SpanRow): bigint {
  const duration = parseNanos(span.durationNano) ?? 0n;
  return duration > 0n ? duration : 0n;
}

/** Orders spans by start, then id; starts are parsed once (a 10,000-span trace sorts in a few ms). */
function byStart(starts: ReadonlyMap<SpanRow, bigint>): (a: SpanRow, b: SpanRow) => number {
  return (a, b) => {
    const diff = (starts.get(a) ?? 0n) - (starts.get(b) ?? 0n);
    return diff < 0n ? -1 : diff > 0n ? 1 : a.spanId < b.spanId ? -1 : a.spanId > b.spanId ? 1 : 0;
  };
}

/** a/b as a float without overflowing: both are bigint nanoseconds. */
function ratio(part: bigint, whole: bigint): number {
  if (whole <= 0n) return 0;
  return Number((part * 1_000_000n) / whole) / 1_000_000;
}

export function buildWaterfall(spans: readonly SpanRow[]): Waterfall {
  if (spans.length === 0) return { rows: [], startNano: 0n, durationNano: 0n, serviceCount: 0, errorCount: 0 };

  let startNano = startOf(spans[0]);
  let endNano = startNano;
  const byId = new Map<string, SpanRow>();
  const starts = new Map<SpanRow, bigint>();
  for (const span of spans) {
    const start = startOf(span);
    starts.set(span, start);
    const end = start + durationOf(span);
    if (start < startNano) startNano = start;
    if (end > endNano) endNano = end;
    byId.set(span.spanId, span);
  }
  const durationNano = endNano - startNano;

  const children = new Map<string, SpanRow[]>();
  const roots: SpanRow[] = [];
  for (const span of spans) {
    const parent = span.parentSpanId;
    if (parent !== '' && parent !== span.spanId && byId.has(parent)) {
      const list = children.get(parent);
      if (list) list.push(span);
      else children.set(parent, [span]);
    } else {
      roots.push(span);
    }
  }
  const compareByStart = byStart(starts);
  for (const list of children.values()) list.sort(compareByStart);
  // True roots first, then orphans; each group by start time.
  roots.sort((a, b) => Number(a.parentSpanId !== '') - Number(b.parentSpanId !== '') || compareByStart(a, b));

  const rows: WaterfallRow[] = [];
  const visited = new Set<string>();
  const stack: { span: SpanRow; depth: number }[] = roots.map((span) => ({ span, depth: 0 })).reverse();
  const place = (span: SpanRow, depth: number): void => {
    const offsetNano = (starts.get(span) ?? 0n) - startNano;
    rows.push({
      span,
      depth,
      offset: ratio(offsetNano, durationNano),
      width: ratio(durationOf(span), durationNano),
      offsetNano,
      childCount: children.get(span.spanId)?.length ?? 0,
      orphan: span.parentSpanId !== '' && !byId.has(span.parentSpanId),
    });
  };
  // Iterative DFS: deep traces cannot overflow the call stack, and cycles are cut by `visited`.
  const drain = (): void => {
    for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
      const { span, depth } = item;
      if (visited.has(span.spanId)) continue;
      visited.add(span.spanId);
      place(span, depth);
      const kids = children.get(span.spanId) ?? [];
      for (let index = kids.length - 1; index >= 0; index -= 1) stack.push({ span: kids[index], depth: depth + 1 });
    }
  };
  drain();
  // Spans only reachable through a parent cycle were never pushed: add them as roots.
  const unvisited = visited.size < spans.length ? [...spans].sort(compareByStart) : [];
  for (const span of unvisited) {
    if (!visited.has(span.spanId)) {
      stack.push({ span, depth: 0 });
      drain();
    }
  }

  return {
    rows,
    startNano,
    durationNano,
    serviceCount: new Set(spans.map((span) => span.serviceName)).size,
    errorCount: spans.filter((span) => span.statusCode === 'error').length,
  };
}

/** Evenly spaced axis ticks at "nice" durations (1, 2, 5 × 10^n ns), including zero. */
export function timeTicks(durationNano: bigint, maxTicks = 6): bigint[] {
  if (durationNano <= 0n) return [0n];
  const intervals = BigInt(Math.max(1, maxTicks - 1));
  const rough = (durationNano + intervals - 1n) / intervals;
  let step = 1n;
  while (step < rough) {
    if (step * 2n >= rough) {
      step *= 2n;
      break;
    }
    if (step * 5n >= rough) {
      step *= 5n;
      break;
    }
    step *= 10n;
  }
  const ticks: bigint[] = [];
  for (let tick = 0n; tick <= durationNano; tick += step) ticks.push(tick);
  return ticks;
}
