// A growable byte buffer for the store's compact binary columns (attributes, span extras, trace segments).
// Varints are unsigned LEB128 over safe integers.

export class ByteWriter {
  private buf: Buffer;
  pos = 0;

  constructor(initialBytes = 4096) {
    this.buf = Buffer.allocUnsafe(initialBytes);
  }

  reset(): void {
    this.pos = 0;
  }

  /** Makes room for `extra` more bytes. */
  ensure(extra: number): void {
    if (this.pos + extra <= this.buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + extra));
    this.buf.copy(bigger, 0, 0, this.pos);
    this.buf = bigger;
  }

  byte(value: number): void {
    this.ensure(1);
    this.buf[this.pos++] = value;
  }

  varint(value: number): void {
    this.ensure(10);
    let v = value;
    while (v >= 0x80) {
      this.buf[this.pos++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.buf[this.pos++] = v;
  }

  /** Zigzag varint of a safe integer (small negative numbers stay small). */
  signedVarint(value: number): void {
    this.varint(value < 0 ? -value * 2 - 1 : value * 2);
  }

  double(value: number): void {
    this.ensure(8);
    this.buf.writeDoubleLE(value, this.pos);
    this.pos += 8;
  }

  bigint64(value: bigint): void {
    this.ensure(8);
    this.buf.writeBigInt64LE(value, this.pos);
    this.pos += 8;
  }

  /** Varint byte length, then UTF-8. */
  string(value: string): void {
    // A UTF-16 code unit takes at most 3 UTF-8 bytes; under 43 units the length fits one varint byte.
    this.ensure(5 + value.length * 3);
    if (value.length < 43) {
      const written = this.buf.write(value, this.pos + 1, 'utf8');
      this.buf[this.pos] = written;
      this.pos += 1 + written;
      return;
    }
    this.varint(Buffer.byteLength(value, 'utf8'));
    this.pos += this.buf.write(value, this.pos, 'utf8');
  }

  bytes(value: Uint8Array): void {
    this.ensure(value.length);
    this.buf.set(value, this.pos);
    this.pos += value.length;
  }

  /** Hex id written as raw bytes into exactly `bytes` bytes; false when it is not hex of that length. */
  hexId(hex: string, bytes: number): boolean {
    this.ensure(bytes);
    if (hex.length !== bytes * 2 || this.buf.write(hex, this.pos, bytes, 'hex') !== bytes) return false;
    this.pos += bytes;
    return true;
  }

  /** The bytes written so far, or null when none. A view: valid until the next write or reset. */
  view(): Buffer | null {
    return this.pos === 0 ? null : this.buf.subarray(0, this.pos);
  }
}
