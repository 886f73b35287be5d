import { describe, expect, it } from 'vitest';
import { countOf } from './plural.ts';

describe('countOf', () => {
  it('uses the singular only for exactly one', () => {
    expect(countOf(1, 'span')).toBe('1 span');
    expect(countOf(0, 'span')).toBe('0 spans');
    expect(countOf(1204, 'call path')).toBe('1,204 call paths');
    expect(countOf(2, 'analysis', 'analyses')).toBe('2 analyses');
  });
});
