// What hot-spot compares: a family of keys (databases of one system that run the same work, partitions of a
// topic, instances of a service …) counted per key, with its operations listed only when asked for.
import type { EvidenceSpan } from './evidence.ts';
import { KEY_ATTRIBUTES, keyAttributesOf, type HotSpotDimension, type KeyAttributes } from './key-attributes.ts';
import type { SpanColumns } from './span-columns.ts';

export interface HotSpotObservation {
  dimension: HotSpotDimension;
  /** The sibling set the key belongs to, e.g. "postgresql" or "kafka orders". */
  family: string;
  /** What is compared together: the family, or for databases and servers one set of siblings within it. */
  group: string;
  key: string;
  span: EvidenceSpan;
}

/** One comparison group, counted; `observations()` lists its operations in the order they were seen. */
export interface HotSpotFamily {
  /** Distinct keys. */
  keys: number;
  /** Operations on all keys. */
  total: number;
  /** Operations on the busiest key. */
  hotOps: number;
  observations(): HotSpotObservation[];
}

/** Per-evaluation decoding of the key-attributes column: each distinct value once. */
export function keyAttributesReader(columns: SpanColumns): (row: number) => KeyAttributes {
  const column = columns.fact(KEY_ATTRIBUTES);
  const decoded = new Map<number, KeyAttributes>();
  const value = (id: number) => columns.strings.value(id);
  return (row) => {
    const id = column[row];
    let found = decoded.get(id);
    if (found === undefined) decoded.set(id, (found = keyAttributesOf(id, value)));
    return found;
  };
}

