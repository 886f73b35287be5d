// A short, stable hash for finding keys: a statement or URL template can be kilobytes long, but the key of
// the finding it names should stay short and the same on every evaluation.

/** 8 hex characters of FNV-1a (32-bit) over the string's UTF-16 code units. */
export function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
