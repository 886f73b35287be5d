// Wire metrics → one domain MetricPoint per data point. Rejections count data points. Rules:
//   1. the metric has a name and one of the known data kinds (a metric with no known data counts
//      as one rejected point, so the sender hears about it);
//   2. aggregation_temporality is 0 (unspecified), 1 (delta) or 2 (cumulative);
//   3. every point has time_unix_nano set (non-zero), and neither it nor start_time_unix_nano is after the
//      year 2262 (time-rules.ts);
//   4. gauge/sum points carry a value (as_double or as_int);
//   5. histogram bucket_counts is empty or has exactly explicit_bounds + 1 entries;
//   6. exemplars carry a value and their ids are empty or valid (all-zero ids count as empty).
// int64 values and uint64 counts become numbers (exact up to 2^53, as the domain type says).
// hostmetrics-style names are rewritten to current semantic conventions (host-metric-aliases.ts).

import type {
  AggregationTemporality,
  Exemplar,
  InstrumentationScope,
  MetricPoint,
  MetricPointData,
  Resource,
} from '../../common/telemetry.ts';
import { aliasHostMetricAttributes, aliasMetricName } from './host-metric-aliases.ts';
import { optionalSpanId, optionalTraceId } from './id-rules.ts';
import { toAttributes } from './normalize-attributes.ts';
import type { Rejections } from './rejections.ts';
import type { ResourceInterner } from './resource-interner.ts';
import { timeProblem } from './time-rules.ts';
import type {
  WireExemplar,
  WireKeyValue,
  WireMetric,
  WireMetricData,
  WireNumberValue,
  WireResourceMetrics,
} from './wire-types.ts';

const TEMPORALITIES: readonly AggregationTemporality[] = ['unspecified', 'delta', 'cumulative'];

function numberOf(value: WireNumberValue): number {
  return value.kind === 'double' ? value.value : Number(value.value);
}

/** The point-type-independent part of a wire data point. */
interface WirePointCommon {
  attributes: WireKeyValue[];
  startTimeUnixNano: bigint;
  timeUnixNano: bigint;
  flags: number;
}

/** Domain exemplars, or a reason to reject the point. */
function toExemplars(exemplars: readonly WireExemplar[] | undefined): Exemplar[] | string {
  const out: Exemplar[] = [];
  if (exemplars === undefined) return out;
  for (let i = 0; i < exemplars.length; i++) {
    const e = exemplars[i];
    const traceId = optionalTraceId(e.traceId);
    const spanId = optionalSpanId(e.spanId);
    if (traceId === null) return `exemplars[${i}].traceId must be empty or 16 bytes`;
    if (spanId === null) return `exemplars[${i}].spanId must be empty or 8 bytes`;
    if (e.value === null) return `exemplars[${i}] has no value`;
    out.push({
      timeUnixNano: e.timeUnixNano,
      value: numberOf(e.value),
      traceId,
      spanId,
      filteredAttributes: toAttributes(e.filteredAttributes),
    });
  }
  return out;
}

/** The domain payload of point `i` of `data`, or a reason to reject it. */
function pointData(data: WireMetricData, i: number, temporality: AggregationTemporality): MetricPointData | string {
  switch (data.type) {
    case 'gauge':
    case 'sum': {
      const value = data.dataPoints[i].value;
      if (value === null) return 'has neither asDouble nor asInt';
      return data.type === 'gauge'
        ? { type: 'gauge', value: numberOf(value) }
        : { type: 'sum', value: numberOf(value), temporality, monotonic: data.isMonotonic };
    }
    case 'histogram': {
      const p = data.dataPoints[i];
      if (p.bucketCounts.length !== 0 && p.bucketCounts.length !== p.explicitBounds.length + 1) {
        return `has ${p.bucketCounts.length} bucketCounts for ${p.explicitBounds.length} explicitBounds (needs bounds + 1)`;
      }
      return {
        type: 'histogram',
        temporality,
        count: Number(p.count),
        sum: p.sum,
        min: p.min,
        max: p.max,
        bucketCounts: p.bucketCounts.map(Number),
        explicitBounds: p.explicitBounds,
      };
    }
    case 'exponential_histogram': {
      const p = data.dataPoints[i];
      return {
        type: 'exponential_histogram',
        temporality,
        count: Number(p.count),
        sum: p.sum,
        min: p.min,
        max: p.max,
        scale: p.scale,
        zeroCount: Number(p.zeroCount),
        zeroThreshold: p.zeroThreshold,
        positive: { offset: p.positive.offset, bucketCounts: p.positive.bucketCounts.map(Number) },
        negative: { offset: p.negative.offset, bucketCounts: p.negative.bucketCounts.map(Number) },
      };
    }
    case 'summary': {
      const p = data.dataPoints[i];
      return {
        type: 'summary',
        count: Number(p.count),
        sum: p.sum,
        quantileValues: p.quantileValues.map((q) => ({ quantile: q.quantile, value: q.value })),
      };
    }
  }
}

function normalizeMetric(
  metric: WireMetric,
  path: string,
  resource: Resource,
  scope: InstrumentationScope,
  rejections: Rejections,
  out: MetricPoint[],
): void {
  const data = metric.data;
  if (data === null) {
    rejections.reject(path, `metric "${metric.name}" has no known data (gauge, sum, histogram, exponentialHistogram, summary)`);
    return;
  }
  const points: readonly (WirePointCommon & { exemplars?: WireExemplar[] })[] = data.dataPoints;
  if (points.length === 0) return; // nothing to store, nothing lost
  if (metric.name === '') {
    rejections.reject(path, 'metric has no name', points.length);
    return;
  }
  const temporalityNumber = data.type === 'gauge' || data.type === 'summary' ? 0 : data.aggregationTemporality;
  const temporality = TEMPORALITIES[temporalityNumber];
  if (temporality === undefined) {
    rejections.reject(path, `unknown aggregationTemporality ${temporalityNumber}`, points.length);
    return;
  }
  const name = aliasMetricName(metric.name);
  const dataKey = data.type === 'exponential_histogram' ? 'exponentialHistogram' : data.type;
  for (let i = 0; i < points.length; i++) {
    const point = points[i];
    const pointPath = `${path}.${dataKey}.dataPoints[${i}]`;
    if (point.timeUnixNano === 0n) {
      rejections.reject(pointPath, 'timeUnixNano is missing');
      continue;
    }
    const late = timeProblem('timeUnixNano', point.timeUnixNano) ?? timeProblem('startTimeUnixNano', point.startTimeUnixNano);
    if (late !== null) {
      rejections.reject(pointPath, late);
      continue;
    }
    const payload = pointData(data, i, temporality);
    const exemplars = toExemplars(point.exemplars);
    if (typeof payload === 'string') {
      rejections.reject(pointPath, payload);
      continue;
    }
    if (typeof exemplars === 'string') {
      rejections.reject(pointPath, exemplars);
      continue;
    }
    out.push({
      resource,
      scope,
      name,
      description: metric.description,
      unit: metric.unit,
      attributes: aliasHostMetricAttributes(name, toAttributes(point.attributes)),
      startTimeUnixNano: point.startTimeUnixNano,
      timeUnixNano: point.timeUnixNano,
      flags: point.flags,
      exemplars,
      data: payload,
    });
  }
}

export function normalizeMetrics(
  resourceMetrics: readonly WireResourceMetrics[],
  interner: ResourceInterner,
  rejections: Rejections,
  out: MetricPoint[],
): void {
  for (let r = 0; r < resourceMetrics.length; r++) {
    const rm = resourceMetrics[r];
    const resource = interner.resource(rm.resource, rm.schemaUrl);
    for (let s = 0; s < rm.scopeMetrics.length; s++) {
      const sm = rm.scopeMetrics[s];
      const scope = interner.scope(sm.scope);
      for (let m = 0; m < sm.metrics.length; m++) {
        const path = `resourceMetrics[${r}].scopeMetrics[${s}].metrics[${m}]`;
        normalizeMetric(sm.metrics[m], path, resource, scope, rejections, out);
      }
    }
  }
}
