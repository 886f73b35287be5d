// Scalar and container readers for OTLP/JSON (the proto3 JSON mapping with OTLP's exceptions:
// trace/span ids are hex, not base64; enums may be integers). Every reader takes the raw JSON value
// and the field's lowerCamelCase name; a wrong value throws DecodeFailure with that name as its
// path segment. null means "field not set" (proto3 JSON), and gives the field's default.

import { DecodeFailure, withSegment } from './decode-failure.ts';

export type JsonObject = Record<string, unknown>;

/** A short description of a JSON value's type for error messages. */
export function describeJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return value.length > 40 ? `string "${value.slice(0, 40)}…"` : `string "${value}"`;
    case 'number':
    case 'boolean':
      return `${typeof value} ${String(value)}`;
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

function fail(name: string, expected: string, value: unknown): DecodeFailure {
  return new DecodeFailure(`expected ${expected}, got ${describeJson(value)}`, [name]);
}

const noTranslation = (): null => null;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Decodes a nested message field; the failure path gets `name` prepended. */
export function readObject<T>(value: unknown, name: string, decode: (obj: JsonObject) => T): T {
  try {
    if (!isJsonObject(value)) throw new DecodeFailure(`expected an object, got ${describeJson(value)}`);
    return decode(value);
  } catch (error) {
    throw withSegment(error, name, noTranslation);
  }
}

/** Decodes a repeated message field (absent/null → []); element failures are named `name[i]`. */
export function readArray<T>(value: unknown, name: string, decode: (obj: JsonObject) => T): T[] {
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) throw fail(name, 'an array', value);
  const out = new Array<T>(value.length);
  for (let i = 0; i < value.length; i++) {
    const item: unknown = value[i];
    try {
      if (!isJsonObject(item)) throw new DecodeFailure(`expected an object, got ${describeJson(item)}`);
      out[i] = decode(item);
    } catch (error) {
      throw withSegment(error, `${name}[${i}]`, noTranslation);
    }
  }
  return out;
}

export function readString(value: unknown, name: string): string {
  if (typeof value === 'string') return value;
  if (value === null) return '';
  throw fail(name, 'a string', value);
}

export function readBool(value: unknown, name: string): boolean {
  if (typeof value === 'boolean') return value;
  if (value === null) return false;
  throw fail(name, 'a boolean', value);
}

const INTEGER_STRING = /^-?\d+$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

function readInteger(value: unknown, name: string): bigint {
  if (typeof value === 'number') {
    if (Number.isInteger(value)) return BigInt(value);
  } else if (typeof value === 'string') {
    if (INTEGER_STRING.test(value)) return BigInt(value);
  } else if (value === null) {
    return 0n;
  }
  throw fail(name, 'an integer as string or number', value);
}

/** int64/sfixed64: a JSON number or a decimal string. */
export function readInt64(value: unknown, name: string): bigint {
  const n = readInteger(value, name);
  if (n < INT64_MIN || n > INT64_MAX) throw fail(name, 'a signed 64-bit integer', value);
  return n;
}

/** uint64/fixed64 (times, counts): a JSON number or a decimal string. */
export function readUint64(value: unknown, name: string): bigint {
  // Fast path for the usual case (nanosecond times are 19 digits): up to 19 digits always fit.
  if (typeof value === 'string' && value.length <= 19 && value[0] !== '-' && INTEGER_STRING.test(value)) {
    return BigInt(value);
  }
  const n = readInteger(value, name);
  if (n < 0n || n > UINT64_MAX) throw fail(name, 'an unsigned 64-bit integer', value);
  return n;
}

function readInt(value: unknown, name: string, min: number, max: number, what: string): number {
  let n: number | null = null;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string' && INTEGER_STRING.test(value)) n = Number(value);
  else if (value === null) return 0;
  if (n === null || !Number.isInteger(n) || n < min || n > max) throw fail(name, what, value);
  return n;
}

export function readInt32(value: unknown, name: string): number {
  return readInt(value, name, -2147483648, 2147483647, 'a 32-bit integer');
}

export function readUint32(value: unknown, name: string): number {
  return readInt(value, name, 0, 4294967295, 'an unsigned 32-bit integer');
}

// Unambiguous on purpose: with `\d+\.?\d*` the two digit runs could split a long run of digits n ways, and a
// string of 50,000 digits and an "x" took 4.5 s to refuse (quadratic backtracking), minutes for a megabyte.
const DECIMAL_STRING = /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** double: a JSON number, a decimal string, or "NaN" / "Infinity" / "-Infinity" (proto3 JSON). */
export function readDouble(value: unknown, name: string): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    if (value === 'NaN') return NaN;
    if (value === 'Infinity') return Infinity;
    if (value === '-Infinity') return -Infinity;
    if (DECIMAL_STRING.test(value)) return Number(value);
  } else if (value === null) {
    return 0;
  }
  throw fail(name, 'a number or "NaN"/"Infinity"/"-Infinity"', value);
}

/** `optional double` (histogram sum/min/max): null when absent. */
export function readOptionalDouble(value: unknown, name: string): number | null {
  return value === null || value === undefined ? null : readDouble(value, name);
}

/** An enum: its integer value (open enums: any int32) or its name from `names`. */
export function readEnum(value: unknown, name: string, names: Readonly<Record<string, number>>): number {
  if (typeof value === 'string' && !INTEGER_STRING.test(value)) {
    const n = Object.hasOwn(names, value) ? names[value] : undefined;
    if (n === undefined) throw fail(name, `one of ${Object.keys(names).join(', ')} or an integer`, value);
    return n;
  }
  return readInt32(value, name);
}

/**
 * A trace/span id: OTLP/JSON sends hex (case-insensitive). Returned lowercased, unchecked otherwise:
 * length and characters are judged per item by normalize, so one bad id rejects one item.
 */
export function readHexId(value: unknown, name: string): string {
  if (typeof value === 'string') return value.toLowerCase();
  if (value === null) return '';
  throw fail(name, 'a hex string', value);
}

const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

/** bytes: base64, standard or URL-safe alphabet, padding optional (proto3 JSON). */
export function readBase64(value: unknown, name: string): Uint8Array {
  if (value === null) return new Uint8Array(0);
  if (typeof value !== 'string' || !BASE64.test(value) || value.replace(/=+$/, '').length % 4 === 1) {
    throw fail(name, 'base64 bytes', value);
  }
  return new Uint8Array(Buffer.from(value, 'base64'));
}
