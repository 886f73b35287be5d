// The per-span facts several rules share, as columns (span-columns.ts). Each is the columnar form of an existing
// predicate or name (db-spans.ts, outbound-calls.ts, span-outcome.ts …), so a rule gives the same answer either
// way; rule-specific facts live in the rule's own file.
import { isCacheSpan, isConnectionSpan, isDbQuerySpan, isDbSpan, isPoolAcquireSpan } from './db-spans.ts';
import { dependencyOf } from './dependency-of.ts';
import { callTarget, isOutboundCall, isRetry } from './outbound-calls.ts';
import { dbSystemOf, destinationOf } from './span-attributes.ts';
import { defineFact, flagFact, nameFact, type SpanFact } from './span-columns.ts';
import { isFailed } from './span-outcome.ts';

/** 1 for a database client span of any kind (isDbSpan). */
export const DB_SPAN = flagFact('db-span', isDbSpan);
/** 1 for a statement sent to a non-cache database (isDbQuerySpan). */
export const DB_QUERY = flagFact('db-query', isDbQuerySpan);
/** 1 for a cache call (isCacheSpan). */
export const CACHE_CALL = flagFact('cache-call', isCacheSpan);
/** 1 for connection handling: checkouts and connects (isConnectionSpan). */
export const CONNECTION = flagFact('connection', isConnectionSpan);
/** 1 for a wait for a pooled connection (isPoolAcquireSpan). */
export const POOL_ACQUIRE = flagFact('pool-acquire', isPoolAcquireSpan);
/** 1 for an outbound HTTP/RPC call (isOutboundCall). */
export const OUTBOUND_CALL = flagFact('outbound-call', isOutboundCall);
/** 1 for a retried attempt (isRetry). */
export const RETRY = flagFact('retry', isRetry);
/** 1 when the span failed (isFailed). */
export const FAILED = flagFact('failed', isFailed);

/** The normalized statement's string id, NONE without one. */
export const STATEMENT = nameFact('statement', (span) => span.normalizedStatement);
/** The span name's string id. */
export const SPAN_NAME = nameFact('span-name', (span) => span.name);
/** The lower-case database system's string id (dbSystemOf), NONE without one. */
export const DB_SYSTEM = nameFact('db-system', dbSystemOf);
/** host[:port] (destinationOf), NONE without one. */
export const DESTINATION = nameFact('destination', destinationOf);
/** The dependency a client span calls (dependencyOf), NONE for other spans. */
export const DEPENDENCY = nameFact('dependency', dependencyOf);
/** The call target's grouping key (callTarget(span).key) for outbound calls, NONE for other spans. */
export const CALL_TARGET = nameFact('call-target', (span) => (isOutboundCall(span) ? callTarget(span).key : undefined));

const KINDS = ['internal', 'server', 'client', 'producer', 'consumer', 'unspecified'] as const;
/** Index of the span's kind in SPAN_KINDS. */
export const SPAN_KINDS: readonly string[] = KINDS;
export const KIND: SpanFact = defineFact({ name: 'kind', compute: (span) => KINDS.indexOf(span.kind) });
export const KIND_SERVER = KINDS.indexOf('server');
export const KIND_CLIENT = KINDS.indexOf('client');
export const KIND_CONSUMER = KINDS.indexOf('consumer');
export const KIND_PRODUCER = KINDS.indexOf('producer');
