// Short strings decoded from protobuf are mostly the same few dozen: attribute keys, span and event names,
// low-cardinality values. Each decode would allocate a fresh copy, and every Map lookup downstream (dictionary,
// promoted columns, encoder caches) would hash it again. The interner hands back the string already made from
// the same bytes, so both costs are paid once per distinct string rather than once per occurrence.
//
// A direct-mapped table: a slot per hash, the newest string wins it. One-off values (ids in paths, literals) just
// pass through a slot; they cannot grow the table, and a popular string evicted by one is back on its next use.

/** Strings longer than this (in bytes) are decoded directly: long ones are rarely repeated. */
export const MAX_INTERNED_BYTES = 48;
const SLOTS = 4096;

export class StringInterner {
  private readonly strings: (string | undefined)[] = new Array<string | undefined>(SLOTS).fill(undefined);
  /** The UTF-8 bytes behind strings[slot], back to back, MAX_INTERNED_BYTES per slot. */
  private readonly bytes = new Uint8Array(SLOTS * MAX_INTERNED_BYTES);
  private readonly lengths = new Uint8Array(SLOTS);

  /** The string the UTF-8 bytes buffer[start, end) decode to (as Buffer.toString would: invalid bytes become U+FFFD). */
  decode(buffer: Buffer, start: number, end: number): string {
    const length = end - start;
    if (length > MAX_INTERNED_BYTES) return buffer.toString('utf8', start, end);
    // FNV-1a over the bytes, folded to a slot.
    let hash = 0x811c9dc5;
    for (let i = start; i < end; i += 1) hash = Math.imul(hash ^ buffer[i], 0x01000193);
    const slot = (hash ^ (hash >>> 15)) & (SLOTS - 1);
    const cached = this.strings[slot];
    const at = slot * MAX_INTERNED_BYTES;
    if (cached !== undefined && this.lengths[slot] === length) {
      const bytes = this.bytes;
      let i = 0;
      while (i < length && bytes[at + i] === buffer[start + i]) i += 1;
      if (i === length) return cached;
    }
    const value = buffer.toString('utf8', start, end);
    this.strings[slot] = value;
    this.lengths[slot] = length;
    this.bytes.set(buffer.subarray(start, end), at);
    return value;
  }
}
