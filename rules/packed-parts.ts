// Several strings (some missing) as one string, so a per-span fact (span-columns.ts) can keep a few names in one
// string id and an evaluation can split each distinct value back once.

/**
 * The parts joined so they split back exactly whatever they contain: each as `<length>:<text>`, a missing one as
 * `-` (a separator character could occur inside a statement or an attribute value).
 */
export function packParts(parts: readonly (string | undefined)[]): string {
  let packed = '';
  for (const part of parts) packed += part === undefined ? '-' : `${part.length}:${part}`;
  return packed;
}

/** The parts `packParts` joined, in order. */
export function unpackParts(packed: string): (string | undefined)[] {
  const parts: (string | undefined)[] = [];
  let at = 0;
  while (at < packed.length) {
    if (packed[at] === '-') {
      parts.push(undefined);
      at += 1;
      continue;
    }
    const colon = packed.indexOf(':', at);
    const length = Number(packed.slice(at, colon));
    parts.push(packed.slice(colon + 1, colon + 1 + length));
    at = colon + 1 + length;
  }
  return parts;
}
