// Span builders for rule tests, on top of fixtures/domain-builders: a request (server span) and the client
// spans it makes to a database, a cache or another service, shaped like the OTel JS instrumentations emit them.
import type { Attributes, Resource, Span } from '../common/telemetry.ts';
import { buildResource, buildScope, buildSpan, spanIdFor, traceIdFor } from '../fixtures/domain-builders.ts';

const MS = 1_000_000n;
const PG_SCOPE = buildScope('@opentelemetry/instrumentation-pg', '0.76.0');
const REDIS_SCOPE = buildScope('@opentelemetry/instrumentation-ioredis', '0.71.0');
const HTTP_SCOPE = buildScope('@opentelemetry/instrumentation-http', '0.223.0');

let nextSpan = 1_000_000;
/** A fresh span id (unique within a test run). */
export const newSpanId = (): string => spanIdFor((nextSpan += 1));

export interface Timing {
  /** Start time (ns). */
  at: bigint;
  /** Duration in ms. */
  ms: number;
}

const end = (t: Timing): bigint => t.at + BigInt(Math.round(t.ms * 1e6));
export const msAfter = (at: bigint, ms: number): bigint => at + BigInt(Math.round(ms)) * MS;

/** The server span a request arrives on. */
export function serverSpan(trace: number, t: Timing, options: { resource?: Resource; route?: string; status?: number; attributes?: Attributes } = {}): Span {
  const status = options.status ?? 200;
  return buildSpan({
    traceId: traceIdFor(trace),
    spanId: newSpanId(),
    resource: options.resource ?? buildResource('shop'),
    scope: HTTP_SCOPE,
    name: `GET ${options.route ?? '/orders/:id'}`,
    kind: 'server',
    startTimeUnixNano: t.at,
    endTimeUnixNano: end(t),
    attributes: { 'http.request.method': 'GET', 'http.route': options.route ?? '/orders/:id', 'http.response.status_code': status, ...options.attributes },
    statusCode: status >= 500 ? 'error' : 'unset',
  });
}

/** A pg query span under `parent`. */
export function pgSpan(parent: Span, t: Timing, query: string, options: { namespace?: string; server?: string; port?: number; attributes?: Attributes } = {}): Span {
  const op = query.split(' ')[0].toUpperCase();
  return buildSpan({
    traceId: parent.traceId,
    spanId: newSpanId(),
    parentSpanId: parent.spanId,
    resource: parent.resource,
    scope: PG_SCOPE,
    name: `pg.query:${op} ${options.namespace ?? 'shop'}`,
    kind: 'client',
    startTimeUnixNano: t.at,
    endTimeUnixNano: end(t),
    attributes: {
      'db.system.name': 'postgresql',
      'db.namespace': options.namespace ?? 'shop',
      'db.query.text': query,
      'server.address': options.server ?? '127.0.0.1',
      'server.port': options.port ?? 5432,
      ...options.attributes,
    },
  });
}

/** An ioredis command span under `parent`, e.g. redisSpan(p, t, 'get', 'product:7'). */
export function redisSpan(parent: Span, t: Timing, command: string, key: string, extraArgs = 0): Span {
  return buildSpan({
    traceId: parent.traceId,
    spanId: newSpanId(),
    parentSpanId: parent.spanId,
    resource: parent.resource,
    scope: REDIS_SCOPE,
    name: command,
    kind: 'client',
    startTimeUnixNano: t.at,
    endTimeUnixNano: end(t),
    attributes: {
      'db.system.name': 'redis',
      'db.operation.name': command,
      'db.query.text': extraArgs > 0 ? `${command} ${key} [${extraArgs} other arguments]` : `${command} ${key}`,
      'server.address': '127.0.0.1',
      'server.port': 6379,
    },
  });
}

/** An HTTP client span under `parent` to `host:port`. */
export function httpClientSpan(parent: Span, t: Timing, url: string, options: { status?: number; resendCount?: number; errorType?: string } = {}): Span {
  const parsed = new URL(url);
  const status = options.status;
  const failed = options.errorType !== undefined || (status !== undefined && status >= 500);
  return buildSpan({
    traceId: parent.traceId,
    spanId: newSpanId(),
    parentSpanId: parent.spanId,
    resource: parent.resource,
    scope: HTTP_SCOPE,
    name: 'GET',
    kind: 'client',
    startTimeUnixNano: t.at,
    endTimeUnixNano: end(t),
    attributes: {
      'http.request.method': 'GET',
      'url.full': url,
      'server.address': parsed.hostname,
      'server.port': Number(parsed.port),
      ...(status === undefined ? {} : { 'http.response.status_code': status }),
      ...(options.resendCount === undefined ? {} : { 'http.request.resend_count': options.resendCount }),
      ...(options.errorType === undefined ? {} : { 'error.type': options.errorType }),
    },
    statusCode: failed ? 'error' : 'unset',
  });
}

/** The server span of a callee service answering `client`. */
export function calleeServerSpan(client: Span, t: Timing, resource: Resource, status = 200): Span {
  return buildSpan({
    traceId: client.traceId,
    spanId: newSpanId(),
    parentSpanId: client.spanId,
    resource,
    scope: HTTP_SCOPE,
    name: 'GET /stock/:sku',
    kind: 'server',
    startTimeUnixNano: t.at,
    endTimeUnixNano: end(t),
    attributes: { 'http.request.method': 'GET', 'http.route': '/stock/:sku', 'http.response.status_code': status },
    statusCode: status >= 500 ? 'error' : 'unset',
  });
}
