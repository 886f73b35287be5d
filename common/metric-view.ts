// The Metrics view: which metrics are stored, and one metric over a time range as chartable series.
import type { MetricType } from './telemetry.ts';

export interface MetricInfo {
  name: string;
  type: MetricType;
  unit: string;
  description: string;
}

/** How the series' values were derived from the stored points. */
export type MetricValueMeaning =
  /** gauges and non-monotonic sums: the value as reported */
  | 'value'
  /** monotonic sums: increase per second between points */
  | 'rate'
  /** histograms and summaries: one series per percentile */
  | 'percentile';

export interface MetricChartSeries {
  /** Stable id for the legend and colours: attribute set (and percentile). */
  key: string;
  /** Human label: "device=sda · write" or "p95 · route=/checkout". */
  label: string;
  points: { t: number; v: number }[];
}

export interface MetricSeriesResponse {
  info: MetricInfo;
  meaning: MetricValueMeaning;
  /** Unit of the plotted values (e.g. "By/s" for a byte counter shown as a rate). */
  unit: string;
  fromUnixNano: string;
  toUnixNano: string;
  points: number;
  series: MetricChartSeries[];
  /** The metric's limit, when it has one (a pool's maximum), as dashed lines; empty otherwise. */
  limits: MetricChartSeries[];
  /** Attributes all series share ("db.system.name=postgresql · server.port=5432"), left out of their labels. */
  sharedLabel: string;
  /** Attribute sets beyond the shown ones (the busiest are kept). */
  hiddenSeries: number;
}
