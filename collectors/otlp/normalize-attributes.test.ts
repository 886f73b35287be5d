import { describe, it, expect } from 'vitest';
import { int64ToAttribute, toAttributes, toAttributeValue } from './normalize-attributes.ts';
import type { WireKeyValue } from './wire-types.ts';

describe('toAttributeValue', () => {
  it('keeps safe int64 values as numbers and turns larger ones into exact decimal strings', () => {
    expect(int64ToAttribute(42n)).toBe(42);
    expect(int64ToAttribute(-9_007_199_254_740_991n)).toBe(-9_007_199_254_740_991);
    expect(int64ToAttribute(9_007_199_254_740_992n)).toBe('9007199254740992');
    expect(int64ToAttribute(-9_223_372_036_854_775_808n)).toBe('-9223372036854775808');
  });

  it('maps bytes to base64, empty to null, and nests arrays and kvlists', () => {
    expect(toAttributeValue({ kind: 'bytes', value: Uint8Array.of(0, 1, 2, 253, 254, 255) })).toBe('AAEC/f7/');
    expect(toAttributeValue({ kind: 'empty' })).toBeNull();
    expect(
      toAttributeValue({
        kind: 'kvlist',
        values: [{ key: 'list', value: { kind: 'array', values: [{ kind: 'int', value: 1n }, { kind: 'bool', value: true }, { kind: 'empty' }] } }],
      }),
    ).toEqual({ list: [1, true, null] });
  });

  it('maps bytes that are a view into a larger buffer correctly', () => {
    const backing = Uint8Array.of(9, 9, 104, 105, 9);
    expect(toAttributeValue({ kind: 'bytes', value: backing.subarray(2, 4) })).toBe(Buffer.from('hi').toString('base64'));
  });
});

describe('toAttributes', () => {
  it('lets the last duplicate key win', () => {
    const kvs: WireKeyValue[] = [
      { key: 'a', value: { kind: 'string', value: 'first' } },
      { key: 'a', value: { kind: 'string', value: 'second' } },
    ];
    expect(toAttributes(kvs)).toEqual({ a: 'second' });
  });

  it('stores a "__proto__" key as plain data without touching the prototype', () => {
    const attrs = toAttributes([{ key: '__proto__', value: { kind: 'kvlist', values: [{ key: 'polluted', value: { kind: 'bool', value: true } }] } }]);
    expect(Object.getPrototypeOf(attrs)).toBe(Object.prototype);
    expect((attrs as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(attrs)).toEqual(['__proto__']);
    expect(JSON.parse(JSON.stringify(attrs))).toEqual(JSON.parse('{"__proto__":{"polluted":true}}'));
  });
});
