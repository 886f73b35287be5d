// The critical path of a trace: the chain of spans whose time the request actually waited for. From the root,
// take the child that finished last (before the parent's end); then, before that child started, the child
// that finished last before that moment; and so on, into each chosen child the same way. Shortening any span
// off this path would not have made the request faster. (Jaeger computes it the same way.)
import { parseNanos } from '../../format/duration.ts';
import type { WaterfallRow } from './build-waterfall.ts';

interface Node {
  id: string;
  start: bigint;
  end: bigint;
  kids: Node[];
}

/** Span ids on the critical path of the trace's main root (the root that ends last). */
export function criticalPath(rows: readonly WaterfallRow[]): Set<string> {
  const nodes = new Map<string, Node>();
  for (const row of rows) {
    const duration = parseNanos(row.span.durationNano) ?? 0n;
    nodes.set(row.span.spanId, { id: row.span.spanId, start: row.offsetNano, end: row.offsetNano + (duration > 0n ? duration : 0n), kids: [] });
  }
  let root: Node | undefined;
  for (const row of rows) {
    const node = nodes.get(row.span.spanId);
    if (node === undefined) continue;
    const parent = row.depth > 0 ? nodes.get(row.span.parentSpanId) : undefined;
    if (parent !== undefined) parent.kids.push(node);
    else if (root === undefined || node.end > root.end) root = node;
  }
  const onPath = new Set<string>();
  if (root === undefined) return onPath;
  // Explicit stack: a deep trace must not overflow the call stack.
  const stack: { node: Node; until: bigint }[] = [{ node: root, until: root.end }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const { node } = item;
    if (onPath.has(node.id)) continue;
    onPath.add(node.id);
    let cursor = item.until < node.end ? item.until : node.end;
    const byEnd = [...node.kids].sort((a, b) => (a.end === b.end ? 0 : a.end > b.end ? -1 : 1));
    for (const kid of byEnd) {
      if (kid.start >= cursor) continue;
      stack.push({ node: kid, until: cursor });
      cursor = kid.start;
      if (cursor <= node.start) break;
    }
  }
  return onPath;
}

/** Index of the next (or, backwards, previous) error row after `from`, wrapping around; -1 when none. */
export function nextErrorIndex(rows: readonly WaterfallRow[], from: number, backwards = false): number {
  const count = rows.length;
  for (let step = 1; step <= count; step += 1) {
    const index = (((backwards ? from - step : from + step) % count) + count) % count;
    if (rows[index]?.span.statusCode === 'error') return index;
  }
  return -1;
}
