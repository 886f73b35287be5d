// The keys load can be skewed onto, read off spans: for each span, which sibling set it belongs to (the
// family: a database system, a topic, a service…) and which member (the key) took the work.
import type { Span } from '../common/telemetry.ts';
import { isDbOperation } from './db-spans.ts';
import type { EvidenceSpan } from './evidence.ts';
import { dbNamespaceOf, dbOperationOf, dbSystemOf, destinationOf, stringAttribute } from './span-attributes.ts';

export type HotSpotDimension = 'db.namespace' | 'server.address' | 'partition' | 'service.instance.id' | 'cache.key';

export interface HotSpotObservation {
  dimension: HotSpotDimension;
  /** The sibling set the key belongs to, e.g. "postgresql" or "kafka orders". */
  family: string;
  /** What is compared together: the family, or for databases and servers one set of siblings within it. */
  group: string;
  key: string;
  span: EvidenceSpan;
}

const MESSAGING_PARTITION_KEYS = ['messaging.destination.partition.id', 'messaging.kafka.destination.partition'];
/** Application attributes that name a shard or partition: app.shard, db.shard.id, tenant.partition_key… */
const SHARD_KEY = /(^|[._])(shard|partition)([._](id|key|index|number|name))?$/i;
const CACHE_KEY = /(^|[._])cache[._]key$/i;

function messagingFamily(span: Span): string {
  const system = stringAttribute(span, ['messaging.system']) ?? 'messaging';
  const destination = stringAttribute(span, ['messaging.destination.name', 'messaging.destination']) ?? '?';
  return `${system} ${destination}`;
}

/** Statements every database runs (transaction control, session settings, pings): they say nothing about siblings. */
const TRIVIAL_SHAPE = /^\s*(begin|commit|rollback|start|end|savepoint|release|set|show|reset|discard|select \?;?\s*$)/i;

/**
 * Databases (or servers) are siblings when they run the same work: keys that share a non-trivial statement
 * are joined, and a key is compared within its joined set (which needs `minKeys` members). A main database
 * beside a set of shards runs other queries and stays out; every operation of a member counts, including
 * statements only the hot key runs.
 */
function siblingsOnly(observations: readonly DbObservation[], minKeys: number): HotSpotObservation[] {
  // Union-find over key indexes; each observation's key index is computed once.
  const indexOf = new Map<string, number>();
  const root: number[] = [];
  const find = (i: number): number => {
    let top = i;
    while (root[top] !== top) top = root[top];
    for (let at = i; at !== top; ) {
      const next = root[at];
      root[at] = top;
      at = next;
    }
    return top;
  };
  const firstKeyOfShape = new Map<string, number>();
  const keyIndexes = observations.map((o) => {
    let index = indexOf.get(o.keyId);
    if (index === undefined) {
      index = root.length;
      indexOf.set(o.keyId, index);
      root.push(index);
    }
    if (o.shapeId !== null) {
      const other = firstKeyOfShape.get(o.shapeId);
      if (other === undefined) firstKeyOfShape.set(o.shapeId, index);
      else root[find(index)] = find(other);
    }
    return index;
  });
  const sizes = new Map<number, number>();
  for (let i = 0; i < root.length; i += 1) sizes.set(find(i), (sizes.get(find(i)) ?? 0) + 1);
  // The joined set is the comparison group, so unrelated sets of one system are never compared with each other.
  const out: HotSpotObservation[] = [];
  observations.forEach((o, i) => {
    const group = find(keyIndexes[i]);
    if ((sizes.get(group) ?? 0) >= minKeys) out.push({ dimension: o.dimension, family: o.family, group: `${o.dimension}\u0000${o.family}\u0000#${group}`, key: o.key, span: o.span });
  });
  return out;
}

/** Counts a request once per key even when several of its spans carry the key (server, internal and client). */
function oncePerTrace(observations: readonly HotSpotObservation[]): HotSpotObservation[] {
  const seen = new Map<string, HotSpotObservation>();
  for (const o of observations) {
    const id = `${o.dimension}\u0000${o.family}\u0000${o.key}\u0000${o.span.traceId}`;
    const known = seen.get(id);
    // Keep the outermost (longest) span: its duration is the request's time on this key.
    if (known === undefined || o.span.endTimeUnixNano - o.span.startTimeUnixNano > known.span.endTimeUnixNano - known.span.startTimeUnixNano) seen.set(id, o);
  }
  return [...seen.values()];
}

/** A DB observation with its comparison ids made once (they are asked for on every evaluation). */
type DbObservation = Omit<HotSpotObservation, 'group'> & { shape: string; keyId: string; shapeId: string | null };

interface SpanObservations {
  db: DbObservation[];
  direct: HotSpotObservation[];
  tagged: HotSpotObservation[];
}

/** What one span says about keys; worked out once per span, however many evaluations see it. */
const observed = new WeakMap<EvidenceSpan, SpanObservations>();
/** Attribute name → the dimension it names (shard/partition or cache key), or null; names repeat endlessly. */
const dimensionByName = new Map<string, HotSpotDimension | null>();

function dimensionOf(name: string): HotSpotDimension | null {
  let dimension = dimensionByName.get(name);
  if (dimension === undefined) {
    dimension = SHARD_KEY.test(name) ? 'partition' : CACHE_KEY.test(name) ? 'cache.key' : null;
    if (dimensionByName.size < 10_000) dimensionByName.set(name, dimension);
  }
  return dimension;
}

function observe(span: EvidenceSpan): SpanObservations {
  const known = observed.get(span);
  if (known !== undefined) return known;
  const out: SpanObservations = { db: [], direct: [], tagged: [] };
  if (isDbOperation(span)) {
    const system = dbSystemOf(span) ?? 'db';
    const shape = span.normalizedStatement ?? dbOperationOf(span) ?? span.name;
    const namespace = dbNamespaceOf(span);
    const server = destinationOf(span);
    const trivial = TRIVIAL_SHAPE.test(shape);
    const add = (dimension: HotSpotDimension, key: string) =>
      out.db.push({ dimension, family: system, key, span, shape, keyId: `${dimension}\u0000${system}\u0000${key}`, shapeId: trivial ? null : `${dimension}\u0000${system}\u0000${shape}` });
    if (namespace !== undefined) add('db.namespace', namespace);
    if (server !== undefined) add('server.address', server);
  }
  const partition = stringAttribute(span, MESSAGING_PARTITION_KEYS);
  if (partition !== undefined) {
    const family = messagingFamily(span);
    out.direct.push({ dimension: 'partition', family, group: `partition\u0000${family}`, key: partition, span });
  }
  if (span.kind === 'server' || span.kind === 'consumer') {
    const instance = span.resource.attributes['service.instance.id'];
    if (typeof instance === 'string' && instance !== '') {
      out.direct.push({ dimension: 'service.instance.id', family: span.resource.serviceName, group: `instance\u0000${span.resource.serviceName}`, key: instance, span });
    }
  }
  for (const name in span.attributes) {
    const value = span.attributes[name];
    if (MESSAGING_PARTITION_KEYS.includes(name) || (typeof value !== 'string' && typeof value !== 'number')) continue;
    const dimension = dimensionOf(name);
    if (dimension === null) continue;
    const family = `${name} in ${span.resource.serviceName}`;
    out.tagged.push({ dimension, family, group: `${dimension}\u0000${family}`, key: String(value), span });
  }
  observed.set(span, out);
  return out;
}

export function hotSpotObservations(spans: readonly EvidenceSpan[], minKeys: number): HotSpotObservation[] {
  const db: DbObservation[] = [];
  const direct: HotSpotObservation[] = [];
  const tagged: HotSpotObservation[] = [];
  for (const span of spans) {
    const seen = observe(span);
    for (const item of seen.db) db.push(item);
    for (const item of seen.direct) direct.push(item);
    for (const item of seen.tagged) tagged.push(item);
  }
  return [...siblingsOnly(db, minKeys), ...direct, ...oncePerTrace(tagged)];
}
