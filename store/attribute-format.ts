// The compact binary format of an attribute map, stored as a BLOB. Keys (and low-cardinality string values)
// are dictionary ids, so a typical span's attributes take tens of bytes instead of hundreds of JSON bytes.
// Lossless for every AttributeValue, including -0, NaN, ±Infinity, nested arrays/maps and key order.
//
// Entry: varint header (even = dictionary key id * 2; odd = 1, then the key inline: varint byte length + UTF-8),
// then a value: one tag byte and its payload. Nested maps always carry inline keys.
import type { AttributeValue } from '../common/telemetry.ts';

export const TAG = {
  null: 0,
  false: 1,
  true: 2,
  /** zigzag varint, for int32 values */
  int: 3,
  /** 8-byte little-endian double */
  float: 4,
  /** varint byte length + UTF-8 */
  string: 5,
  /** varint dictionary id */
  dictString: 6,
  /** varint count + values */
  array: 7,
  /** varint count + (inline key, value) pairs */
  map: 8,
  /** no payload: the value is exactly what the row's promoted column holds */
  promoted: 9,
  /** varint count + strings: the promoted column holds a statement template; these fill its `?` places */
  promotedTemplate: 10,
} as const;

/** How many new dictionary values one attribute key may create per process before its values stay inline. */
export const NEW_VALUES_PER_KEY = 256;
/** How many new attribute keys one process may add to the dictionary before further new keys stay inline. */
export const NEW_KEYS_PER_PROCESS = 10_000;
/** Longer strings are never dictionary-coded. */
export const MAX_DICTIONARY_STRING = 512;

/** Resolves a promoted attribute key to the value held in the row's column. */
export type PromotedResolver = (key: string) => AttributeValue;

/**
 * Receives attributes whose key maps to a promoted column (see promoted-attributes.ts) while they are encoded.
 * Returns true when the column now holds exactly this value (the blob keeps a reference), a list of literals
 * when the column holds a template these literals fill to give the value, or false to keep the value inline.
 */
export interface PromotedSink {
  /** Column index for `key`, or -1 when the key is not promoted. Called once per distinct key. */
  columnOf(key: string): number;
  offer(column: number, value: AttributeValue): boolean | readonly string[];
}
