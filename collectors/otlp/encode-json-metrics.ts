// Domain metric points → an OTLP/JSON ExportMetricsServiceRequest. Points of one resource, scope, name and
// shape (type, temporality, monotonicity) go into one Metric; values are written as asDouble.
import type { AggregationTemporality, Exemplar, MetricPoint, MetricPointData } from '../../common/telemetry.ts';
import { groupByResourceAndScope, jsonNumber, keyValuesJson, nanos, resourceEnvelope, scopeJson, type OtlpJson, type OtlpJsonObject } from './encode-json-common.ts';

const TEMPORALITY_NUMBERS: Record<AggregationTemporality, number> = { unspecified: 0, delta: 1, cumulative: 2 };

function exemplarJson(exemplar: Exemplar): OtlpJsonObject {
  const out: OtlpJsonObject = { timeUnixNano: nanos(exemplar.timeUnixNano), asDouble: jsonNumber(exemplar.value) };
  if (Object.keys(exemplar.filteredAttributes).length > 0) out.filteredAttributes = keyValuesJson(exemplar.filteredAttributes);
  if (exemplar.traceId !== '') out.traceId = exemplar.traceId;
  if (exemplar.spanId !== '') out.spanId = exemplar.spanId;
  return out;
}

const counts = (values: readonly number[]): string[] => values.map((v) => String(v));

function optional(out: OtlpJsonObject, field: string, value: number | null): void {
  if (value !== null) out[field] = jsonNumber(value);
}

function pointJson(point: MetricPoint): OtlpJsonObject {
  const out: OtlpJsonObject = { attributes: keyValuesJson(point.attributes), timeUnixNano: nanos(point.timeUnixNano) };
  if (point.startTimeUnixNano !== 0n) out.startTimeUnixNano = nanos(point.startTimeUnixNano);
  if (point.flags !== 0) out.flags = point.flags;
  if (point.exemplars.length > 0) out.exemplars = point.exemplars.map(exemplarJson);
  const data = point.data;
  switch (data.type) {
    case 'gauge':
    case 'sum':
      out.asDouble = jsonNumber(data.value);
      break;
    case 'histogram':
      out.count = String(data.count);
      optional(out, 'sum', data.sum);
      optional(out, 'min', data.min);
      optional(out, 'max', data.max);
      out.bucketCounts = counts(data.bucketCounts);
      out.explicitBounds = data.explicitBounds.map(jsonNumber);
      break;
    case 'exponential_histogram':
      out.count = String(data.count);
      optional(out, 'sum', data.sum);
      optional(out, 'min', data.min);
      optional(out, 'max', data.max);
      out.scale = data.scale;
      out.zeroCount = String(data.zeroCount);
      out.zeroThreshold = jsonNumber(data.zeroThreshold);
      out.positive = { offset: data.positive.offset, bucketCounts: counts(data.positive.bucketCounts) };
      out.negative = { offset: data.negative.offset, bucketCounts: counts(data.negative.bucketCounts) };
      break;
    case 'summary':
      out.count = String(data.count);
      out.sum = jsonNumber(data.sum);
      out.quantileValues = data.quantileValues.map((q) => ({ quantile: jsonNumber(q.quantile), value: jsonNumber(q.value) }));
      break;
  }
  return out;
}

function shapeKey(data: MetricPointData): string {
  switch (data.type) {
    case 'gauge':
    case 'summary':
      return data.type;
    case 'sum':
      return `sum/${data.temporality}/${String(data.monotonic)}`;
    case 'histogram':
    case 'exponential_histogram':
      return `${data.type}/${data.temporality}`;
  }
}

function metricJson(first: MetricPoint, points: MetricPoint[]): OtlpJsonObject {
  const out: OtlpJsonObject = { name: first.name };
  if (first.description !== '') out.description = first.description;
  if (first.unit !== '') out.unit = first.unit;
  const dataPoints: OtlpJson = points.map(pointJson);
  const data = first.data;
  switch (data.type) {
    case 'gauge':
      out.gauge = { dataPoints };
      break;
    case 'sum':
      out.sum = { dataPoints, aggregationTemporality: TEMPORALITY_NUMBERS[data.temporality], isMonotonic: data.monotonic };
      break;
    case 'histogram':
      out.histogram = { dataPoints, aggregationTemporality: TEMPORALITY_NUMBERS[data.temporality] };
      break;
    case 'exponential_histogram':
      out.exponentialHistogram = { dataPoints, aggregationTemporality: TEMPORALITY_NUMBERS[data.temporality] };
      break;
    case 'summary':
      out.summary = { dataPoints };
      break;
  }
  return out;
}

function metricsJson(points: readonly MetricPoint[]): OtlpJsonObject[] {
  const byMetric = new Map<string, MetricPoint[]>();
  for (const point of points) {
    const key = `${point.name}\u0000${shapeKey(point.data)}\u0000${point.unit}`;
    const list = byMetric.get(key);
    if (list === undefined) byMetric.set(key, [point]);
    else list.push(point);
  }
  return [...byMetric.values()].map((list) => metricJson(list[0], list));
}

export function metricsRequestJson(points: readonly MetricPoint[]): OtlpJsonObject {
  return {
    resourceMetrics: groupByResourceAndScope(points).map((group) => ({
      ...resourceEnvelope(group.resource),
      scopeMetrics: group.scopes.map(({ scope, items }) => ({ scope: scopeJson(scope), metrics: metricsJson(items) })),
    })),
  };
}
