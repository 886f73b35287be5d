// Reads what ByteWriter wrote.

export class ByteReader {
  pos = 0;
  readonly buf: Buffer;

  constructor(bytes: Uint8Array) {
    this.buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get done(): boolean {
    return this.pos >= this.buf.length;
  }

  byte(): number {
    const value = this.buf[this.pos++];
    if (value === undefined) throw new Error('stored blob is truncated');
    return value;
  }

  peek(): number | undefined {
    return this.buf[this.pos];
  }

  varint(): number {
    let result = 0;
    let factor = 1;
    for (;;) {
      const byte = this.byte();
      result += (byte & 0x7f) * factor;
      if (byte < 0x80) return result;
      factor *= 0x80;
    }
  }

  signedVarint(): number {
    const z = this.varint();
    return z % 2 === 0 ? z / 2 : -(z + 1) / 2;
  }

  double(): number {
    const value = this.buf.readDoubleLE(this.pos);
    this.pos += 8;
    return value;
  }

  bigint64(): bigint {
    const value = this.buf.readBigInt64LE(this.pos);
    this.pos += 8;
    return value;
  }

  string(): string {
    const length = this.varint();
    const value = this.buf.toString('utf8', this.pos, this.pos + length);
    this.pos += length;
    return value;
  }

  /** `length` bytes as hex (for ids). */
  hex(length: number): string {
    const value = this.buf.toString('hex', this.pos, this.pos + length);
    this.pos += length;
    return value;
  }
}
