// Domain telemetry types: what the store, rules and UI work with.
// Wire (OTLP) shapes live in collectors/otlp and convert to these at one boundary (normalize).
// Times are Unix nanoseconds as bigint so nothing is lost to float rounding.

export type AttributeValue =
  | string
  | number
  | boolean
  | null
  | AttributeValue[]
  | { [key: string]: AttributeValue };

export type Attributes = Record<string, AttributeValue>;

/** A telemetry source. `key` is a stable hash of the attributes; spans of one resource share the object. */
export interface Resource {
  key: string;
  serviceName: string;
  attributes: Attributes;
  schemaUrl: string;
}

export interface InstrumentationScope {
  name: string;
  version: string;
  attributes: Attributes;
}

export type SpanKind = 'unspecified' | 'internal' | 'server' | 'client' | 'producer' | 'consumer';
export type SpanStatusCode = 'unset' | 'ok' | 'error';

export interface SpanEvent {
  timeUnixNano: bigint;
  name: string;
  attributes: Attributes;
  droppedAttributesCount: number;
}

export interface SpanLink {
  traceId: string;
  spanId: string;
  traceState: string;
  attributes: Attributes;
  droppedAttributesCount: number;
  flags: number;
}

export interface Span {
  resource: Resource;
  scope: InstrumentationScope;
  /** 32 lowercase hex characters. */
  traceId: string;
  /** 16 lowercase hex characters. */
  spanId: string;
  /** 16 lowercase hex characters, or '' for a root span. */
  parentSpanId: string;
  traceState: string;
  flags: number;
  name: string;
  kind: SpanKind;
  startTimeUnixNano: bigint;
  endTimeUnixNano: bigint;
  attributes: Attributes;
  droppedAttributesCount: number;
  events: SpanEvent[];
  droppedEventsCount: number;
  links: SpanLink[];
  droppedLinksCount: number;
  statusCode: SpanStatusCode;
  statusMessage: string;
}

export type MetricType = 'gauge' | 'sum' | 'histogram' | 'exponential_histogram' | 'summary';
export type AggregationTemporality = 'unspecified' | 'delta' | 'cumulative';

export interface Exemplar {
  timeUnixNano: bigint;
  value: number;
  /** '' when the exemplar is not tied to a span. */
  traceId: string;
  spanId: string;
  filteredAttributes: Attributes;
}

export interface ExponentialBuckets {
  offset: number;
  bucketCounts: number[];
}

/** Type-specific payload of one metric data point. Counts are numbers (exact up to 2^53). */
export type MetricPointData =
  | { type: 'gauge'; value: number }
  | { type: 'sum'; value: number; temporality: AggregationTemporality; monotonic: boolean }
  | {
      type: 'histogram';
      temporality: AggregationTemporality;
      count: number;
      sum: number | null;
      min: number | null;
      max: number | null;
      bucketCounts: number[];
      explicitBounds: number[];
    }
  | {
      type: 'exponential_histogram';
      temporality: AggregationTemporality;
      count: number;
      sum: number | null;
      min: number | null;
      max: number | null;
      scale: number;
      zeroCount: number;
      zeroThreshold: number;
      positive: ExponentialBuckets;
      negative: ExponentialBuckets;
    }
  | {
      type: 'summary';
      count: number;
      sum: number;
      quantileValues: { quantile: number; value: number }[];
    };

export interface MetricPoint {
  resource: Resource;
  scope: InstrumentationScope;
  name: string;
  description: string;
  unit: string;
  attributes: Attributes;
  /** 0n when the point has no start time (gauges). */
  startTimeUnixNano: bigint;
  timeUnixNano: bigint;
  flags: number;
  exemplars: Exemplar[];
  data: MetricPointData;
}

export interface LogRecord {
  resource: Resource;
  scope: InstrumentationScope;
  timeUnixNano: bigint;
  observedTimeUnixNano: bigint;
  severityNumber: number;
  severityText: string;
  body: AttributeValue;
  attributes: Attributes;
  droppedAttributesCount: number;
  flags: number;
  /** '' when the record is not tied to a trace. */
  traceId: string;
  spanId: string;
  eventName: string;
}

/** What one export request (or one host sample) turns into. Any of the arrays may be empty. */
export interface TelemetryBatch {
  spans: Span[];
  metricPoints: MetricPoint[];
  logs: LogRecord[];
}

export type Signal = 'traces' | 'metrics' | 'logs';

export interface TelemetryCounts {
  spans: number;
  metricPoints: number;
  logs: number;
}
