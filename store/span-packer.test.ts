// Spans packed on another thread against a mirror of the dictionary must store exactly what the store's own
// packing stores: the mirror knows only committed ids, so new strings travel inline or as batch strings.
import { afterEach, describe, expect, it } from 'vitest';
import type { Span } from '../common/telemetry.ts';
import { DictionaryMirror } from './dictionary-mirror.ts';
import { SpanPacker } from './span-packer.ts';
import { buildSpan, buildTypicalSpans, closeTestStores, openTestStore, removeTempDirs } from './test-builders.ts';
import type { TelemetryStore } from './telemetry-store.ts';

afterEach(() => {
  closeTestStores();
  removeTempDirs();
});

const asBatch = (packer: SpanPacker, spans: Span[]) => ({ spans: [], metricPoints: [], logs: [], packedSpans: packer.pack(spans) });
const readBack = (store: TelemetryStore, spans: Span[]) =>
  [...new Set(spans.map((s) => s.traceId))].flatMap((traceId) => store.spans.traceSpans(traceId).map(({ normalizedStatement: _n, ...span }) => span));

const TRACE = 'ab'.repeat(16);

function unusualSpans(): Span[] {
  return [
    buildSpan({
      traceId: TRACE,
      spanId: '00000000000000a1',
      traceState: 'vendor=1',
      statusCode: 'error',
      statusMessage: 'pool timeout',
      attributes: { 'db.system.name': 'postgresql', 'db.query.text': "SELECT * FROM t WHERE name = 'x'", 'http.response.status_code': 503, 'custom.key': 'custom value' },
      events: [{ timeUnixNano: 1_700_000_000_000_000_100n, name: 'exception', attributes: { 'exception.type': 'Timeout' }, droppedAttributesCount: 0 }],
    }),
    buildSpan({ traceId: TRACE, spanId: '00000000000000a2', parentSpanId: '00000000000000a1', name: 'child', kind: 'client' }),
  ];
}

describe('SpanPacker with a DictionaryMirror', () => {
  it('stores spans exactly when the mirror knows no string yet', () => {
    const store = openTestStore();
    const packer = new SpanPacker(new DictionaryMirror());
    const spans = [...buildTypicalSpans(40), ...unusualSpans()];
    const packed = packer.pack(spans);
    expect(packed.strings).toContain('orders');
    store.insertBatch({ spans: [], metricPoints: [], logs: [], packedSpans: packed });
    expect(readBack(store, spans)).toStrictEqual(spans);
    expect(store.counts().spans).toBe(spans.length);
  });

  it('once it has learned the committed ids, packs the same rows as the store itself', () => {
    const store = openTestStore();
    store.dict.trackAdditions();
    const mirror = new DictionaryMirror();
    const packer = new SpanPacker(mirror);
    store.insertBatch(asBatch(packer, buildTypicalSpans(50)));
    // The writer added the strings the first batch asked for; the mirror learns them after the commit.
    const added = store.dict.takeAdded();
    expect(added.map(([, value]) => value)).toEqual(expect.arrayContaining(['orders', 'db.query.text', 'GET /api/orders/:id']));
    mirror.learn(added);
    // Values are asked for once their key has an id: the second batch asks for them.
    store.insertBatch(asBatch(packer, buildTypicalSpans(50)));
    mirror.learn(store.dict.takeAdded());
    // The same kind of spans again (same values): nothing is left unresolved or inline.
    const again = buildTypicalSpans(50);
    const fromMirror = packer.pack(again);
    const fromStore = new SpanPacker(store.dict).pack(again);
    expect(fromMirror.strings).toEqual([]);
    expect(fromMirror.wanted).toEqual([]);
    expect(Buffer.from(fromMirror.blobs).equals(Buffer.from(fromStore.blobs))).toBe(true);
    expect(fromMirror.numbers).toEqual(fromStore.numbers);
  });

  it('refuses a span with a malformed id before anything reaches the store', () => {
    const packer = new SpanPacker(new DictionaryMirror());
    expect(() => packer.pack([buildSpan({ traceId: 'not-hex' })])).toThrow(/traceId must be 32 hex characters/);
    expect(() => packer.pack([buildSpan({ spanId: '' })])).toThrow(/empty trace or span id/);
  });
});
