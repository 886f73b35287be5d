// hot-spot's database keys over the columns: each database operation counts on its namespace and on its server,
// and keys that share a non-trivial statement are siblings, compared as one family.
import { isCacheSpan, isDbOperation } from './db-spans.ts';
import type { EvidenceSpan } from './evidence.ts';
import type { HotSpotFamily, HotSpotObservation } from './hot-spot-family.ts';
import { idPair } from './id-pairs.ts';
import { KEY_ATTRIBUTES, type KeyAttributes } from './key-attributes.ts';
import { NONE, type SpanColumns } from './span-columns.ts';
import { DB_QUERY, DB_SYSTEM, DESTINATION, STATEMENT } from './span-facts.ts';

/** Statements every database runs (transaction control, session settings, pings): they say nothing about siblings. */
const TRIVIAL_SHAPE = /^\s*(begin|commit|rollback|start|end|savepoint|release|set|show|reset|discard|select \?;?\s*$)/i;

type DbDimension = 'db.namespace' | 'server.address';

/** A key of a database family: `dimension` and `system` identify the family, `key` the member. */
interface DbKey {
  dimension: DbDimension;
  system: string;
  key: string;
}

/** What one database operation counts towards: its namespace and server keys (-1 when it names none). */
interface DbRowKeys {
  namespaceKey: number;
  serverKey: number;
}

const NO_KEYS: DbRowKeys = { namespaceKey: -1, serverKey: -1 };

/**
 * Whether the row is a database operation (isDbOperation). Every statement to a database is one (DB_QUERY); of
 * the rest only cache commands can be, so a row naming another system (or none) is not, and the span itself is
 * asked only for rows on a cache system.
 */
function dbOperationReader(columns: SpanColumns): (row: number) => boolean {
  const [dbQuery, systems] = [DB_QUERY, DB_SYSTEM].map((f) => columns.fact(f));
  // isCacheSpan depends on the system alone: asked of one span per system.
  const cacheSystem = new Map<number, boolean>();
  return (row) => {
    if (dbQuery[row] === 1) return true;
    const system = systems[row];
    if (system === NONE) return false;
    let cache = cacheSystem.get(system);
    if (cache === undefined) cacheSystem.set(system, (cache = isCacheSpan(columns.spans[row])));
    return cache && isDbOperation(columns.spans[row]);
  };
}

/**
 * Database operations, each on its namespace and its server key. The row's system, statement shape, naming and
 * destination decide its keys; rows that share those ids share one DbRowKeys, made when the first is met.
 */
function dbRowKeys(columns: SpanColumns, namingOf: (row: number) => KeyAttributes): { keys: DbKey[]; counts: number[]; root: number[]; rowKeys: (row: number) => DbRowKeys } {
  const { strings, spans } = columns;
  const [systems, statements, destinations, namings] = [DB_SYSTEM, STATEMENT, DESTINATION, KEY_ATTRIBUTES].map((f) => columns.fact(f));
  const isDbOperationRow = dbOperationReader(columns);
  const keys: DbKey[] = [];
  /** Operations per key, for the caller to fill. */
  const counts: number[] = [];
  const keyIndex = new Map<string, number>();
  // Union-find over key indexes: keys that share a non-trivial shape are siblings. Which keys are joined depends
  // only on the distinct (key, shape) pairs, so each DbRowKeys joins its keys once, when it is made.
  const root: number[] = [];
  const find = (i: number): number => findRoot(root, i);
  const firstKeyOfShape = new Map<string, number>();
  const keyOf = (dimension: DbDimension, system: string, key: string | undefined, shape: string, trivial: boolean): number => {
    if (key === undefined) return -1;
    const keyId = `${dimension}\u0000${system}\u0000${key}`;
    let index = keyIndex.get(keyId);
    if (index === undefined) {
      index = keys.length;
      keyIndex.set(keyId, index);
      keys.push({ dimension, system, key });
      counts.push(0);
      root.push(index);
    }
    if (!trivial) {
      const shapeId = `${dimension}\u0000${system}\u0000${shape}`;
      const other = firstKeyOfShape.get(shapeId);
      if (other === undefined) firstKeyOfShape.set(shapeId, index);
      else root[find(index)] = find(other);
    }
    return index;
  };
  const make = (row: number, shape: string): DbRowKeys => {
    const system = systems[row] === NONE ? 'db' : strings.value(systems[row]);
    const trivial = TRIVIAL_SHAPE.test(shape);
    const namespaceKey = keyOf('db.namespace', system, namingOf(row).namespace, shape, trivial);
    const serverKey = keyOf('server.address', system, destinations[row] === NONE ? undefined : strings.value(destinations[row]), shape, trivial);
    return { namespaceKey, serverKey };
  };
  // By (statement, naming) then (system, destination); rows without a normalized statement (rare) by their shape.
  const made = new Map<number | string, Map<number | string, DbRowKeys>>();
  const madeByShape = new Map<string, DbRowKeys>();
  const rowKeys = (row: number): DbRowKeys => {
    if (!isDbOperationRow(row)) return NO_KEYS;
    if (namingOf(row).namespace === undefined && destinations[row] === NONE) return NO_KEYS;
    if (statements[row] === NONE) {
      const shape = namingOf(row).operation ?? spans[row].name;
      const id = `${shape}\u0000${namings[row]}\u0000${systems[row]}\u0000${destinations[row]}`;
      let found = madeByShape.get(id);
      if (found === undefined) madeByShape.set(id, (found = make(row, shape)));
      return found;
    }
    const outer = idPair(statements[row], namings[row]);
    let inner = made.get(outer);
    if (inner === undefined) made.set(outer, (inner = new Map<number | string, DbRowKeys>()));
    const id = idPair(systems[row], destinations[row]);
    let found = inner.get(id);
    if (found === undefined) inner.set(id, (found = make(row, strings.value(statements[row]))));
    return found;
  };
  return { keys, counts, root, rowKeys };
}

function findRoot(root: number[], i: number): number {
  let top = i;
  while (root[top] !== top) top = root[top];
  for (let at = i; at !== top; ) {
    const next = root[at];
    root[at] = top;
    at = next;
  }
  return top;
}

/**
 * Databases (or servers) are siblings when they run the same work: keys that share a non-trivial statement
 * are joined, and a key is compared within its joined set (which needs `minKeys` members). A main database
 * beside a set of shards runs other queries and stays out; every operation of a member counts, including
 * statements only the hot key runs.
 */
export function dbFamilies(columns: SpanColumns, keysOfRow: (row: number) => KeyAttributes, minKeys: number): HotSpotFamily[] {
  const { keys, counts, root, rowKeys } = dbRowKeys(columns, keysOfRow);
  const rows = columns.length;
  for (let i = 0; i < rows; i += 1) {
    const row = rowKeys(i);
    if (row.namespaceKey >= 0) counts[row.namespaceKey] += 1;
    if (row.serverKey >= 0) counts[row.serverKey] += 1;
  }
  // Key indexes follow first appearance, so listing groups by their first key orders them by first operation.
  const members = new Map<number, number[]>();
  for (let k = 0; k < keys.length; k += 1) {
    const group = findRoot(root, k);
    const list = members.get(group);
    if (list === undefined) members.set(group, [k]);
    else list.push(k);
  }
  const families: HotSpotFamily[] = [];
  for (const [group, list] of members) {
    if (list.length < minKeys) continue;
    const observations = (): HotSpotObservation[] => {
      const out: HotSpotObservation[] = [];
      const add = (k: number, span: EvidenceSpan) => {
        if (k < 0 || findRoot(root, k) !== group) return;
        const { dimension, system, key } = keys[k];
        out.push({ dimension, family: system, group: `${dimension}\u0000${system}\u0000#${group}`, key, span });
      };
      for (let i = 0; i < rows; i += 1) {
        const row = rowKeys(i);
        add(row.namespaceKey, columns.spans[i]);
        add(row.serverKey, columns.spans[i]);
      }
      return out;
    };
    families.push({ keys: list.length, total: list.reduce((sum, k) => sum + counts[k], 0), hotOps: list.reduce((max, k) => Math.max(max, counts[k]), 0), observations });
  }
  return families;
}

