// What the core hands the rules: a window of recent telemetry, already grouped for them. Rules never read
// the store; the same evidence comes from a live store, a replay or a file being analysed.
import type { Attributes, MetricPointData, Span } from '../common/telemetry.ts';
import type { SpanTree } from './span-tree.ts';

/** A span with the shape of its database statement (literals replaced), when it has one. */
import type { SpanColumns } from './span-columns.ts';

export interface EvidenceSpan extends Span {
  normalizedStatement: string | null;
}

export interface SeriesPoint {
  timeUnixNano: bigint;
  /** Gauge or sum value; for histograms and summaries the mean (sum ÷ count), NaN when unknown. */
  value: number;
  data: MetricPointData;
}

/** One time series: a metric name on one resource with one set of attributes. */
export interface MetricSeries {
  name: string;
  unit: string;
  serviceName: string;
  resourceKey: string;
  resourceAttributes: Attributes;
  attributes: Attributes;
  /** Oldest first, within the metric window. */
  points: SeriesPoint[];
}

export interface Evidence {
  /** The time the rules are evaluated at (incident time during a replay). */
  atUnixNano: bigint;
  /** Start of the metric window. */
  fromUnixNano: bigint;
  /** Start of the span window (shorter than the metric window). */
  spansFromUnixNano: bigint;
  /** Spans that ended within the span window, in order of arrival. */
  spans: readonly EvidenceSpan[];
  /** Spans that fell out of the window early because it was full (lower confidence in span counts). */
  spansDropped: number;
  /** Every series of any of these metric names (aliases welcome), in the metric window. */
  series(names: string | readonly string[]): MetricSeries[];
  /** The parent/child tree of exactly `spans`, when the source keeps one up to date; undefined otherwise. */
  spanTree?(): SpanTree | undefined;
  metricNames(): string[];
  /** `spans` as columns (row i is spans[i]), with the shared per-span facts; see span-columns.ts. */
  columns(): SpanColumns;
}
