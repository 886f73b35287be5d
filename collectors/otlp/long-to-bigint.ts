// protobufjs reads 64-bit integers as Long objects ({ low, high, unsigned }, two 32-bit halves),
// or as plain numbers when the `long` package is unavailable. Both convert here, exactly.

/** The part of a `long` Long that the conversion needs. */
export interface LongLike {
  low: number;
  high: number;
}

const TWO_32 = 32n;

/**
 * The exact bigint for a 64-bit value read by protobufjs.
 * `unsigned` picks the interpretation of the 64 bits (uint64/fixed64 vs int64/sfixed64); a Long's own
 * `unsigned` flag is ignored because the field type, not the reader, decides what the bits mean.
 * A plain number must be an integer (protobufjs only yields numbers it could represent).
 */
export function longToBigInt(value: LongLike | number, unsigned: boolean): bigint {
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw new RangeError(`not an integer: ${value}`);
    const big = BigInt(value);
    return unsigned ? BigInt.asUintN(64, big) : BigInt.asIntN(64, big);
  }
  // `>>> 0` reads each half as unsigned 32 bits, whatever sign protobufjs gave it.
  const bits = (BigInt(value.high >>> 0) << TWO_32) | BigInt(value.low >>> 0);
  return unsigned ? bits : BigInt.asIntN(64, bits);
}
