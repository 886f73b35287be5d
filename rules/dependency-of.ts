// The dependency a client span calls, named the way an operator knows it: a database ("postgresql shop"),
// a cache ("redis 127.0.0.1:6379") or a service (peer.service, else host:port). Connection checkouts are
// not calls to the dependency: a pool wait happens inside the caller (pool exhaustion, not a slow dependency).
import { memoizeBySpan } from './span-memo.ts';
import type { Span } from '../common/telemetry.ts';
import { isConnectionSpan, isDbSpan } from './db-spans.ts';
import { dbNamespaceOf, dbSystemOf, destinationOf, stringAttribute } from './span-attributes.ts';

function dependencyOfUncached(span: Span): string | undefined {
  if (span.kind !== 'client' || isConnectionSpan(span)) return undefined;
  if (isDbSpan(span)) {
    const system = dbSystemOf(span) ?? 'database';
    const where = dbNamespaceOf(span) ?? destinationOf(span);
    return where === undefined ? system : `${system} ${where}`;
  }
  return stringAttribute(span, ['peer.service']) ?? destinationOf(span);
}
export const dependencyOf = memoizeBySpan(dependencyOfUncached);
