// The keys load can be skewed onto: for each span, which sibling set it belongs to (the family: a database
// system, a topic, a service…) and which member (the key) took the work. Read off the columns: per-span facts are
// decoded once per distinct value, operations are counted per key with integers, and the observations themselves
// (span objects) are only listed for a family whose counts show it skewed.
import { dbFamilies } from './hot-spot-db-keys.ts';
import { keyAttributesReader, type HotSpotFamily } from './hot-spot-family.ts';
import { otherFamilies } from './hot-spot-other-keys.ts';
import type { SpanColumns } from './span-columns.ts';

export type { HotSpotDimension } from './key-attributes.ts';
export type { HotSpotFamily, HotSpotObservation } from './hot-spot-family.ts';

/** Every comparison group with its counts: database sibling sets first, then partitions, instances and tagged keys. */
export function hotSpotFamilies(columns: SpanColumns, minKeys: number): HotSpotFamily[] {
  const keysOfRow = keyAttributesReader(columns);
  return [...dbFamilies(columns, keysOfRow, minKeys), ...otherFamilies(columns, keysOfRow)];
}
