// The cache command a client span ran (read, write or other) and its key, as the redis/ioredis/memcached
// instrumentations record them: db.operation.name or the span name for the command, and the key as the first
// argument of the query text ("get product:7", "set product:7 [3 other arguments]").
import type { Span } from '../common/telemetry.ts';
import { isCacheSpan } from './db-spans.ts';
import { dbOperationOf, dbQueryTextOf } from './span-attributes.ts';

const READS = new Set(['get', 'mget', 'gets', 'hget', 'hgetall', 'hmget', 'getex', 'exists']);
const WRITES = new Set(['set', 'setex', 'psetex', 'setnx', 'mset', 'hset', 'hmset', 'add', 'replace', 'cas']);

export interface CacheCommand {
  kind: 'read' | 'write' | 'other';
  /** The key, when the instrumentation records it. */
  key: string | undefined;
}

export function cacheCommandOf(span: Span): CacheCommand | null {
  if (!isCacheSpan(span)) return null;
  const words = dbQueryTextOf(span)?.trim().split(/\s+/) ?? [];
  const command = (dbOperationOf(span) ?? words[0] ?? span.name).toLowerCase().replace(/^(multi|pipeline) /, '');
  const key = words.length > 1 && !words[1].startsWith('[') ? words[1] : undefined;
  return { kind: READS.has(command) ? 'read' : WRITES.has(command) ? 'write' : 'other', key };
}
