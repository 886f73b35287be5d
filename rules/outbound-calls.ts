// Outbound HTTP and RPC calls a service makes (CLIENT spans that are not database or messaging calls), and
// the target each goes to as a template: method, host and path with ids replaced, so calls for /stock/17
// and /stock/42 count as calls to one endpoint.
import { memoizeBySpan, memoizeString } from './span-memo.ts';
import type { Span } from '../common/telemetry.ts';
import { isDbSpan } from './db-spans.ts';
import { destinationOf, numberAttribute, stringAttribute } from './span-attributes.ts';

export interface CallTarget {
  /** Stable grouping key. */
  key: string;
  /** How the target reads in a finding, e.g. "GET inventory:8080/stock/{id}". */
  label: string;
}

const ID_SEGMENTS: [RegExp, string][] = [
  [/^\d+$/, '{id}'],
  [/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, '{uuid}'],
  [/^[0-9a-f]{16,}$/i, '{hex}'],
  // Long tokens with digits in them (slugs with ids, base64 ids) vary per call.
  [/^(?=.*\d)[A-Za-z0-9_~.-]{12,}$/, '{id}'],
];

/** The path with id-like segments replaced, without query or fragment. */
function pathTemplateUncached(path: string): string {
  const bare = path.split(/[?#]/)[0];
  return bare
    .split('/')
    .map((segment) => ID_SEGMENTS.find(([pattern]) => pattern.test(segment))?.[1] ?? segment)
    .join('/');
}
export const pathTemplate = memoizeString(pathTemplateUncached);

function pathOfUncached(span: Span): string | undefined {
  const template = stringAttribute(span, ['url.template', 'http.route']);
  if (template !== undefined) return template;
  const url = stringAttribute(span, ['url.full', 'http.url']);
  if (url !== undefined) {
    try {
      return pathTemplate(new URL(url).pathname);
    } catch {
      return undefined;
    }
  }
  const path = stringAttribute(span, ['url.path', 'http.target']);
  return path === undefined ? undefined : pathTemplate(path);
}
const pathOf = memoizeBySpan(pathOfUncached);

/** A CLIENT span for an HTTP request or an RPC (not a database, cache or messaging call). */
function isOutboundCallUncached(span: Span): boolean {
  if (span.kind !== 'client' || isDbSpan(span)) return false;
  if (stringAttribute(span, ['messaging.system']) !== undefined) return false;
  return stringAttribute(span, ['http.request.method', 'http.method', 'rpc.system', 'url.full', 'http.url']) !== undefined;
}
export const isOutboundCall = memoizeBySpan(isOutboundCallUncached);

function callTargetUncached(span: Span): CallTarget {
  const rpc = stringAttribute(span, ['rpc.system']);
  if (rpc !== undefined) {
    const label = `${stringAttribute(span, ['rpc.service']) ?? destinationOf(span) ?? '?'}/${stringAttribute(span, ['rpc.method']) ?? span.name}`;
    return { key: `rpc ${rpc} ${label}`, label };
  }
  const method = stringAttribute(span, ['http.request.method', 'http.method']) ?? 'GET';
  const label = `${method} ${destinationOf(span) ?? ''}${pathOf(span) ?? ''}`;
  return { key: `http ${label}`, label };
}
export const callTarget = memoizeBySpan(callTargetUncached);

/** Retried attempts (http.request.resend_count > 0) belong to retry storms, not to chatty code. */
export const isRetry = (span: Span): boolean => (numberAttribute(span, ['http.request.resend_count']) ?? 0) > 0;
