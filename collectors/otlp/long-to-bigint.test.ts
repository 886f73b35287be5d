import { describe, it, expect } from 'vitest';
import protobuf from 'protobufjs/minimal.js';
import { longToBigInt } from './long-to-bigint.ts';

/** Writes `value` with the given writer method and reads it back as protobufjs does. */
function roundTrip(kind: 'fixed64' | 'sfixed64' | 'uint64' | 'int64', value: bigint): bigint {
  const writer = protobuf.Writer.create();
  writer[kind](value.toString());
  const reader = protobuf.Reader.create(writer.finish());
  const unsigned = kind === 'fixed64' || kind === 'uint64';
  return longToBigInt(reader[kind](), unsigned);
}

describe('longToBigInt', () => {
  it('converts Long halves exactly, unsigned', () => {
    expect(longToBigInt({ low: 0, high: 0 }, true)).toBe(0n);
    expect(longToBigInt({ low: 1, high: 0 }, true)).toBe(1n);
    expect(longToBigInt({ low: 0, high: 1 }, true)).toBe(4294967296n);
    // low is a signed int32 in a Long: -1 means 0xffffffff
    expect(longToBigInt({ low: -1, high: -1 }, true)).toBe(18446744073709551615n);
  });

  it('converts Long halves exactly, signed', () => {
    expect(longToBigInt({ low: -1, high: -1 }, false)).toBe(-1n);
    expect(longToBigInt({ low: 0, high: -2147483648 }, false)).toBe(-9223372036854775808n);
    expect(longToBigInt({ low: -1, high: 2147483647 }, false)).toBe(9223372036854775807n);
  });

  it('accepts plain integer numbers and rejects fractions', () => {
    expect(longToBigInt(42, true)).toBe(42n);
    expect(longToBigInt(-5, false)).toBe(-5n);
    expect(() => longToBigInt(1.5, true)).toThrow(RangeError);
  });

  it.each([
    ['fixed64', 1_700_000_000_123_456_789n],
    ['fixed64', 9_007_199_254_740_993n], // 2^53 + 1: not representable as a double
    ['fixed64', 18_446_744_073_709_551_615n],
    ['uint64', 2n ** 63n + 7n],
    ['int64', -1n],
    ['int64', -(2n ** 63n)],
    ['sfixed64', -9_007_199_254_740_993n],
    ['sfixed64', 2n ** 63n - 1n],
  ] as const)('reads %s %s exactly through protobufjs', (kind, value) => {
    expect(roundTrip(kind, value)).toBe(value);
  });
});
