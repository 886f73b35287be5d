import { describe, expect, it } from 'vitest';
import { idPair } from './id-pairs.ts';

describe('id pairs', () => {
  it('gives distinct pairs distinct keys, NONE (-1) included', () => {
    const ids = [-1, 0, 1, 2, 2 ** 21 - 2, 2 ** 21 - 1, 2 ** 21, 2 ** 31 - 1];
    const keys = new Set<number | string>();
    for (const a of ids) for (const b of ids) keys.add(idPair(a, b));
    expect(keys.size).toBe(ids.length * ids.length);
  });

  it('gives the same pair the same key', () => {
    expect(idPair(5, 7)).toBe(idPair(5, 7));
    expect(idPair(2 ** 30, 7)).toBe(idPair(2 ** 30, 7));
    expect(Number.isSafeInteger(idPair(2 ** 21 - 2, 2 ** 31 - 1))).toBe(true);
  });
});
