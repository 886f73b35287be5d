// Parent/child structure of the spans in the window: children by parent, and each span's entry point into
// its own service (the server or consumer span a request arrived on), which is what a caller experiences.
import type { EvidenceSpan } from './evidence.ts';
import { memoizeBySpan } from './span-memo.ts';

export interface SpanTree {
  byId: Map<string, EvidenceSpan>;
  /** Children of a span, keyed by traceId + parent span id, in start order. */
  children: Map<string, EvidenceSpan[]>;
}

const idOf = (traceId: string, spanId: string): string => `${traceId}/${spanId}`;
/** The span's own key and its parent's, made once per span rather than on every evaluation. */
const ownKey = memoizeBySpan((span: EvidenceSpan): string => idOf(span.traceId, span.spanId));
/** "traceId/spanId": a span's identity as a map key, made once per span. */
export const spanKey: (span: EvidenceSpan) => string = ownKey;
const parentKey = memoizeBySpan((span: EvidenceSpan): string => (span.parentSpanId === '' ? '' : idOf(span.traceId, span.parentSpanId)));

export function spanTree(spans: readonly EvidenceSpan[]): SpanTree {
  const byId = new Map<string, EvidenceSpan>();
  const children = new Map<string, EvidenceSpan[]>();
  for (const span of spans) {
    byId.set(ownKey(span), span);
    if (span.parentSpanId === '') continue;
    const key = parentKey(span);
    const list = children.get(key);
    if (list === undefined) children.set(key, [span]);
    else list.push(span);
  }
  for (const list of children.values()) list.sort(byStartTime);
  return { byId, children };
}

const byStartTime = (a: EvidenceSpan, b: EvidenceSpan): number => (a.startTimeUnixNano < b.startTimeUnixNano ? -1 : a.startTimeUnixNano > b.startTimeUnixNano ? 1 : 0);

/**
 * The same tree kept up to date as spans enter and leave a rolling window, so a tick costs what changed rather
 * than a rebuild of the whole window.
 */
export class IncrementalSpanTree {
  readonly tree: SpanTree = { byId: new Map(), children: new Map() };

  add(span: EvidenceSpan): void {
    this.tree.byId.set(ownKey(span), span);
    if (span.parentSpanId === '') return;
    const key = parentKey(span);
    const list = this.tree.children.get(key);
    if (list === undefined) {
      this.tree.children.set(key, [span]);
      return;
    }
    // Children mostly arrive in start order: find the place from the end.
    let at = list.length;
    while (at > 0 && byStartTime(list[at - 1], span) > 0) at -= 1;
    list.splice(at, 0, span);
  }

  remove(span: EvidenceSpan): void {
    const own = ownKey(span);
    // A duplicate of this span may have replaced it since; that one stays.
    if (this.tree.byId.get(own) === span) this.tree.byId.delete(own);
    if (span.parentSpanId === '') return;
    const key = parentKey(span);
    const list = this.tree.children.get(key);
    if (list === undefined) return;
    const at = list.indexOf(span);
    if (at >= 0) list.splice(at, 1);
    if (list.length === 0) this.tree.children.delete(key);
  }
}

export function parentOf(tree: SpanTree, span: EvidenceSpan): EvidenceSpan | undefined {
  return span.parentSpanId === '' ? undefined : tree.byId.get(parentKey(span));
}

export function childrenOf(tree: SpanTree, span: EvidenceSpan): readonly EvidenceSpan[] {
  return tree.children.get(ownKey(span)) ?? [];
}

/**
 * The span through which the request entered `span`'s service: the nearest server/consumer ancestor within
 * the same service, or the topmost ancestor of that service present in the window. The span itself if none.
 */
export function entrySpanOf(tree: SpanTree, span: EvidenceSpan): EvidenceSpan {
  const service = span.resource.serviceName;
  let current = span;
  let top = span;
  for (let depth = 0; depth < 64; depth += 1) {
    if (current.kind === 'server' || current.kind === 'consumer') return current;
    const parent = parentOf(tree, current);
    if (parent === undefined || parent.resource.serviceName !== service) return top;
    current = parent;
    top = parent;
  }
  return top;
}
