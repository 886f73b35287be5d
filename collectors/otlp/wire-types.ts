// OTLP wire shapes: what an ExportXServiceRequest says, decoded but not yet judged.
// Both decoders (protobuf and JSON) produce exactly these; normalize turns them into the domain
// types of common/telemetry.ts and decides which items to reject.
//
// Conventions:
// - trace/span ids are lowercase hex strings, '' when absent. From protobuf they are the hex of
//   whatever bytes were sent (any length); from JSON they are the sent string lowercased. Length
//   and character checks happen in normalize so that a bad id rejects one item, not the request.
// - int64/uint64/fixed64 values (times, counts, int attributes) are bigint, exact.
// - enum values are kept as the number that was sent (proto3 enums are open).
// - a singular message field that is absent decodes to its empty value, as proto3 does.

/** Both decoders refuse AnyValues nested deeper than this (arrays/kvlists inside each other). */
export const MAX_ANY_VALUE_DEPTH = 32;

/** opentelemetry.proto.common.v1.AnyValue: a oneof, here a tagged union. 'empty' = no field set. */
export type WireAnyValue =
  | { kind: 'empty' }
  | { kind: 'string'; value: string }
  | { kind: 'bool'; value: boolean }
  | { kind: 'int'; value: bigint }
  | { kind: 'double'; value: number }
  | { kind: 'bytes'; value: Uint8Array }
  | { kind: 'array'; values: WireAnyValue[] }
  | { kind: 'kvlist'; values: WireKeyValue[] };

export interface WireKeyValue {
  key: string;
  value: WireAnyValue;
}

export interface WireResource {
  attributes: WireKeyValue[];
  droppedAttributesCount: number;
}

export interface WireScope {
  name: string;
  version: string;
  attributes: WireKeyValue[];
  droppedAttributesCount: number;
}

// ---- traces (opentelemetry.proto.trace.v1) ----

export interface WireSpanEvent {
  timeUnixNano: bigint;
  name: string;
  attributes: WireKeyValue[];
  droppedAttributesCount: number;
}

export interface WireSpanLink {
  traceId: string;
  spanId: string;
  traceState: string;
  attributes: WireKeyValue[];
  droppedAttributesCount: number;
  flags: number;
}

export interface WireStatus {
  code: number;
  message: string;
}

export interface WireSpan {
  traceId: string;
  spanId: string;
  traceState: string;
  parentSpanId: string;
  flags: number;
  name: string;
  kind: number;
  startTimeUnixNano: bigint;
  endTimeUnixNano: bigint;
  attributes: WireKeyValue[];
  droppedAttributesCount: number;
  events: WireSpanEvent[];
  droppedEventsCount: number;
  links: WireSpanLink[];
  droppedLinksCount: number;
  status: WireStatus;
}

export interface WireScopeSpans {
  scope: WireScope;
  spans: WireSpan[];
  schemaUrl: string;
}

export interface WireResourceSpans {
  resource: WireResource;
  scopeSpans: WireScopeSpans[];
  schemaUrl: string;
}

// ---- metrics (opentelemetry.proto.metrics.v1) ----

/** NumberDataPoint / Exemplar value oneof: as_double or as_int. */
export type WireNumberValue = { kind: 'double'; value: number } | { kind: 'int'; value: bigint };

export interface WireExemplar {
  filteredAttributes: WireKeyValue[];
  timeUnixNano: bigint;
  value: WireNumberValue | null;
  spanId: string;
  traceId: string;
}

export interface WireNumberDataPoint {
  attributes: WireKeyValue[];
  startTimeUnixNano: bigint;
  timeUnixNano: bigint;
  value: WireNumberValue | null;
  exemplars: WireExemplar[];
  flags: number;
}

export interface WireHistogramDataPoint {
  attributes: WireKeyValue[];
  startTimeUnixNano: bigint;
  timeUnixNano: bigint;
  count: bigint;
  /** null when the optional field is absent. */
  sum: number | null;
  bucketCounts: bigint[];
  explicitBounds: number[];
  exemplars: WireExemplar[];
  flags: number;
  min: number | null;
  max: number | null;
}

export interface WireBuckets {
  offset: number;
  bucketCounts: bigint[];
}

export interface WireExponentialHistogramDataPoint {
  attributes: WireKeyValue[];
  startTimeUnixNano: bigint;
  timeUnixNano: bigint;
  count: bigint;
  sum: number | null;
  scale: number;
  zeroCount: bigint;
  positive: WireBuckets;
  negative: WireBuckets;
  flags: number;
  exemplars: WireExemplar[];
  min: number | null;
  max: number | null;
  zeroThreshold: number;
}

export interface WireValueAtQuantile {
  quantile: number;
  value: number;
}

export interface WireSummaryDataPoint {
  attributes: WireKeyValue[];
  startTimeUnixNano: bigint;
  timeUnixNano: bigint;
  count: bigint;
  sum: number;
  quantileValues: WireValueAtQuantile[];
  flags: number;
}

/** Metric.data oneof. */
export type WireMetricData =
  | { type: 'gauge'; dataPoints: WireNumberDataPoint[] }
  | { type: 'sum'; dataPoints: WireNumberDataPoint[]; aggregationTemporality: number; isMonotonic: boolean }
  | { type: 'histogram'; dataPoints: WireHistogramDataPoint[]; aggregationTemporality: number }
  | {
      type: 'exponential_histogram';
      dataPoints: WireExponentialHistogramDataPoint[];
      aggregationTemporality: number;
    }
  | { type: 'summary'; dataPoints: WireSummaryDataPoint[] };

export interface WireMetric {
  name: string;
  description: string;
  unit: string;
  metadata: WireKeyValue[];
  /** null when no known data field was set. */
  data: WireMetricData | null;
}

export interface WireScopeMetrics {
  scope: WireScope;
  metrics: WireMetric[];
  schemaUrl: string;
}

export interface WireResourceMetrics {
  resource: WireResource;
  scopeMetrics: WireScopeMetrics[];
  schemaUrl: string;
}

// ---- logs (opentelemetry.proto.logs.v1) ----

export interface WireLogRecord {
  timeUnixNano: bigint;
  observedTimeUnixNano: bigint;
  severityNumber: number;
  severityText: string;
  body: WireAnyValue;
  attributes: WireKeyValue[];
  droppedAttributesCount: number;
  flags: number;
  traceId: string;
  spanId: string;
  eventName: string;
}

export interface WireScopeLogs {
  scope: WireScope;
  logRecords: WireLogRecord[];
  schemaUrl: string;
}

export interface WireResourceLogs {
  resource: WireResource;
  scopeLogs: WireScopeLogs[];
  schemaUrl: string;
}

// ---- collector service requests (opentelemetry.proto.collector.*.v1) ----

export interface WireTracesRequest {
  signal: 'traces';
  resourceSpans: WireResourceSpans[];
}

export interface WireMetricsRequest {
  signal: 'metrics';
  resourceMetrics: WireResourceMetrics[];
}

export interface WireLogsRequest {
  signal: 'logs';
  resourceLogs: WireResourceLogs[];
}

/** One decoded ExportTraceServiceRequest / ExportMetricsServiceRequest / ExportLogsServiceRequest. */
export type WireExportRequest = WireTracesRequest | WireMetricsRequest | WireLogsRequest;

export function emptyResource(): WireResource {
  return { attributes: [], droppedAttributesCount: 0 };
}

export function emptyScope(): WireScope {
  return { name: '', version: '', attributes: [], droppedAttributesCount: 0 };
}

export function emptyBuckets(): WireBuckets {
  return { offset: 0, bucketCounts: [] };
}

export function emptySpan(): WireSpan {
  return {
    traceId: '',
    spanId: '',
    traceState: '',
    parentSpanId: '',
    flags: 0,
    name: '',
    kind: 0,
    startTimeUnixNano: 0n,
    endTimeUnixNano: 0n,
    attributes: [],
    droppedAttributesCount: 0,
    events: [],
    droppedEventsCount: 0,
    links: [],
    droppedLinksCount: 0,
    status: { code: 0, message: '' },
  };
}

export function emptyLogRecord(): WireLogRecord {
  return {
    timeUnixNano: 0n,
    observedTimeUnixNano: 0n,
    severityNumber: 0,
    severityText: '',
    body: { kind: 'empty' },
    attributes: [],
    droppedAttributesCount: 0,
    flags: 0,
    traceId: '',
    spanId: '',
    eventName: '',
  };
}
