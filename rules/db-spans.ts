// What a span says about the database: is it a query, a connection checkout or a cache call, what statement
// shape it ran, on which database. Reads the current semconv names and the older ones (db.system vs
// db.system.name, db.statement vs db.query.text, db.name vs db.namespace) so rules work with both.
import { memoizeBySpan } from './span-memo.ts';
import type { Span } from '../common/telemetry.ts';
import type { EvidenceSpan } from './evidence.ts';
import { dbOperationOf, dbQueryTextOf, dbSystemOf, stringAttribute } from './span-attributes.ts';

const COLLECTION_KEYS = ['db.collection.name', 'db.sql.table', 'db.mongodb.collection'];

/** Key-value stores and caches: their calls are not SQL statements (N+1 DB and slow-query skip them). */
const CACHE_SYSTEMS = new Set(['redis', 'memcached', 'valkey', 'hazelcast', 'coherence', 'geode', 'ignite']);

/**
 * Connection handling rather than a statement: pool checkouts and physical connects, as the instrumentations
 * name them (pg-pool.connect, pg.connect, generic-pool.acquire, redis-connect, mysql …connection).
 */
const CONNECTION_NAME = /(?:^|[.\-_:\s])(?:connect|connection|acquire|checkout)$/i;
/** A wait for a pooled connection (pg-pool.connect, generic-pool.acquire), as opposed to opening one. */
const POOL_ACQUIRE_NAME = /pool[.\-_:\s]?(?:connect|acquire|checkout)$/i;

const WRITE_VERBS = new Set(['INSERT', 'UPDATE', 'DELETE', 'UPSERT', 'MERGE', 'REPLACE']);
/** Transaction and session control: cheap bookkeeping whose slowness says disk or locks, not a query plan. */
const CONTROL_VERBS = new Set(['BEGIN', 'COMMIT', 'ROLLBACK', 'SAVEPOINT', 'RELEASE', 'START', 'END', 'SET', 'SHOW', 'RESET', 'DISCARD', 'LISTEN', 'UNLISTEN', 'DEALLOCATE']);

/** Statement shapes that already write many rows at once (the fix missing-batching would suggest). */
const BATCHED_WRITE_PATTERNS = [
  /\bunnest\s*\(/i,
  /=\s*any\s*\(/i,
  /^\s*copy\b/i,
  /\bjsonb?_(?:to|populate)_recordset\s*\(/i,
  /\bvalues\s*\([^()]*(?:\([^()]*\)[^()]*)*\)\s*,\s*\(/i,
  /\bfrom\s*\(\s*values\b/i,
];

/** The statement's normalized shape when the span reached the rules through the evidence window. */
const normalizedOf = (span: Span | EvidenceSpan): string | null => ('normalizedStatement' in span ? span.normalizedStatement : null);

/** A database client span of any kind: it names a database system or carries a statement. */
function isDbSpanUncached(span: Span | EvidenceSpan): boolean {
  if (span.kind === 'server' || span.kind === 'consumer' || span.kind === 'producer') return false;
  return dbSystemOf(span) !== undefined || normalizedOf(span) !== null || dbQueryTextOf(span) !== undefined;
}
export const isDbSpan = memoizeBySpan(isDbSpanUncached);

export const isCacheSpan = memoizeBySpan((span: Span | EvidenceSpan): boolean => CACHE_SYSTEMS.has(dbSystemOf(span) ?? ''));

function isConnectionSpanUncached(span: Span | EvidenceSpan): boolean {
  return dbQueryTextOf(span) === undefined && CONNECTION_NAME.test(span.name.trim());
}
export const isConnectionSpan = memoizeBySpan(isConnectionSpanUncached);

export function isPoolAcquireSpan(span: Span | EvidenceSpan): boolean {
  return dbQueryTextOf(span) === undefined && POOL_ACQUIRE_NAME.test(span.name.trim());
}

/** A database operation (a statement or a cache command), not connection handling. */
function isDbOperationUncached(span: Span | EvidenceSpan): boolean {
  return isDbSpan(span) && !isConnectionSpan(span);
}
export const isDbOperation = memoizeBySpan(isDbOperationUncached);

/** A statement sent to a (non-cache) database: what N+1, slow-query and batching rules look at. */
function isDbQuerySpanUncached(span: Span | EvidenceSpan): boolean {
  return isDbOperation(span) && !isCacheSpan(span);
}
export const isDbQuerySpan = memoizeBySpan(isDbQuerySpanUncached);

export interface StatementShape {
  /** The normalized statement, or the best stand-in when the text was not recorded. */
  text: string;
  /** Where it came from: the query text (best), a summary (operation + table) or only the span name. */
  source: 'text' | 'summary' | 'name';
}

function statementOfUncached(span: EvidenceSpan): StatementShape {
  if (span.normalizedStatement !== null) return { text: span.normalizedStatement, source: 'text' };
  const summary = stringAttribute(span, ['db.query.summary']);
  if (summary !== undefined) return { text: summary, source: 'summary' };
  const operation = dbOperationOf(span);
  const collection = stringAttribute(span, COLLECTION_KEYS);
  if (operation !== undefined && collection !== undefined) return { text: `${operation} ${collection}`, source: 'summary' };
  return { text: span.name, source: 'name' };
}
export const statementOf = memoizeBySpan(statementOfUncached);

/** How much to trust grouping by this shape: spans named only "pg.query:SELECT shop" may be different queries. */
export const shapeConfidence = (shape: StatementShape): number => (shape.source === 'text' ? 1 : shape.source === 'summary' ? 0.75 : 0.55);

/** The statement's leading keyword (SELECT, INSERT …), from the operation attribute or the text. */
export function statementVerb(span: EvidenceSpan, shape: StatementShape = statementOf(span)): string {
  const operation = dbOperationOf(span);
  if (operation !== undefined) return operation.trim().split(/\s+/)[0].toUpperCase();
  const fromText = /^[\s(]*([A-Za-z]+)/.exec(shape.source === 'name' ? shape.text.replace(/^[^:]*:/, '') : shape.text);
  return fromText === null ? '' : fromText[1].toUpperCase();
}

export const isWriteVerb = (verb: string): boolean => WRITE_VERBS.has(verb);
export const isControlVerb = (verb: string): boolean => CONTROL_VERBS.has(verb);

/** A write that already carries many rows (multi-row VALUES, unnest, = ANY, COPY, a batch operation). */
export function isBatchedWrite(span: EvidenceSpan): boolean {
  const batchSize = span.attributes['db.operation.batch.size'];
  if (typeof batchSize === 'number' && batchSize >= 2) return true;
  const operation = dbOperationOf(span);
  if (operation !== undefined && /^batch\b/i.test(operation)) return true;
  const raw = dbQueryTextOf(span);
  return raw !== undefined && BATCHED_WRITE_PATTERNS.some((pattern) => pattern.test(raw));
}

/** A statement cut short for titles and summaries. */
export function shortStatement(text: string, max = 100): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
