// Reading span attributes under every name real instrumentation uses: current semantic conventions first,
// then the older names (db.system, db.name, net.peer.name…) that many SDKs still emit, sometimes both at once.
import { memoizeBySpan } from './span-memo.ts';
import type { Span } from '../common/telemetry.ts';

/** The first of `keys` the span carries as a non-empty string (numbers are turned into text). */
export function stringAttribute(span: Span, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const value = span.attributes[key];
    if (typeof value === 'string' && value !== '') return value;
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  }
  return undefined;
}

/** The first of `keys` the span carries as a number (numeric strings count: some SDKs send ints as text). */
export function numberAttribute(span: Span, keys: readonly string[]): number | undefined {
  for (const key of keys) {
    const value = span.attributes[key];
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  }
  return undefined;
}

export const durationMs = (span: Span): number => Number(span.endTimeUnixNano - span.startTimeUnixNano) / 1e6;

export const dbSystemOf = memoizeBySpan((span: Span): string | undefined => stringAttribute(span, ['db.system.name', 'db.system'])?.toLowerCase());
export const dbNamespaceOf = (span: Span): string | undefined => stringAttribute(span, ['db.namespace', 'db.name', 'db.redis.database_index']);
export const dbOperationOf = (span: Span): string | undefined => stringAttribute(span, ['db.operation.name', 'db.operation']);
export const dbQueryTextOf = (span: Span): string | undefined => stringAttribute(span, ['db.query.text', 'db.statement']);

/**
 * Where a client span goes: host[:port] from server.address (or the older net.peer.name), else peer.service,
 * else the host of url.full. Undefined when the span names no destination.
 */
function destinationOfUncached(span: Span): string | undefined {
  const host = stringAttribute(span, ['server.address', 'net.peer.name', 'network.peer.address', 'net.peer.ip']);
  if (host !== undefined) {
    const port = stringAttribute(span, ['server.port', 'net.peer.port', 'network.peer.port']);
    return port === undefined ? host : `${host}:${port}`;
  }
  const peer = stringAttribute(span, ['peer.service']);
  if (peer !== undefined) return peer;
  const url = stringAttribute(span, ['url.full', 'http.url']);
  if (url !== undefined) {
    try {
      return new URL(url).host;
    } catch {
      return undefined;
    }
  }
  return undefined;
}
export const destinationOf = memoizeBySpan(destinationOfUncached);
