import { describe, expect, it } from 'vitest';
import type { Span } from '../common/telemetry.ts';
import { buildSpan, spanIdFor, traceIdFor } from '../fixtures/domain-builders.ts';
import { evidenceTree } from './evidence-tree.ts';
import { RollingEvidence } from './rolling-evidence.ts';
import { spanTree, type SpanTree } from './span-tree.ts';

const SECOND = 1_000_000_000n;
const T0 = 1_700_000_000n * SECOND;

/** Trace `t`: a root at `t` seconds with three children whose start order differs from their arrival order. */
function trace(t: number): Span[] {
  const at = T0 + BigInt(t) * SECOND;
  const root = buildSpan({ traceId: traceIdFor(t), spanId: spanIdFor(t * 10), startTimeUnixNano: at, endTimeUnixNano: at + SECOND / 2n });
  const child = (n: number, startMs: number): Span =>
    buildSpan({
      traceId: root.traceId,
      spanId: spanIdFor(t * 10 + n),
      parentSpanId: root.spanId,
      kind: 'client',
      name: `child ${n}`,
      startTimeUnixNano: at + BigInt(startMs) * 1_000_000n,
      endTimeUnixNano: at + BigInt(startMs + 10) * 1_000_000n,
    });
  return [child(1, 30), child(2, 10), child(3, 20), root];
}

/** The tree as comparable data: span ids by key, and child span ids in order. */
function shape(tree: SpanTree): { ids: [string, string][]; children: [string, string[]][] } {
  return {
    ids: [...tree.byId].map(([key, span]) => [key, span.spanId] as [string, string]).sort(),
    children: [...tree.children].map(([key, list]) => [key, list.map((s) => s.spanId)] as [string, string[]]).sort(),
  };
}

describe('RollingEvidence span tree', () => {
  it('hands the rules the same tree a rebuild would give, as spans arrive and age out of the window', () => {
    const evidence = new RollingEvidence({ spanWindowNanos: 10n * SECOND });
    for (let t = 0; t < 30; t += 1) {
      evidence.add({ spans: trace(t), metricPoints: [] });
      const snapshot = evidence.snapshot(T0 + BigInt(t + 1) * SECOND);
      const kept = snapshot.spanTree?.();
      expect(kept, `tick ${t}`).toBeDefined();
      expect(shape(kept!)).toEqual(shape(spanTree(snapshot.spans)));
      expect(evidenceTree(snapshot)).toBe(kept);
    }
    // Only the last ten seconds remain, children in start order.
    const last = evidence.snapshot(T0 + 30n * SECOND);
    expect(last.spans.length).toBe(4 * 10);
    const root = last.spans.find((s) => s.spanId === spanIdFor(290))!;
    expect(evidenceTree(last).children.get(`${root.traceId}/${root.spanId}`)?.map((s) => s.name)).toEqual(['child 2', 'child 3', 'child 1']);
  });

  it('builds the tree only once a rule asks for it, from every span held, and keeps it in step after', () => {
    const evidence = new RollingEvidence({ spanWindowNanos: 10n * SECOND });
    for (let t = 0; t < 15; t += 1) evidence.add({ spans: trace(t), metricPoints: [] });
    const first = evidence.snapshot(T0 + 15n * SECOND);
    const built = first.spanTree?.();
    expect(shape(built!)).toEqual(shape(spanTree(first.spans)));
    for (let t = 15; t < 25; t += 1) evidence.add({ spans: trace(t), metricPoints: [] });
    const later = evidence.snapshot(T0 + 25n * SECOND);
    const kept = later.spanTree?.();
    expect(kept).toBe(built);
    expect(shape(kept!)).toEqual(shape(spanTree(later.spans)));
  });

  it('rebuilds the tree when the snapshot hides spans that end after it, or when spans arrived since it was taken', () => {
    const evidence = new RollingEvidence();
    evidence.add({ spans: trace(0), metricPoints: [] });
    // A snapshot taken before the root ended must not see the root in its tree.
    const early = evidence.snapshot(T0 + SECOND / 4n);
    expect(early.spanTree?.()).toBeUndefined();
    expect(evidenceTree(early).byId.size).toBe(3);

    const stale = evidence.snapshot(T0 + SECOND);
    evidence.add({ spans: trace(1), metricPoints: [] });
    expect(stale.spanTree?.()).toBeUndefined();
    expect(evidenceTree(stale).byId.size).toBe(4);
  });

  it('keeps a duplicate of a span in the tree when the first copy ages out', () => {
    const evidence = new RollingEvidence({ spanWindowNanos: 10n * SECOND });
    const [first] = trace(0);
    evidence.add({ spans: [first], metricPoints: [] });
    const duplicate = { ...first, endTimeUnixNano: first.endTimeUnixNano + 20n * SECOND };
    evidence.add({ spans: [duplicate], metricPoints: [] });
    const snapshot = evidence.snapshot(first.endTimeUnixNano + 20n * SECOND);
    expect(snapshot.spans).toHaveLength(1);
    expect(snapshot.spanTree?.()?.byId.get(`${first.traceId}/${first.spanId}`)).toBe(snapshot.spans[0]);
  });
});
