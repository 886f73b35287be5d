// OTLP/JSON decoder for ExportMetricsServiceRequest (collector/metrics/v1, metrics/v1): the
// envelopes. Data points are in decode-json-data-points.ts.

import { decodeKeyValues, decodeResource, decodeScope } from './decode-json-common.ts';
import {
  decodeExponentialHistogramPoint,
  decodeHistogramPoint,
  decodeNumberPoint,
  decodeSummaryPoint,
} from './decode-json-data-points.ts';
import { DecodeFailure } from './decode-failure.ts';
import { readArray, readBool, readEnum, readObject, readString } from './json-values.ts';
import type { JsonObject } from './json-values.ts';
import { AGGREGATION_TEMPORALITY_NUMBERS } from './otlp-enums.ts';
import type {
  WireMetric,
  WireMetricData,
  WireMetricsRequest,
  WireResourceMetrics,
  WireScopeMetrics,
} from './wire-types.ts';

export function decodeMetricsJson(obj: JsonObject): WireMetricsRequest {
  const value = obj.resourceMetrics ?? obj.resource_metrics;
  return { signal: 'metrics', resourceMetrics: readArray(value, 'resourceMetrics', decodeResourceMetrics) };
}

function decodeResourceMetrics(obj: JsonObject): WireResourceMetrics {
  return {
    resource: decodeResource(obj.resource),
    scopeMetrics: readArray(obj.scopeMetrics ?? obj.scope_metrics, 'scopeMetrics', decodeScopeMetrics),
    schemaUrl: readString(obj.schemaUrl ?? obj.schema_url ?? null, 'schemaUrl'),
  };
}

function decodeScopeMetrics(obj: JsonObject): WireScopeMetrics {
  return {
    scope: decodeScope(obj.scope),
    metrics: readArray(obj.metrics, 'metrics', decodeMetric),
    schemaUrl: readString(obj.schemaUrl ?? obj.schema_url ?? null, 'schemaUrl'),
  };
}

function temporality(obj: JsonObject): number {
  const v = obj.aggregationTemporality ?? obj.aggregation_temporality ?? null;
  return readEnum(v, 'aggregationTemporality', AGGREGATION_TEMPORALITY_NUMBERS);
}

function points<P>(obj: JsonObject, decode: (point: JsonObject) => P): P[] {
  return readArray(obj.dataPoints ?? obj.data_points, 'dataPoints', decode);
}

function decodeMetric(obj: JsonObject): WireMetric {
  const metric: WireMetric = { name: '', description: '', unit: '', metadata: [], data: null };
  let dataKey = '';
  for (const key in obj) {
    const v = obj[key];
    if (v === null) continue; // null = not set
    let data: WireMetricData | null = null;
    switch (key) {
      case 'name':
      case 'description':
      case 'unit':
        metric[key] = readString(v, key);
        break;
      case 'metadata':
        metric.metadata = decodeKeyValues(v, 'metadata');
        break;
      case 'gauge':
        data = readObject(v, 'gauge', (o) => ({ type: 'gauge', dataPoints: points(o, decodeNumberPoint) }));
        break;
      case 'sum':
        data = readObject(v, 'sum', (o) => ({
          type: 'sum',
          dataPoints: points(o, decodeNumberPoint),
          aggregationTemporality: temporality(o),
          isMonotonic: readBool(o.isMonotonic ?? o.is_monotonic ?? null, 'isMonotonic'),
        }));
        break;
      case 'histogram':
        data = readObject(v, 'histogram', (o) => ({
          type: 'histogram',
          dataPoints: points(o, decodeHistogramPoint),
          aggregationTemporality: temporality(o),
        }));
        break;
      case 'exponentialHistogram':
      case 'exponential_histogram':
        data = readObject(v, 'exponentialHistogram', (o) => ({
          type: 'exponential_histogram',
          dataPoints: points(o, decodeExponentialHistogramPoint),
          aggregationTemporality: temporality(o),
        }));
        break;
      case 'summary':
        data = readObject(v, 'summary', (o) => ({ type: 'summary', dataPoints: points(o, decodeSummaryPoint) }));
        break;
    }
    if (data !== null) {
      if (dataKey !== '') throw new DecodeFailure(`metric sets both ${dataKey} and ${key}; a oneof allows one`);
      dataKey = key;
      metric.data = data;
    }
  }
  return metric;
}
