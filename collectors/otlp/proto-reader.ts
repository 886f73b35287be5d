// A thin, strict layer over protobufjs's Reader for hand-written message decoders.
// - every typed read checks the wire type of the field it is given (wrong wire type → DecodeFailure);
// - nested messages are read with the reader's limit set to the message's end, so nothing inside a
//   message can read past it, and a declared length beyond the enclosing message is "truncated";
// - any failure on the way out gets the field's path segment prepended (see decode-failure.ts).

import protobuf from 'protobufjs/minimal.js';
import { DecodeFailure, segmentName, withSegment } from './decode-failure.ts';
import { longToBigInt } from './long-to-bigint.ts';
import { StringInterner } from './string-interner.ts';

/** Shared by every reader on this thread, so the strings of one request are found again in the next. */
const interner = new StringInterner();

/** Protobuf wire types (https://protobuf.dev/programming-guides/encoding/#structure). */
export const WIRE_VARINT = 0;
export const WIRE_I64 = 1;
export const WIRE_LEN = 2;
export const WIRE_END_GROUP = 4;
export const WIRE_I32 = 5;

const WIRE_TYPE_NAMES: Record<number, string> = {
  0: 'varint',
  1: '64-bit',
  2: 'length-delimited',
  3: 'start-group',
  4: 'end-group',
  5: '32-bit',
};

function wireTypeName(wireType: number): string {
  return `${wireType} (${WIRE_TYPE_NAMES[wireType] ?? 'invalid'})`;
}

/** Decodes one message whose bytes end at `end` (the reader's limit is already set to it). */
export type MessageDecoder<T> = (reader: ProtoReader, end: number) => T;

/**
 * What a protobufjs reader error means for the sender, or null for errors that are not about the
 * input (a bug in this code must surface as itself, not as a 400).
 */
export function translateReaderError(error: unknown): string | null {
  if (error instanceof RangeError) {
    return error.message.startsWith('index out of range') ? 'truncated message' : null;
  }
  // protobufjs throws plain Errors for malformed input: invalid wire type, invalid varint/tag/length
  // encoding, illegal field number 0, group end mismatch, group nesting too deep.
  if (error instanceof Error && error.constructor === Error) return error.message;
  return null;
}

export class ProtoReader {
  private readonly reader: protobuf.Reader;
  /** The body as a Buffer view (no copy): protobufjs then reads strings natively, and ids become hex natively. */
  private readonly buffer: Buffer;
  /** Current AnyValue nesting, maintained by the AnyValue decoder for its depth limit. */
  anyValueDepth = 0;

  constructor(body: Uint8Array) {
    this.buffer = Buffer.isBuffer(body) ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
    this.reader = protobuf.Reader.create(this.buffer);
  }

  get pos(): number {
    return this.reader.pos;
  }

  /** Reads the next field tag: field number is `tag >>> 3`, wire type is `tag & 7`. */
  tag(): number {
    const tag = this.reader.tag();
    if (tag >>> 3 === 0) throw new DecodeFailure('illegal field number 0');
    return tag;
  }

  /** Skips an unknown field, as protobuf requires. Groups are skipped whole; stray end-groups fail. */
  skip(tag: number): void {
    const wireType = tag & 7;
    if (wireType === WIRE_END_GROUP) {
      throw new DecodeFailure(`unexpected end-group tag for field ${tag >>> 3}`);
    }
    this.reader.skipType(wireType, 0, tag >>> 3);
  }

  private expect(tag: number, wireType: number, name: string): void {
    const actual = tag & 7;
    if (actual !== wireType) {
      throw new DecodeFailure(
        `field ${name} (${tag >>> 3}) has wire type ${wireTypeName(actual)}, expected ${wireTypeName(wireType)}`,
      );
    }
  }

  string(tag: number, name: string): string {
    const start = this.skipLengthDelimited(tag, name);
    return interner.decode(this.buffer, start, this.reader.pos);
  }

  /** A bytes field, copied: the value must not keep the whole request body alive. */
  bytes(tag: number, name: string): Uint8Array {
    this.expect(tag, WIRE_LEN, name);
    return new Uint8Array(this.reader.bytes());
  }

  /** A bytes field (trace/span id) as lowercase hex. */
  hexBytes(tag: number, name: string): string {
    const start = this.skipLengthDelimited(tag, name);
    // Native hex gives a flat string; building it by concatenation would make the id checks downstream
    // flatten a rope per id.
    return this.buffer.toString('hex', start, this.reader.pos);
  }

  /** Moves past a length-delimited field's bytes, checked against the enclosing limit; returns where they start. */
  private skipLengthDelimited(tag: number, name: string): number {
    this.expect(tag, WIRE_LEN, name);
    const reader = this.reader;
    const length = reader.size();
    const start = reader.pos;
    if (start + length > reader.len) throw new DecodeFailure(`truncated field ${name} (${tag >>> 3})`);
    reader.pos = start + length;
    return start;
  }

  bool(tag: number, name: string): boolean {
    this.expect(tag, WIRE_VARINT, name);
    return this.reader.bool();
  }

  /** int32 and enum fields. */
  int32(tag: number, name: string): number {
    this.expect(tag, WIRE_VARINT, name);
    return this.reader.int32();
  }

  uint32(tag: number, name: string): number {
    this.expect(tag, WIRE_VARINT, name);
    return this.reader.uint32();
  }

  sint32(tag: number, name: string): number {
    this.expect(tag, WIRE_VARINT, name);
    return this.reader.sint32();
  }

  int64(tag: number, name: string): bigint {
    this.expect(tag, WIRE_VARINT, name);
    // Most values (ports, status codes, counts) are small and non-negative: a varint of up to 7 bytes (49 bits) is
    // read here as a number, exactly, instead of through protobufjs's Long and several intermediate BigInts.
    const reader = this.reader;
    const buffer = this.buffer;
    const limit = Math.min(reader.pos + 7, reader.len);
    let value = 0;
    let scale = 1;
    for (let at = reader.pos; at < limit; at += 1) {
      const byte = buffer[at];
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) {
        reader.pos = at + 1;
        return BigInt(value);
      }
      scale *= 128;
    }
    return longToBigInt(reader.int64(), false);
  }

  fixed32(tag: number, name: string): number {
    this.expect(tag, WIRE_I32, name);
    return this.reader.fixed32();
  }

  fixed64(tag: number, name: string): bigint {
    this.expect(tag, WIRE_I64, name);
    // Straight from the bytes: protobufjs would build a Long and then two bigints per timestamp.
    const reader = this.reader;
    const at = reader.pos;
    if (at + 8 > reader.len) throw new RangeError('index out of range: truncated fixed64');
    reader.pos = at + 8;
    return this.buffer.readBigUInt64LE(at);
  }

  sfixed64(tag: number, name: string): bigint {
    this.expect(tag, WIRE_I64, name);
    return longToBigInt(this.reader.sfixed64(), false);
  }

  double(tag: number, name: string): number {
    this.expect(tag, WIRE_I64, name);
    return this.reader.double();
  }

  // Repeated scalars: parsers must accept both packed (one length-delimited run) and unpacked
  // (one tag per element) encodings, whatever the .proto says.

  /** repeated fixed64, appended to `out`. */
  fixed64s(tag: number, name: string, out: bigint[]): void {
    if ((tag & 7) !== WIRE_LEN) {
      out.push(this.fixed64(tag, name));
      return;
    }
    this.packed(name, () => out.push(longToBigInt(this.reader.fixed64(), true)));
  }

  /** repeated uint64, appended to `out`. */
  uint64s(tag: number, name: string, out: bigint[]): void {
    if ((tag & 7) !== WIRE_LEN) {
      this.expect(tag, WIRE_VARINT, name);
      out.push(longToBigInt(this.reader.uint64(), true));
      return;
    }
    this.packed(name, () => out.push(longToBigInt(this.reader.uint64(), true)));
  }

  /** repeated double, appended to `out`. */
  doubles(tag: number, name: string, out: number[]): void {
    if ((tag & 7) !== WIRE_LEN) {
      out.push(this.double(tag, name));
      return;
    }
    this.packed(name, () => out.push(this.reader.double()));
  }

  private packed(name: string, readOne: () => void): void {
    const reader = this.reader;
    const outerLimit = reader.len;
    try {
      const end = this.enter(outerLimit);
      while (reader.pos < end) readOne();
      reader.len = outerLimit;
    } catch (error) {
      throw withSegment(error, name, translateReaderError);
    }
  }

  /**
   * Reads an embedded message with `decode`. `index` is the element's position for a repeated
   * field (it names the path segment `name[index]`), or -1 for a singular field.
   */
  message<T>(tag: number, name: string, index: number, decode: MessageDecoder<T>): T {
    const reader = this.reader;
    const outerLimit = reader.len;
    try {
      this.expect(tag, WIRE_LEN, name);
      const end = this.enter(outerLimit);
      const value = decode(this, end);
      reader.len = outerLimit;
      return value;
    } catch (error) {
      throw withSegment(error, segmentName(name, index), translateReaderError);
    }
  }

  /** Reads a length prefix and limits the reader to it; returns the end. */
  private enter(outerLimit: number): number {
    const reader = this.reader;
    const length = reader.size();
    const start = reader.pos;
    const end = start + length;
    if (end > outerLimit) {
      throw new DecodeFailure(`truncated message (declares ${length} bytes, ${outerLimit - start} remain)`);
    }
    reader.len = end;
    return end;
  }

  /** Decodes the whole input as one top-level message. Errors carry no segment at this level. */
  static decode<T>(body: Uint8Array, decode: MessageDecoder<T>): T {
    const reader = new ProtoReader(body);
    try {
      return decode(reader, body.length);
    } catch (error) {
      if (error instanceof DecodeFailure) throw error;
      const reason = translateReaderError(error);
      if (reason === null) throw error;
      throw new DecodeFailure(reason);
    }
  }
}
