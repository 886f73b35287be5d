// The names a span's work is keyed by, read off its attributes and resource as ONE per-span fact (span-columns.ts):
// the database it names and the operation it runs (hot-spot, slow-query), and the keys outside databases load
// can be skewed onto (hot-spot). One fact rather than several because the cost is in reaching each span object
// at all, not in the lookups once there; an evaluation then decodes each distinct value once.
import type { Attributes, Resource, Span } from '../common/telemetry.ts';
import { packParts, unpackParts } from './packed-parts.ts';
import { dbNamespaceOf, dbOperationOf, stringAttribute } from './span-attributes.ts';
import { defineFact, NONE } from './span-columns.ts';

export type HotSpotDimension = 'db.namespace' | 'server.address' | 'partition' | 'service.instance.id' | 'cache.key';

/**
 * A key outside databases: a messaging partition or a service instance ('direct': every operation counts), or an
 * application attribute naming a shard, partition or cache key ('tagged': counted once per trace, since the
 * server, internal and client spans of one request often all carry it).
 */
export interface OtherKey {
  tagged: boolean;
  /** The resource's service.instance.id: a key only of server and consumer spans (told from the KIND column). */
  instance: boolean;
  dimension: HotSpotDimension;
  family: string;
  /** What is compared together (the family within its dimension). */
  group: string;
  key: string;
}

export interface KeyAttributes {
  /** dbNamespaceOf */
  namespace: string | undefined;
  /** dbOperationOf */
  operation: string | undefined;
  /** In the order hot-spot has always counted them: partition, instance, then tagged attributes. */
  others: OtherKey[];
}

const MESSAGING_PARTITION_KEYS = ['messaging.destination.partition.id', 'messaging.kafka.destination.partition'];
/** Application attributes that name a shard or partition: app.shard, db.shard.id, tenant.partition_key… */
const SHARD_KEY = /(^|[._])(shard|partition)([._](id|key|index|number|name))?$/i;
const CACHE_KEY = /(^|[._])cache[._]key$/i;
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

const DIRECT = 'd';
const TAGGED = 't';
const INSTANCE = 'i';
const NO_NAMING = packParts([undefined, undefined]);

/** A resource's instance key, packed, alone and after an empty naming; its spans share it, so it is made once. */
interface InstanceKey {
  key: string;
  alone: string;
}
const instanceKeys = new WeakMap<Resource, InstanceKey>();

function instanceKeyOf(resource: Resource): InstanceKey {
  let found = instanceKeys.get(resource);
  if (found === undefined) {
    const instance = resource.attributes['service.instance.id'];
    const key = typeof instance === 'string' && instance !== '' ? packParts([INSTANCE, 'service.instance.id', resource.serviceName, instance]) : '';
    found = { key, alone: NO_NAMING + key };
    instanceKeys.set(resource, found);
  }
  return found;
}

/** Partition, instance and tagged keys, packed in that order. */
function otherKeysPacked(span: Span, attributes: Attributes, resource: Resource, instance: InstanceKey): string {
  let packed = '';
  const partition = stringAttribute(span, MESSAGING_PARTITION_KEYS);
  if (partition !== undefined) {
    const system = stringAttribute(span, ['messaging.system']) ?? 'messaging';
    const destination = stringAttribute(span, ['messaging.destination.name', 'messaging.destination']) ?? '?';
    packed += packParts([DIRECT, 'partition', `${system} ${destination}`, partition]);
  }
  packed += instance.key;
  for (const name in attributes) {
    // The name first: it rules out nearly every attribute with one map lookup.
    const dimension = dimensionOf(name);
    if (dimension === null) continue;
    const value = attributes[name];
    if (MESSAGING_PARTITION_KEYS.includes(name) || (typeof value !== 'string' && typeof value !== 'number')) continue;
    packed += packParts([TAGGED, dimension, `${name} in ${resource.serviceName}`, String(value)]);
  }
  return packed;
}

/** Packed KeyAttributes; NONE for a span with none of them. */
export const KEY_ATTRIBUTES = defineFact({
  name: 'key-attributes',
  compute(span, strings) {
    const { attributes, resource } = span;
    const namespace = dbNamespaceOf(span);
    const operation = dbOperationOf(span);
    const instance = instanceKeyOf(resource);
    const others = otherKeysPacked(span, attributes, resource, instance);
    if (namespace !== undefined || operation !== undefined) return strings.id(packParts([namespace, operation]) + others);
    if (others === '') return NONE;
    // Most spans: the same string object each time, whose hash is already known.
    return strings.id(others === instance.key ? instance.alone : NO_NAMING + others);
  },
});

const NOTHING: KeyAttributes = { namespace: undefined, operation: undefined, others: [] };

/** The KeyAttributes of a KEY_ATTRIBUTES value (`value` reads the string table). */
export function keyAttributesOf(id: number, value: (id: number) => string): KeyAttributes {
  if (id === NONE) return NOTHING;
  const [namespace, operation, ...parts] = unpackParts(value(id));
  const others: OtherKey[] = [];
  for (let i = 0; i + 3 < parts.length; i += 4) {
    const dimension = parts[i + 1] as HotSpotDimension;
    const family = parts[i + 2] ?? '';
    const instance = parts[i] === INSTANCE;
    const group = instance ? `instance\u0000${family}` : `${dimension}\u0000${family}`;
    others.push({ tagged: parts[i] === TAGGED, instance, dimension, family, group, key: parts[i + 3] ?? '' });
  }
  return { namespace, operation, others };
}
