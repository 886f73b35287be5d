// One operation's spans within one segment, in rowid order: held in typed arrays while unsealed (no object per
// span for the collector to trace), and packed into a row of operation_segments when sealed. Packed, per span: a
// varint of (rowid delta × 8 + flags), then its start as an offset from the row's min_start_ns and its duration,
// each a varint, or 8 raw bytes when too large for one (flags 2 and 4). Flag 1 marks a root span. About 8–10
// bytes a span, where a B-tree index entry on (service, name, start_ns, duration_ns) took ~25.
import { ByteReader } from './byte-reader.ts';
import type { ByteWriter } from './byte-writer.ts';

/** Offsets and durations up to this are varints; larger (or negative) ones are written as raw int64. */
const VARINT_MAX = 2n ** 52n;
const ROOT = 1;
const WIDE_START = 2;
const WIDE_DURATION = 4;

export class OperationEntries {
  count = 0;
  rowids: Float64Array;
  starts: BigInt64Array;
  durations: BigInt64Array;
  roots: Uint8Array;

  constructor(capacity = 64) {
    this.rowids = new Float64Array(capacity);
    this.starts = new BigInt64Array(capacity);
    this.durations = new BigInt64Array(capacity);
    this.roots = new Uint8Array(capacity);
  }

  push(rowid: number, start: bigint, duration: bigint, root: boolean): void {
    if (this.count === this.rowids.length) this.grow();
    const i = this.count;
    this.rowids[i] = rowid;
    this.starts[i] = start;
    this.durations[i] = duration;
    this.roots[i] = root ? 1 : 0;
    this.count = i + 1;
  }

  /** The earliest and latest start (count must be > 0). */
  startRange(): { min: bigint; max: bigint } {
    let min = this.starts[0];
    let max = min;
    for (let i = 1; i < this.count; i += 1) {
      const start = this.starts[i];
      if (start < min) min = start;
      if (start > max) max = start;
    }
    return { min, max };
  }

  /** Appends the entries to `out` (reset by the caller), starts relative to `minStart`. */
  pack(minStart: bigint, out: ByteWriter): void {
    let previous = 0;
    for (let i = 0; i < this.count; i += 1) {
      const offset = this.starts[i] - minStart;
      const duration = this.durations[i];
      const wideStart = offset > VARINT_MAX;
      const wideDuration = duration < 0n || duration > VARINT_MAX;
      out.varint((this.rowids[i] - previous) * 8 + this.roots[i] * ROOT + (wideStart ? WIDE_START : 0) + (wideDuration ? WIDE_DURATION : 0));
      previous = this.rowids[i];
      if (wideStart) out.bigint64(this.starts[i]);
      else out.varint(Number(offset));
      if (wideDuration) out.bigint64(duration);
      else out.varint(Number(duration));
    }
  }

  /** Reads what pack() wrote. */
  static unpack(packed: Uint8Array, minStart: bigint): OperationEntries {
    const reader = new ByteReader(packed);
    // At least 3 bytes an entry.
    const entries = new OperationEntries(Math.max(1, Math.ceil(packed.byteLength / 3)));
    let rowid = 0;
    while (!reader.done) {
      const head = reader.varint();
      const flags = head % 8;
      rowid += (head - flags) / 8;
      const start = (flags & WIDE_START) !== 0 ? reader.bigint64() : minStart + BigInt(reader.varint());
      const duration = (flags & WIDE_DURATION) !== 0 ? reader.bigint64() : BigInt(reader.varint());
      entries.push(rowid, start, duration, (flags & ROOT) !== 0);
    }
    return entries;
  }

  private grow(): void {
    const size = this.rowids.length * 2;
    const rowids = new Float64Array(size);
    rowids.set(this.rowids);
    const starts = new BigInt64Array(size);
    starts.set(this.starts);
    const durations = new BigInt64Array(size);
    durations.set(this.durations);
    const roots = new Uint8Array(size);
    roots.set(this.roots);
    [this.rowids, this.starts, this.durations, this.roots] = [rowids, starts, durations, roots];
  }
}
