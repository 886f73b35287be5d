import { describe, expect, it } from 'vitest';
import { formatAttributeValue, sortedEntries } from './attribute-value.ts';

describe('formatAttributeValue', () => {
  it('shows scalars as themselves and structures as JSON', () => {
    expect(formatAttributeValue('GET /users')).toBe('GET /users');
    expect(formatAttributeValue(200)).toBe('200');
    expect(formatAttributeValue(true)).toBe('true');
    expect(formatAttributeValue(null)).toBe('null');
    expect(formatAttributeValue(['a', 1])).toBe('["a",1]');
    expect(formatAttributeValue({ k: 'v' })).toBe('{"k":"v"}');
  });
});

describe('sortedEntries', () => {
  it('sorts by key', () => {
    expect(sortedEntries({ b: 1, a: 2 })).toEqual([
      ['a', 2],
      ['b', 1],
    ]);
  });
});
