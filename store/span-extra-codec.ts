// The `extra` column of a span row: events, links and dropped counts in a compact binary form (NULL when the
// span has none of them). Event times are stored relative to the span start; event names and attribute keys
// use the string dictionary; attributes use the attribute format.
//
// Layout: flags byte (1 = events, 2 = links, 4 = dropped counts), then in that order:
//   dropped:  varint attributes, events, links
//   events:   varint count; per event: time, name, varint blob length + attribute blob, varint dropped count
//             time = 0 + zigzag varint (ns after span start) | 1 + int64 absolute
//             name = varint (dictionary id * 2) | 1 + inline string
//   links:    varint count; per link: 0 + 16 + 8 id bytes | 1 + two inline strings (ids that are not hex),
//             trace state string, varint flags, varint blob length + attribute blob, varint dropped count
import type { Attributes, Span, SpanEvent, SpanLink } from '../common/telemetry.ts';
import { decodeAttributes } from './attribute-decoder.ts';
import { AttributeEncoder } from './attribute-encoder.ts';
import { ByteReader } from './byte-reader.ts';
import { ByteWriter } from './byte-writer.ts';
import type { PackDictionary } from './pack-dictionary.ts';
import type { StringDictionary } from './string-dictionary.ts';

const HAS_EVENTS = 1;
const HAS_LINKS = 2;
const HAS_DROPPED = 4;
/** Event names up to this length go into the dictionary (they are usually a few fixed words). */
const MAX_DICTIONARY_NAME = 64;
const MAX_SAFE_DELTA = BigInt(Number.MAX_SAFE_INTEGER);
const LOWER_HEX = /^[0-9a-f]*$/;

export interface SpanExtra {
  events: SpanEvent[];
  links: SpanLink[];
  droppedAttributesCount: number;
  droppedEventsCount: number;
  droppedLinksCount: number;
}

export class SpanExtraEncoder {
  private readonly out = new ByteWriter(1024);
  private readonly attributes: AttributeEncoder;
  private readonly dict: PackDictionary;

  constructor(dict: PackDictionary) {
    this.dict = dict;
    this.attributes = new AttributeEncoder(dict);
  }

  /** The extra blob of `span`, or null when it has no events, links or dropped counts. Valid until the next call. */
  encode(span: Span): Buffer | null {
    const dropped = span.droppedAttributesCount !== 0 || span.droppedEventsCount !== 0 || span.droppedLinksCount !== 0;
    const flags = (span.events.length > 0 ? HAS_EVENTS : 0) | (span.links.length > 0 ? HAS_LINKS : 0) | (dropped ? HAS_DROPPED : 0);
    if (flags === 0) return null;
    const out = this.out;
    out.reset();
    out.byte(flags);
    if (dropped) {
      out.varint(span.droppedAttributesCount);
      out.varint(span.droppedEventsCount);
      out.varint(span.droppedLinksCount);
    }
    if (span.events.length > 0) {
      out.varint(span.events.length);
      for (const event of span.events) {
        const delta = event.timeUnixNano - span.startTimeUnixNano;
        if (delta <= MAX_SAFE_DELTA && delta >= -MAX_SAFE_DELTA) {
          out.byte(0);
          out.signedVarint(Number(delta));
        } else {
          out.byte(1);
          out.bigint64(event.timeUnixNano);
        }
        const nameId = event.name.length <= MAX_DICTIONARY_NAME ? this.nameId(event.name) : undefined;
        if (nameId !== undefined) {
          out.varint(nameId * 2);
        } else {
          out.byte(1);
          out.string(event.name);
        }
        this.writeAttributes(event.attributes);
        out.varint(event.droppedAttributesCount);
      }
    }
    if (span.links.length > 0) {
      out.varint(span.links.length);
      for (const link of span.links) {
        const start = out.pos;
        out.byte(0);
        // Binary only when that reads back identically (lower-case hex of the right length).
        if (!LOWER_HEX.test(link.traceId) || !LOWER_HEX.test(link.spanId) || !out.hexId(link.traceId, 16) || !out.hexId(link.spanId, 8)) {
          out.pos = start;
          out.byte(1);
          out.string(link.traceId);
          out.string(link.spanId);
        }
        out.string(link.traceState);
        out.varint(link.flags);
        this.writeAttributes(link.attributes);
        out.varint(link.droppedAttributesCount);
      }
    }
    return out.view();
  }

  /** The event name's dictionary id, or undefined when it is written inline this time. */
  private nameId(name: string): number | undefined {
    const known = this.dict.lookup(name);
    if (known !== undefined) return known;
    const asked = this.dict.request(name);
    return asked > 0 ? asked : undefined;
  }

  private writeAttributes(attributes: Attributes): void {
    const blob = this.attributes.encode(attributes);
    this.out.varint(blob === null ? 0 : blob.length);
    if (blob !== null) this.out.bytes(blob);
  }
}

function readAttributes(reader: ByteReader, dict: StringDictionary): Attributes {
  const length = reader.varint();
  const blob = reader.buf.subarray(reader.pos, reader.pos + length);
  reader.pos += length;
  return decodeAttributes(length === 0 ? null : blob, dict);
}

/** Decodes an extra blob (null → none of them) of a span that started at `startUnixNano`. */
export function decodeSpanExtra(blob: Uint8Array | null, startUnixNano: bigint, dict: StringDictionary): SpanExtra {
  const extra: SpanExtra = { events: [], links: [], droppedAttributesCount: 0, droppedEventsCount: 0, droppedLinksCount: 0 };
  if (blob === null) return extra;
  const reader = new ByteReader(blob);
  const flags = reader.byte();
  if (flags & HAS_DROPPED) {
    extra.droppedAttributesCount = reader.varint();
    extra.droppedEventsCount = reader.varint();
    extra.droppedLinksCount = reader.varint();
  }
  if (flags & HAS_EVENTS) {
    for (let count = reader.varint(); count > 0; count -= 1) {
      const timeUnixNano = reader.byte() === 0 ? startUnixNano + BigInt(reader.signedVarint()) : reader.bigint64();
      const nameHeader = reader.varint();
      const name = nameHeader === 1 ? reader.string() : dict.value(nameHeader / 2);
      const attributes = readAttributes(reader, dict);
      extra.events.push({ timeUnixNano, name, attributes, droppedAttributesCount: reader.varint() });
    }
  }
  if (flags & HAS_LINKS) {
    for (let count = reader.varint(); count > 0; count -= 1) {
      const binaryIds = reader.byte() === 0;
      const traceId = binaryIds ? reader.hex(16) : reader.string();
      const spanId = binaryIds ? reader.hex(8) : reader.string();
      const traceState = reader.string();
      const flagsValue = reader.varint();
      const attributes = readAttributes(reader, dict);
      extra.links.push({ traceId, spanId, traceState, attributes, droppedAttributesCount: reader.varint(), flags: flagsValue });
    }
  }
  return extra;
}
