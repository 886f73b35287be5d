// hot-spot's keys outside databases over the columns: messaging partitions, service instances and keys the
// application tags its spans with (shards, partitions, cache keys).
import type { HotSpotFamily, HotSpotObservation } from './hot-spot-family.ts';
import { idPair } from './id-pairs.ts';
import { KEY_ATTRIBUTES, type HotSpotDimension, type KeyAttributes } from './key-attributes.ts';
import { NONE, type SpanColumns } from './span-columns.ts';
import { KIND, KIND_CONSUMER, KIND_SERVER } from './span-facts.ts';

/** Operations of one family outside databases, counted per key. */
interface OtherFamily {
  dimension: HotSpotDimension;
  family: string;
  group: string;
  keyIndex: Map<string, number>;
  counts: number[];
  /** Sequence number of its first direct operation (-1: none), and of its first tagged one. */
  firstDirect: number;
  firstTagged: number;
}

/** One key of a distinct HOT_SPOT_KEYS value, resolved to its family and key index. */
interface OtherRowKey {
  tagged: boolean;
  instance: boolean;
  family: number;
  key: number;
}

/**
 * Messaging partitions and service instances count every operation; keys tagged by the application count a
 * request once per key even when several of its spans carry the key, and its time is that of the outermost
 * (longest) of them. Families list direct operations first, then tagged ones, as the rule always has.
 */
export function otherFamilies(columns: SpanColumns, keysOfRow: (row: number) => KeyAttributes): HotSpotFamily[] {
  const column = columns.fact(KEY_ATTRIBUTES);
  const kinds = columns.fact(KIND);
  const families: OtherFamily[] = [];
  const familyIndex = new Map<string, number>();
  // Per distinct fact value: its keys, and those that count on spans other than server and consumer spans.
  const described = new Map<number, { serving: OtherRowKey[]; other: OtherRowKey[] }>();
  const describe = (at: number) => {
    const id = column[at];
    let found = described.get(id);
    if (found === undefined) {
      const serving = keysOfRow(at).others.map(({ tagged, instance, dimension, family, group, key }): OtherRowKey => {
        let f = familyIndex.get(group);
        if (f === undefined) {
          f = families.length;
          familyIndex.set(group, f);
          families.push({ dimension, family, group, keyIndex: new Map(), counts: [], firstDirect: -1, firstTagged: -1 });
        }
        const { keyIndex, counts } = families[f];
        let k = keyIndex.get(key);
        if (k === undefined) {
          k = counts.length;
          keyIndex.set(key, k);
          counts.push(0);
        }
        return { tagged, instance, family: f, key: k };
      });
      found = { serving, other: serving.filter((k) => !k.instance) };
      described.set(id, found);
    }
    return found;
  };
  /** The row's keys that count: instance keys only on server and consumer spans. */
  const keysOf = (row: number): OtherRowKey[] => (kinds[row] === KIND_SERVER || kinds[row] === KIND_CONSUMER ? describe(row).serving : describe(row).other);
  // Requests already counted per tagged (family, key): their trace ids.
  const counted = new Map<number | string, Set<number>>();
  let sequence = 0;
  for (let i = 0; i < column.length; i += 1) {
    if (column[i] === NONE) continue;
    for (const { tagged, family, key } of keysOf(i)) {
      const f = families[family];
      sequence += 1;
      if (!tagged) {
        if (f.firstDirect < 0) f.firstDirect = sequence;
        f.counts[key] += 1;
        continue;
      }
      let traces = counted.get(idPair(family, key));
      if (traces === undefined) counted.set(idPair(family, key), (traces = new Set()));
      if (traces.has(columns.trace[i])) continue;
      traces.add(columns.trace[i]);
      if (f.firstTagged < 0) f.firstTagged = sequence;
      f.counts[key] += 1;
    }
  }
  // Direct families first (by their first direct operation), then tagged-only ones; none without operations.
  const rank = (f: OtherFamily): number => (f.firstDirect >= 0 ? f.firstDirect : Number.MAX_SAFE_INTEGER / 2 + f.firstTagged);
  const order = families.map((f, index) => ({ f, index })).filter(({ f }) => f.firstDirect >= 0 || f.firstTagged >= 0);
  order.sort((a, b) => rank(a.f) - rank(b.f));
  return order.map(({ f, index }) => ({
    keys: f.counts.filter((n) => n > 0).length,
    total: f.counts.reduce((sum, n) => sum + n, 0),
    hotOps: f.counts.reduce((max, n) => Math.max(max, n), 0),
    observations: () => otherObservations(columns, column, keysOf, index, f),
  }));
}

function otherObservations(columns: SpanColumns, column: Int32Array, keysOf: (row: number) => OtherRowKey[], family: number, f: OtherFamily): HotSpotObservation[] {
  const keyNames = [...f.keyIndex.keys()];
  const observation = (key: number, row: number): HotSpotObservation => ({ dimension: f.dimension, family: f.family, group: f.group, key: keyNames[key], span: columns.spans[row] });
  const direct: HotSpotObservation[] = [];
  const tagged: HotSpotObservation[] = [];
  const taggedRows: number[] = [];
  const kept = new Map<number | string, number>();
  const nanos = (row: number) => columns.endNs[row] - columns.startNs[row];
  for (let i = 0; i < column.length; i += 1) {
    if (column[i] === NONE) continue;
    for (const { tagged: isTagged, family: of, key } of keysOf(i)) {
      if (of !== family) continue;
      if (!isTagged) {
        direct.push(observation(key, i));
        continue;
      }
      const id = idPair(key, columns.trace[i]);
      const at = kept.get(id);
      if (at === undefined) {
        kept.set(id, tagged.length);
        tagged.push(observation(key, i));
        taggedRows.push(i);
      } else if (nanos(i) > nanos(taggedRows[at])) {
        // The outermost span of the request on this key: its duration is the request's time there.
        tagged[at] = observation(key, i);
        taggedRows[at] = i;
      }
    }
  }
  return [...direct, ...tagged];
}

