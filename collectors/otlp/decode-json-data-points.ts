// OTLP/JSON decoders for metric data points and exemplars (metrics/v1).

import { decodeKeyValues } from './decode-json-common.ts';
import { DecodeFailure } from './decode-failure.ts';
import {
  describeJson,
  readArray,
  readDouble,
  readHexId,
  readInt32,
  readInt64,
  readObject,
  readOptionalDouble,
  readUint32,
  readUint64,
} from './json-values.ts';
import type { JsonObject } from './json-values.ts';
import type {
  WireBuckets,
  WireExemplar,
  WireExponentialHistogramDataPoint,
  WireHistogramDataPoint,
  WireNumberDataPoint,
  WireNumberValue,
  WireSummaryDataPoint,
} from './wire-types.ts';

function get(obj: JsonObject, camel: string, snake: string): unknown {
  return obj[camel] ?? obj[snake] ?? null;
}

/** A repeated scalar field (absent/null → []). */
function readScalars<T>(value: unknown, name: string, readOne: (v: unknown, name: string) => T): T[] {
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) {
    throw new DecodeFailure(`expected an array, got ${describeJson(value)}`, [name]);
  }
  const out = new Array<T>(value.length);
  for (let i = 0; i < value.length; i++) out[i] = readOne(value[i], `${name}[${i}]`);
  return out;
}

/** The as_double / as_int oneof of NumberDataPoint and Exemplar; null when neither is set. */
function readNumberValue(obj: JsonObject): WireNumberValue | null {
  const asDouble = get(obj, 'asDouble', 'as_double');
  const asInt = get(obj, 'asInt', 'as_int');
  if (asDouble !== null && asInt !== null) {
    throw new DecodeFailure('sets both asDouble and asInt; a oneof allows one');
  }
  if (asDouble !== null) return { kind: 'double', value: readDouble(asDouble, 'asDouble') };
  if (asInt !== null) return { kind: 'int', value: readInt64(asInt, 'asInt') };
  return null;
}

function decodeExemplar(obj: JsonObject): WireExemplar {
  return {
    filteredAttributes: decodeKeyValues(get(obj, 'filteredAttributes', 'filtered_attributes'), 'filteredAttributes'),
    timeUnixNano: readUint64(get(obj, 'timeUnixNano', 'time_unix_nano'), 'timeUnixNano'),
    value: readNumberValue(obj),
    spanId: readHexId(get(obj, 'spanId', 'span_id'), 'spanId'),
    traceId: readHexId(get(obj, 'traceId', 'trace_id'), 'traceId'),
  };
}

function exemplars(obj: JsonObject): WireExemplar[] {
  return readArray(obj.exemplars, 'exemplars', decodeExemplar);
}

export function decodeNumberPoint(obj: JsonObject): WireNumberDataPoint {
  return {
    attributes: decodeKeyValues(obj.attributes, 'attributes'),
    startTimeUnixNano: readUint64(get(obj, 'startTimeUnixNano', 'start_time_unix_nano'), 'startTimeUnixNano'),
    timeUnixNano: readUint64(get(obj, 'timeUnixNano', 'time_unix_nano'), 'timeUnixNano'),
    value: readNumberValue(obj),
    exemplars: exemplars(obj),
    flags: readUint32(obj.flags ?? null, 'flags'),
  };
}

export function decodeHistogramPoint(obj: JsonObject): WireHistogramDataPoint {
  return {
    attributes: decodeKeyValues(obj.attributes, 'attributes'),
    startTimeUnixNano: readUint64(get(obj, 'startTimeUnixNano', 'start_time_unix_nano'), 'startTimeUnixNano'),
    timeUnixNano: readUint64(get(obj, 'timeUnixNano', 'time_unix_nano'), 'timeUnixNano'),
    count: readUint64(obj.count ?? null, 'count'),
    sum: readOptionalDouble(obj.sum, 'sum'),
    bucketCounts: readScalars(get(obj, 'bucketCounts', 'bucket_counts'), 'bucketCounts', readUint64),
    explicitBounds: readScalars(get(obj, 'explicitBounds', 'explicit_bounds'), 'explicitBounds', readDouble),
    exemplars: exemplars(obj),
    flags: readUint32(obj.flags ?? null, 'flags'),
    min: readOptionalDouble(obj.min, 'min'),
    max: readOptionalDouble(obj.max, 'max'),
  };
}

function decodeBuckets(value: unknown, name: string): WireBuckets {
  if (value === null) return { offset: 0, bucketCounts: [] };
  return readObject(value, name, (obj) => ({
    offset: readInt32(obj.offset ?? null, 'offset'),
    bucketCounts: readScalars(get(obj, 'bucketCounts', 'bucket_counts'), 'bucketCounts', readUint64),
  }));
}

export function decodeExponentialHistogramPoint(obj: JsonObject): WireExponentialHistogramDataPoint {
  return {
    attributes: decodeKeyValues(obj.attributes, 'attributes'),
    startTimeUnixNano: readUint64(get(obj, 'startTimeUnixNano', 'start_time_unix_nano'), 'startTimeUnixNano'),
    timeUnixNano: readUint64(get(obj, 'timeUnixNano', 'time_unix_nano'), 'timeUnixNano'),
    count: readUint64(obj.count ?? null, 'count'),
    sum: readOptionalDouble(obj.sum, 'sum'),
    scale: readInt32(obj.scale ?? null, 'scale'),
    zeroCount: readUint64(get(obj, 'zeroCount', 'zero_count'), 'zeroCount'),
    positive: decodeBuckets(obj.positive ?? null, 'positive'),
    negative: decodeBuckets(obj.negative ?? null, 'negative'),
    flags: readUint32(obj.flags ?? null, 'flags'),
    exemplars: exemplars(obj),
    min: readOptionalDouble(obj.min, 'min'),
    max: readOptionalDouble(obj.max, 'max'),
    zeroThreshold: readDouble(get(obj, 'zeroThreshold', 'zero_threshold'), 'zeroThreshold'),
  };
}

export function decodeSummaryPoint(obj: JsonObject): WireSummaryDataPoint {
  return {
    attributes: decodeKeyValues(obj.attributes, 'attributes'),
    startTimeUnixNano: readUint64(get(obj, 'startTimeUnixNano', 'start_time_unix_nano'), 'startTimeUnixNano'),
    timeUnixNano: readUint64(get(obj, 'timeUnixNano', 'time_unix_nano'), 'timeUnixNano'),
    count: readUint64(obj.count ?? null, 'count'),
    sum: readDouble(obj.sum ?? null, 'sum'),
    quantileValues: readArray(get(obj, 'quantileValues', 'quantile_values'), 'quantileValues', (q) => ({
      quantile: readDouble(q.quantile ?? null, 'quantile'),
      value: readDouble(q.value ?? null, 'value'),
    })),
    flags: readUint32(obj.flags ?? null, 'flags'),
  };
}
