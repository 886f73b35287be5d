// Encodes domain spans into PackedSpans: ids as bytes, dictionary references, the attribute and extra blobs, the
// promoted columns (statements normalized). Runs in the store's writing thread (with the StringDictionary) or in
// the receivers' thread (with a DictionaryMirror), so the writer is left with little more than binding values.
import { ChokepointError } from '../common/error-codes.ts';
import type { InstrumentationScope, Resource, Span } from '../common/telemetry.ts';
import { AttributeEncoder } from './attribute-encoder.ts';
import { ByteWriter } from './byte-writer.ts';
import { SPAN_KINDS, STATUS_CODES, codeOf } from './enum-codes.ts';
import { writeIdAt } from './hex-ids.ts';
import { int64 } from './int64.ts';
import type { PackDictionary } from './pack-dictionary.ts';
import { ID_BYTES, NUMBER_FIELDS, NUMBER_STRIDE, SMALL_STRIDE, type PackedSpans } from './packed-spans.ts';
import { PromotedColumns } from './promoted-attributes.ts';
import { SpanExtraEncoder } from './span-extra-codec.ts';

/** A dictionary that collects per-batch strings (DictionaryMirror); the store's own dictionary has none. */
type BatchStrings = { takeBatch(): { strings: string[]; wanted: string[] } };

export class SpanPacker {
  private readonly dict: PackDictionary & Partial<BatchStrings>;
  private readonly promoted: PromotedColumns;
  private readonly attributes: AttributeEncoder;
  private readonly extra: SpanExtraEncoder;
  private readonly blobs = new ByteWriter(256 * 1024);

  constructor(dict: PackDictionary & Partial<BatchStrings>) {
    this.dict = dict;
    this.promoted = new PromotedColumns(dict);
    this.attributes = new AttributeEncoder(dict, this.promoted);
    this.extra = new SpanExtraEncoder(dict);
  }

  /** The attribute encoder (with the promoted sink) for other signals packed by the same dictionary. */
  get attributeEncoder(): AttributeEncoder {
    return this.attributes;
  }

  /** Throws ChokepointError BAD_REQUEST for an id that is not hex of its size or a time outside int64. */
  pack(spans: readonly Span[]): PackedSpans {
    const count = spans.length;
    const ids = Buffer.from(new ArrayBuffer(count * ID_BYTES));
    const small = new Uint8Array(count * SMALL_STRIDE);
    const times = new BigInt64Array(count * 2);
    const numbers = new Float64Array(count * NUMBER_STRIDE);
    const blobEnds = new Uint32Array(count * 2);
    const texts: PackedSpans['texts'] = [];
    const resources: Resource[] = [];
    const resourceIndex = new Map<string, number>();
    const scopes: InstrumentationScope[] = [];
    const scopeIndex = new Map<InstrumentationScope, number>();
    const blobs = this.blobs;
    blobs.reset();
    for (let i = 0; i < count; i += 1) {
      const span = spans[i];
      const idAt = i * ID_BYTES;
      if (!writeIdAt(span.traceId, ids, idAt, 16, 'traceId') || !writeIdAt(span.spanId, ids, idAt + 16, 8, 'spanId')) {
        throw new ChokepointError('BAD_REQUEST', 'a span has an empty trace or span id');
      }
      const hasParent = writeIdAt(span.parentSpanId, ids, idAt + 24, 8, 'parentSpanId');
      const s = i * SMALL_STRIDE;
      small[s] = codeOf(SPAN_KINDS, span.kind);
      small[s + 1] = codeOf(STATUS_CODES, span.statusCode);
      small[s + 2] = hasParent ? 1 : 0;
      times[i * 2] = int64(span.startTimeUnixNano, 'span start time');
      times[i * 2 + 1] = int64(span.endTimeUnixNano - span.startTimeUnixNano, 'span duration');
      const n = i * NUMBER_STRIDE;
      numbers[n + NUMBER_FIELDS.service] = this.dict.ref(span.resource.serviceName);
      numbers[n + NUMBER_FIELDS.name] = this.dict.ref(span.name);
      numbers[n + NUMBER_FIELDS.resource] = indexOf(span.resource.key, span.resource, resources, resourceIndex);
      numbers[n + NUMBER_FIELDS.scope] = indexOf(span.scope, span.scope, scopes, scopeIndex);
      numbers[n + NUMBER_FIELDS.flags] = span.flags;
      if (span.statusMessage !== '' || span.traceState !== '') {
        texts.push([i, span.statusMessage === '' ? null : span.statusMessage, span.traceState === '' ? null : span.traceState]);
      }
      this.promoted.reset();
      const attributes = this.attributes.encode(span.attributes, true);
      if (attributes !== null) blobs.bytes(attributes);
      blobEnds[i * 2] = blobs.pos;
      const values = this.promoted.values;
      for (let c = 0; c < values.length; c += 1) numbers[n + NUMBER_FIELDS.promoted + c] = values[c] ?? NaN;
      const extra = this.extra.encode(span);
      if (extra !== null) blobs.bytes(extra);
      blobEnds[i * 2 + 1] = blobs.pos;
    }
    const packedBlobs = new Uint8Array(blobs.pos);
    const written = blobs.view();
    if (written !== null) packedBlobs.set(written);
    const { strings, wanted } = this.dict.takeBatch?.() ?? { strings: [], wanted: [] };
    return {
      count,
      ids: new Uint8Array(ids.buffer, 0, ids.byteLength),
      small,
      times,
      numbers,
      blobs: packedBlobs,
      blobEnds,
      texts,
      resources,
      scopes,
      strings,
      wanted,
    };
  }
}

/** Position of `item` (identified by `key`) in the batch's `list`, adding it when new. */
function indexOf<K, T>(key: K, item: T, list: T[], index: Map<K, number>): number {
  let at = index.get(key);
  if (at === undefined) {
    at = list.length;
    list.push(item);
    index.set(key, at);
  }
  return at;
}
