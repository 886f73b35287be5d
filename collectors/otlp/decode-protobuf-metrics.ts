// Protobuf decoder for collector/metrics/v1 ExportMetricsServiceRequest and the metric envelopes of
// metrics/v1/metrics.proto. Data points are in decode-protobuf-data-points.ts.
// A singular message field sent twice: the last one wins (protobuf would merge; no OTLP encoder
// splits a message, and merging half-sent metrics would hide a broken sender anyway).

import { decodeRepeatedField, readKeyValue } from './decode-protobuf-common.ts';
import { decodeResourceGroup, decodeScopeGroup } from './decode-protobuf-groups.ts';
import {
  decodeExponentialHistogramDataPoint,
  decodeHistogramDataPoint,
  decodeNumberDataPoint,
  decodeSummaryDataPoint,
} from './decode-protobuf-data-points.ts';
import type { MessageDecoder, ProtoReader } from './proto-reader.ts';
import type {
  WireMetric,
  WireMetricData,
  WireMetricsRequest,
  WireResourceMetrics,
  WireScopeMetrics,
} from './wire-types.ts';

/** ExportMetricsServiceRequest: resource_metrics = 1. */
export function decodeMetricsRequest(r: ProtoReader, end: number): WireMetricsRequest {
  return { signal: 'metrics', resourceMetrics: decodeRepeatedField(r, end, 'resource_metrics', decodeResourceMetrics) };
}

/** ResourceMetrics: resource = 1, scope_metrics = 2, schema_url = 3. */
function decodeResourceMetrics(r: ProtoReader, end: number): WireResourceMetrics {
  const g = decodeResourceGroup(r, end, 'scope_metrics', decodeScopeMetrics);
  return { resource: g.head, scopeMetrics: g.items, schemaUrl: g.schemaUrl };
}

/** ScopeMetrics: scope = 1, metrics = 2, schema_url = 3. */
function decodeScopeMetrics(r: ProtoReader, end: number): WireScopeMetrics {
  const g = decodeScopeGroup(r, end, 'metrics', decodeMetric);
  return { scope: g.head, metrics: g.items, schemaUrl: g.schemaUrl };
}

/**
 * Metric: name = 1, description = 2, unit = 3, and the data oneof gauge = 5, sum = 7,
 * histogram = 9, exponential_histogram = 10, summary = 11; metadata = 12.
 */
function decodeMetric(r: ProtoReader, end: number): WireMetric {
  const metric: WireMetric = { name: '', description: '', unit: '', metadata: [], data: null };
  while (r.pos < end) {
    const tag = r.tag();
    switch (tag >>> 3) {
      case 1:
        metric.name = r.string(tag, 'name');
        break;
      case 2:
        metric.description = r.string(tag, 'description');
        break;
      case 3:
        metric.unit = r.string(tag, 'unit');
        break;
      case 5:
        metric.data = r.message(tag, 'gauge', -1, decodeGauge);
        break;
      case 7:
        metric.data = r.message(tag, 'sum', -1, decodeSum);
        break;
      case 9:
        metric.data = r.message(tag, 'histogram', -1, decodeHistogram);
        break;
      case 10:
        metric.data = r.message(tag, 'exponential_histogram', -1, decodeExponentialHistogram);
        break;
      case 11:
        metric.data = r.message(tag, 'summary', -1, decodeSummary);
        break;
      case 12:
        readKeyValue(r, tag, 'metadata', metric.metadata);
        break;
      default:
        r.skip(tag);
    }
  }
  return metric;
}

/** The fields shared by the data envelopes: data_points = 1, aggregation_temporality = 2, is_monotonic = 3. */
interface Envelope<P> {
  dataPoints: P[];
  aggregationTemporality: number;
  isMonotonic: boolean;
}

/** Reads an envelope; `hasTemporality`/`hasMonotonic` say which of fields 2 and 3 the message has. */
function decodeEnvelope<P>(
  r: ProtoReader,
  end: number,
  decodePoint: MessageDecoder<P>,
  hasTemporality: boolean,
  hasMonotonic: boolean,
): Envelope<P> {
  const out: Envelope<P> = { dataPoints: [], aggregationTemporality: 0, isMonotonic: false };
  while (r.pos < end) {
    const tag = r.tag();
    const field = tag >>> 3;
    if (field === 1) out.dataPoints.push(r.message(tag, 'data_points', out.dataPoints.length, decodePoint));
    else if (field === 2 && hasTemporality) out.aggregationTemporality = r.int32(tag, 'aggregation_temporality');
    else if (field === 3 && hasMonotonic) out.isMonotonic = r.bool(tag, 'is_monotonic');
    else r.skip(tag);
  }
  return out;
}

/** Gauge: data_points = 1 (NumberDataPoint). */
function decodeGauge(r: ProtoReader, end: number): WireMetricData {
  const { dataPoints } = decodeEnvelope(r, end, decodeNumberDataPoint, false, false);
  return { type: 'gauge', dataPoints };
}

/** Sum: data_points = 1 (NumberDataPoint), aggregation_temporality = 2, is_monotonic = 3. */
function decodeSum(r: ProtoReader, end: number): WireMetricData {
  const e = decodeEnvelope(r, end, decodeNumberDataPoint, true, true);
  return {
    type: 'sum',
    dataPoints: e.dataPoints,
    aggregationTemporality: e.aggregationTemporality,
    isMonotonic: e.isMonotonic,
  };
}

/** Histogram: data_points = 1 (HistogramDataPoint), aggregation_temporality = 2. */
function decodeHistogram(r: ProtoReader, end: number): WireMetricData {
  const e = decodeEnvelope(r, end, decodeHistogramDataPoint, true, false);
  return { type: 'histogram', dataPoints: e.dataPoints, aggregationTemporality: e.aggregationTemporality };
}

/** ExponentialHistogram: data_points = 1 (ExponentialHistogramDataPoint), aggregation_temporality = 2. */
function decodeExponentialHistogram(r: ProtoReader, end: number): WireMetricData {
  const e = decodeEnvelope(r, end, decodeExponentialHistogramDataPoint, true, false);
  return {
    type: 'exponential_histogram',
    dataPoints: e.dataPoints,
    aggregationTemporality: e.aggregationTemporality,
  };
}

/** Summary: data_points = 1 (SummaryDataPoint). */
function decodeSummary(r: ProtoReader, end: number): WireMetricData {
  const { dataPoints } = decodeEnvelope(r, end, decodeSummaryDataPoint, false, false);
  return { type: 'summary', dataPoints };
}
