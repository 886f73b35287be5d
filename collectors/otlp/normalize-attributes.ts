// AnyValue / KeyValue lists (wire) → AttributeValue / Attributes (domain).
//   string, bool, double → themselves; int (int64) → a number when it is a safe integer, else its
//   decimal string (never a rounded number); bytes → base64 string; array → array;
//   kvlist → plain object; an AnyValue with nothing set → null.
// Duplicate keys (OTLP forbids them, some senders still send them): the last one wins.

import type { AttributeValue, Attributes } from '../../common/telemetry.ts';
import type { WireAnyValue, WireKeyValue } from './wire-types.ts';

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE = -MAX_SAFE;

/** An int64 as a JS number when exact, otherwise as its decimal string. */
export function int64ToAttribute(value: bigint): number | string {
  return value >= MIN_SAFE && value <= MAX_SAFE ? Number(value) : value.toString();
}

export function toAttributeValue(value: WireAnyValue): AttributeValue {
  switch (value.kind) {
    case 'string':
    case 'bool':
    case 'double':
      return value.value;
    case 'int':
      return int64ToAttribute(value.value);
    case 'bytes':
      return Buffer.from(value.value.buffer, value.value.byteOffset, value.value.byteLength).toString('base64');
    case 'array':
      return value.values.map(toAttributeValue);
    case 'kvlist':
      return toAttributes(value.values);
    case 'empty':
      return null;
  }
}

/** A KeyValue list as an object; safe against a "__proto__" key. */
export function toAttributes(keyValues: readonly WireKeyValue[]): Attributes {
  const out: Attributes = {};
  for (const kv of keyValues) {
    const value = toAttributeValue(kv.value);
    if (kv.key === '__proto__') {
      Object.defineProperty(out, kv.key, { value, enumerable: true, writable: true, configurable: true });
    } else {
      out[kv.key] = value;
    }
  }
  return out;
}
