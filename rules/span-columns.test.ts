import { describe, expect, it } from 'vitest';
import type { EvidenceSpan } from './evidence.ts';
import { RollingEvidence } from './rolling-evidence.ts';
import { defineFact, flagFact, NONE, nameFact, SpanColumnStore } from './span-columns.ts';
import { SECOND, T0 } from './test-evidence.ts';
import { buildResource, buildSpan, spanIdFor, traceIdFor } from '../fixtures/domain-builders.ts';

/** Span i starts i seconds after T0 and lasts 5 ms; its own trace; names cycle op-0, op-1, op-2. */
const at = (i: number, service = 'api'): EvidenceSpan => ({
  ...buildSpan({
    traceId: traceIdFor(i + 1),
    spanId: spanIdFor(i + 1),
    resource: buildResource(service),
    name: `op-${i % 3}`,
    startTimeUnixNano: T0 + BigInt(i) * SECOND,
    endTimeUnixNano: T0 + BigInt(i) * SECOND + 5_000_000n,
  }),
  normalizedStatement: null,
});

let computed = 0;
const EVEN = flagFact('even', (s) => {
  computed += 1;
  return indexOf(s) % 2 === 0;
});
/** Which at(i) a span is. */
const indexOf = (s: EvidenceSpan): number => Number((s.startTimeUnixNano - T0) / SECOND);
const NAME = nameFact('name', (s) => (s.name === 'op-2' ? undefined : s.name));

describe('span columns', () => {
  it('holds each span’s times exactly and its names as ids, row i being spans[i]', () => {
    const spans = [at(0), at(1, 'db'), at(2)];
    const columns = SpanColumnStore.of(spans);
    expect(columns.length).toBe(3);
    expect(columns.spans).toEqual(spans);
    expect(columns.toUnixNano(columns.startNs[2])).toBe(spans[2].startTimeUnixNano);
    expect(columns.endNs[1] - columns.startNs[1]).toBe(5_000_000);
    expect(columns.toNs(T0 + SECOND)).toBe(columns.startNs[1]);
    expect(columns.strings.value(columns.service[1])).toBe('db');
    expect(columns.service[0]).toBe(columns.service[2]);
    expect(columns.strings.value(columns.trace[2])).toBe(spans[2].traceId);
    expect([...columns.fact(NAME)].map((id) => (id === NONE ? null : columns.strings.value(id)))).toEqual(['op-0', 'op-1', null]);
  });

  it('computes a declared fact once per span, as the span arrives', () => {
    const store = new SpanColumnStore(4);
    computed = 0;
    for (let i = 0; i < 3; i += 1) store.append(at(i));
    expect(computed).toBe(3);
    expect([...store.view().fact(EVEN)]).toEqual([1, 0, 1]);
    store.dropFirst(1);
    for (let i = 3; i < 10; i += 1) store.append(at(i)); // grows and moves the rows
    const later = store.view();
    expect([...later.fact(EVEN)]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => (i % 2 === 0 ? 1 : 0)));
    expect(computed).toBe(10);
    expect(later.spans.map((s) => s.name)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => `op-${i % 3}`));
  });

  it('fills a fact declared after spans arrived when a rule first asks, then keeps up as more arrive', () => {
    const store = new SpanColumnStore(4);
    for (let i = 0; i < 3; i += 1) store.append(at(i));
    let late = 0;
    const ODD = defineFact({ name: 'odd', compute: (s: EvidenceSpan) => ((late += 1), indexOf(s) % 2) });
    store.append(at(3));
    expect(late).toBe(0);
    expect([...store.view().fact(ODD)]).toEqual([0, 1, 0, 1]);
    expect(late).toBe(4);
    store.append(at(4));
    expect(late).toBe(5);
    expect([...store.view().fact(ODD)]).toEqual([0, 1, 0, 1, 0]);
    expect(late).toBe(5);
  });

  it('keeps a view true to its own rows after the window moved on', () => {
    const store = new SpanColumnStore(2);
    store.append(at(0));
    store.append(at(1));
    const before = store.view();
    store.dropFirst(1);
    for (let i = 2; i < 6; i += 1) store.append(at(i));
    expect(before.length).toBe(2);
    expect([...before.fact(EVEN)]).toEqual([1, 0]);
    expect(before.toUnixNano(before.startNs[1])).toBe(T0 + SECOND);
    // Names from its facts still read through its own string table.
    expect([...before.fact(NAME)].map((id) => before.strings.value(id))).toEqual(['op-0', 'op-1']);
    expect(before.strings.value(before.service[0])).toBe('api');
  });

  it('follows the rolling evidence window as spans enter, age out and overflow', () => {
    const rolling = new RollingEvidence({ spanWindowNanos: 10n * SECOND, maxSpans: 8 });
    for (let i = 0; i < 30; i += 1) {
      rolling.add({ spans: [at(i)], metricPoints: [] });
      const snapshot = rolling.snapshot(T0 + BigInt(i) * SECOND + SECOND);
      const columns = snapshot.columns();
      expect(columns.spans).toEqual(snapshot.spans);
      expect(Array.from(columns.startNs, (ns) => columns.toUnixNano(ns))).toEqual(snapshot.spans.map((s) => s.startTimeUnixNano));
      expect([...columns.fact(EVEN)]).toEqual(snapshot.spans.map((s) => (indexOf(s) % 2 === 0 ? 1 : 0)));
    }
  });

  it('gives a snapshot cut before the newest spans columns of exactly what it shows', () => {
    const rolling = new RollingEvidence();
    rolling.add({ spans: [at(0), at(1), at(2)], metricPoints: [] });
    const snapshot = rolling.snapshot(T0 + SECOND + SECOND / 2n);
    expect(snapshot.columns().spans.map((s) => s.startTimeUnixNano)).toEqual([T0, T0 + SECOND]);
    expect(snapshot.columns().length).toBe(2);
  });

  it('starts afresh by itself once its strings far outnumber the rows it holds (a long live session)', () => {
    const store = new SpanColumnStore();
    for (let i = 0; i < 70_000; i += 1) store.append(at(i));
    store.dropFirst(70_000 - 10);
    const columns = store.view();
    expect(columns.length).toBe(10);
    expect(columns.strings.size).toBeLessThan(100);
    expect(columns.toUnixNano(columns.startNs[9])).toBe(T0 + 69_999n * SECOND);
    expect([...columns.fact(EVEN)]).toEqual([1, 0, 1, 0, 1, 0, 1, 0, 1, 0]);
  });

  it('starts afresh once the string table passes its limit, keeping the rows', () => {
    const store = new SpanColumnStore();
    for (let i = 0; i < 5; i += 1) store.append(at(i));
    store.dropFirst(2);
    const columns = store.view({ maxStrings: 3 });
    expect(columns.length).toBe(3);
    // One service, three trace ids and the names op-0 and op-1 (op-2 has none).
    expect(columns.strings.size).toBe(6);
    expect(columns.toUnixNano(columns.startNs[0])).toBe(T0 + 2n * SECOND);
  });
});
