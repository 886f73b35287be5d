// Bloom filters over trace ids, one per sealed trace segment: a lookup seeks only the segments whose filter
// says "maybe" (~1% false positives at 10 bits and 7 probes per trace) instead of every segment.
// Hashes are computed over all 16 id bytes, so ids that are not random (e.g. time-prefixed) spread well too.

const BITS_PER_TRACE = 10;
const PROBES = 7;

/** Two independent 32-bit hashes of an id (FNV-1a forwards and backwards); probes are h1 + i·h2. */
export function traceHashes(id: Uint8Array): [number, number] {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < id.length; i += 1) {
    h1 = Math.imul(h1 ^ id[i], 0x01000193);
    h2 = Math.imul(h2 ^ id[id.length - 1 - i], 0x811c9dc5) + 0x9e3779b9;
  }
  return [h1 >>> 0, (h2 | 1) >>> 0];
}

/** Builds a filter (as bytes to store) holding the given ids. */
export function buildTraceBloom(ids: readonly Uint8Array[]): Buffer {
  const bytes = Buffer.alloc(Math.max(8, Math.ceil((ids.length * BITS_PER_TRACE) / 8)));
  const bits = bytes.length * 8;
  for (const id of ids) {
    const [h1, h2] = traceHashes(id);
    for (let i = 0; i < PROBES; i += 1) {
      const bit = (h1 + Math.imul(i, h2)) >>> 0;
      const at = bit % bits;
      bytes[at >>> 3] |= 1 << (at & 7);
    }
  }
  return bytes;
}

/** False when the filter certainly does not hold the id with these hashes. */
export function bloomMayContain(bloom: Uint8Array, [h1, h2]: [number, number]): boolean {
  const bits = bloom.length * 8;
  for (let i = 0; i < PROBES; i += 1) {
    const at = ((h1 + Math.imul(i, h2)) >>> 0) % bits;
    if ((bloom[at >>> 3] & (1 << (at & 7))) === 0) return false;
  }
  return true;
}
