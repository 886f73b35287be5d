// Builders of domain telemetry for store tests and the store's ingest measurement. Deterministic (seeded).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type {
  Attributes,
  InstrumentationScope,
  LogRecord,
  MetricPoint,
  MetricPointData,
  Resource,
  Span,
  TelemetryBatch,
} from '../common/telemetry.ts';
import { TelemetryStore } from './telemetry-store.ts';
import type { StoreOptions } from './telemetry-store.ts';

const createdDirs: string[] = [];

/** A fresh temporary directory for one test's database; removeTempDirs() deletes it. */
export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chokepoint-store-'));
  createdDirs.push(dir);
  return dir;
}

const openStores: TelemetryStore[] = [];

/** Opens a store in a fresh temp dir (unless options name one); closeTestStores() closes it after the test. */
export function openTestStore(options: Partial<StoreOptions> = {}): TelemetryStore {
  const store = TelemetryStore.open({ dataDir: tempDir(), ...options });
  openStores.push(store);
  return store;
}

/** Closes every store openTestStore() opened that is still open; use as `afterEach(closeTestStores)`. */
export function closeTestStores(): void {
  for (const store of openStores.splice(0)) if (store.isOpen) store.close();
}

/** Deletes every directory tempDir() made in this process (close the stores in them first). */
export function removeTempDirs(): void {
  for (const dir of createdDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** Small seeded PRNG (mulberry32) so generated telemetry is the same on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hex = (n: bigint, chars: number): string => n.toString(16).padStart(chars, '0').slice(-chars);

/** A deterministic, well-spread trace id for n. */
export function traceIdFor(n: number): string {
  const x = BigInt(n) * 0x9e3779b97f4a7c15n;
  return hex(x ^ (x >> 29n), 16) + hex(BigInt(n) * 0xc2b2ae3d27d4eb4fn + 1n, 16);
}

/** A deterministic span id for n (never all zeros). */
export function spanIdFor(n: number): string {
  return hex(BigInt(n + 1) * 0x9e3779b97f4a7c15n, 16);
}

export function buildResource(serviceName: string, extra: Attributes = {}): Resource {
  const attributes: Attributes = {
    'service.name': serviceName,
    'service.version': '1.4.2',
    'service.instance.id': `${serviceName}-7f9c`,
    'host.name': 'laptop',
    'telemetry.sdk.language': 'nodejs',
    ...extra,
  };
  return { key: `res:${JSON.stringify(attributes)}`, serviceName, attributes, schemaUrl: 'https://opentelemetry.io/schemas/1.26.0' };
}

export function buildScope(name = '@opentelemetry/instrumentation-http', version = '0.52.0'): InstrumentationScope {
  return { name, version, attributes: {} };
}

const DEFAULT_RESOURCE = buildResource('checkout');
const DEFAULT_SCOPE = buildScope();

/** A root span with the given fields overridden. */
export function buildSpan(overrides: Partial<Span> = {}): Span {
  return {
    resource: DEFAULT_RESOURCE,
    scope: DEFAULT_SCOPE,
    traceId: traceIdFor(1),
    spanId: spanIdFor(1),
    parentSpanId: '',
    traceState: '',
    flags: 1,
    name: 'GET /api/orders/:id',
    kind: 'server',
    startTimeUnixNano: 1_700_000_000_000_000_000n,
    endTimeUnixNano: 1_700_000_000_012_345_678n,
    attributes: {},
    droppedAttributesCount: 0,
    events: [],
    droppedEventsCount: 0,
    links: [],
    droppedLinksCount: 0,
    statusCode: 'unset',
    statusMessage: '',
    ...overrides,
  };
}

const USER_AGENTS = [
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  'okhttp/4.12.0',
  'python-requests/2.32.3',
  'k6/0.52.0 (https://k6.io/)',
];
const FRONTEND = buildResource('frontend');
const ORDERS = buildResource('orders');
const HTTP_SCOPE = buildScope();
const PG_SCOPE = buildScope('@opentelemetry/instrumentation-pg', '0.43.0');
const APP_SCOPE = buildScope('orders-app', '1.4.2');

/**
 * A realistic 5-span trace with 10–15 attributes per span: frontend HTTP server root → orders internal span →
 * two Postgres queries and one HTTP call to inventory. Start times advance by 1 ms per trace.
 */
export function buildTypicalTrace(n: number, random: () => number = seededRandom(n)): Span[] {
  const traceId = traceIdFor(n);
  const start = 1_700_000_000_000_000_000n + BigInt(n) * 1_000_000n;
  const ids = [0, 1, 2, 3, 4].map((i) => spanIdFor(n * 5 + i));
  const orderId = Math.floor(random() * 1_000_000);
  const error = random() < 0.02;
  const ms = (x: number) => BigInt(Math.round(x * 1_000_000));
  const dur = 5 + random() * 40;
  const common = { traceId, traceState: '', flags: 1, droppedAttributesCount: 0, droppedEventsCount: 0, links: [], droppedLinksCount: 0 };
  const root: Span = {
    ...common,
    resource: FRONTEND,
    scope: HTTP_SCOPE,
    spanId: ids[0],
    parentSpanId: '',
    name: 'GET /api/orders/:id',
    kind: 'server',
    startTimeUnixNano: start,
    endTimeUnixNano: start + ms(dur),
    attributes: {
      'http.request.method': 'GET',
      'url.path': `/api/orders/${orderId}`,
      'url.scheme': 'http',
      'http.route': '/api/orders/:id',
      'http.response.status_code': error ? 500 : 200,
      'server.address': 'frontend.local',
      'server.port': 8080,
      'network.protocol.version': '1.1',
      'user_agent.original': USER_AGENTS[Math.floor(random() * USER_AGENTS.length)],
      'client.address': `10.0.${Math.floor(random() * 4)}.${Math.floor(random() * 250)}`,
      'network.peer.port': 1024 + Math.floor(random() * 60_000),
    },
    events: error ? [{ timeUnixNano: start + ms(dur / 2), name: 'exception', attributes: { 'exception.type': 'Error', 'exception.message': 'upstream failed' }, droppedAttributesCount: 0 }] : [],
    statusCode: error ? 'error' : 'unset',
    statusMessage: error ? 'upstream failed' : '',
  };
  const internal: Span = {
    ...common,
    resource: ORDERS,
    scope: APP_SCOPE,
    spanId: ids[1],
    parentSpanId: ids[0],
    name: 'load order',
    kind: 'internal',
    startTimeUnixNano: start + ms(1),
    endTimeUnixNano: start + ms(dur - 1),
    attributes: {
      'code.function.name': 'OrderService.load',
      'code.file.path': '/app/src/orders/order-service.ts',
      'code.line.number': 118,
      'thread.id': 1,
      'thread.name': 'main',
      'app.order.id': String(orderId),
      'app.order.items': 1 + Math.floor(random() * 9),
      'app.customer.tier': random() < 0.2 ? 'gold' : 'standard',
      'app.cache.hit': random() < 0.7,
      'app.region': 'eu-west-1',
    },
    events: [],
    statusCode: 'unset',
    statusMessage: '',
  };
  const query = (i: number, text: string, op: string, table: string): Span => ({
    ...common,
    resource: ORDERS,
    scope: PG_SCOPE,
    spanId: ids[i],
    parentSpanId: ids[1],
    name: `${op} orders.${table}`,
    kind: 'client',
    startTimeUnixNano: start + ms(i),
    endTimeUnixNano: start + ms(i + random() * 3),
    attributes: {
      'db.system.name': 'postgresql',
      'db.namespace': 'orders',
      'db.operation.name': op,
      'db.collection.name': table,
      'db.query.text': text,
      'server.address': 'db.internal',
      'server.port': 5432,
      'network.peer.address': '10.0.9.5',
      'network.peer.port': 5432,
      'db.client.connection.pool.name': 'main',
      'db.response.returned_rows': Math.floor(random() * 20),
    },
    events: [],
    statusCode: 'unset',
    statusMessage: '',
  });
  const sku = Math.floor(random() * 50_000);
  const httpCall: Span = {
    ...common,
    resource: ORDERS,
    scope: HTTP_SCOPE,
    spanId: ids[4],
    parentSpanId: ids[1],
    name: 'GET',
    kind: 'client',
    startTimeUnixNano: start + ms(4),
    endTimeUnixNano: start + ms(4 + random() * 20),
    attributes: {
      'http.request.method': 'GET',
      'url.full': `http://inventory.internal:8080/stock/${sku}`,
      'server.address': 'inventory.internal',
      'server.port': 8080,
      'http.response.status_code': error ? 503 : 200,
      'network.protocol.version': '1.1',
      'network.peer.address': `10.0.7.${Math.floor(random() * 8)}`,
      'network.peer.port': 8080,
      'http.request.resend_count': 0,
      'app.sku': sku,
    },
    events: [],
    statusCode: error ? 'error' : 'unset',
    statusMessage: '',
  };
  return [
    root,
    internal,
    query(2, 'SELECT id, status, total FROM orders WHERE id = $1', 'SELECT', 'orders'),
    query(3, `SELECT sku, qty FROM order_lines WHERE order_id = ${orderId}`, 'SELECT', 'order_lines'),
    httpCall,
  ];
}

/** `count` typical spans (whole 5-span traces, trimmed to count), traces numbered from `firstTrace`. */
export function buildTypicalSpans(count: number, firstTrace = 0): Span[] {
  const spans: Span[] = [];
  const random = seededRandom(42 + firstTrace);
  for (let n = firstTrace; spans.length < count; n += 1) spans.push(...buildTypicalTrace(n, random));
  spans.length = count;
  return spans;
}

export function buildMetricPoint(data: MetricPointData, overrides: Partial<MetricPoint> = {}): MetricPoint {
  return {
    resource: DEFAULT_RESOURCE,
    scope: buildScope('host-metrics', '1.0.0'),
    name: 'system.cpu.utilization',
    description: 'CPU busy share',
    unit: '1',
    attributes: { 'cpu.logical_number': 0, 'cpu.mode': 'user' },
    startTimeUnixNano: 0n,
    timeUnixNano: 1_700_000_000_000_000_000n,
    flags: 0,
    exemplars: [],
    data,
    ...overrides,
  };
}

export function buildLog(overrides: Partial<LogRecord> = {}): LogRecord {
  return {
    resource: DEFAULT_RESOURCE,
    scope: buildScope('app-logger', '2.0.0'),
    timeUnixNano: 1_700_000_000_000_000_000n,
    observedTimeUnixNano: 1_700_000_000_000_000_500n,
    severityNumber: 9,
    severityText: 'INFO',
    body: 'order 42 loaded',
    attributes: { 'log.logger': 'orders' },
    droppedAttributesCount: 0,
    flags: 0,
    traceId: '',
    spanId: '',
    eventName: '',
    ...overrides,
  };
}

export function buildBatch(parts: Partial<TelemetryBatch> = {}): TelemetryBatch {
  return { spans: [], metricPoints: [], logs: [], ...parts };
}
