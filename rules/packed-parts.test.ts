import { describe, expect, it } from 'vitest';
import { packParts, unpackParts } from './packed-parts.ts';

describe('packed parts', () => {
  it('splits back exactly, whatever the parts contain', () => {
    const parts = ['postgresql', 'SELECT a:b FROM t WHERE x = ?', undefined, '', '-', '12:34', '\u0000', 'é✓'];
    expect(unpackParts(packParts(parts))).toEqual(parts);
  });

  it('keeps missing parts apart from empty ones, and packs nothing as an empty string', () => {
    expect(packParts([undefined, ''])).not.toBe(packParts(['', undefined]));
    expect(unpackParts(packParts([undefined, '']))).toEqual([undefined, '']);
    expect(packParts([])).toBe('');
    expect(unpackParts('')).toEqual([]);
  });
});
