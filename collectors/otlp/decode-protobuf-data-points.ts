// Protobuf decoders for the data points of metrics/v1/metrics.proto.
// Timestamps are fixed64; counts are fixed64 (uint64 varints inside exponential buckets).

import { readKeyValue } from './decode-protobuf-common.ts';
import { decodeExemplar } from './decode-protobuf-exemplar.ts';
import type { ProtoReader } from './proto-reader.ts';
import { emptyBuckets } from './wire-types.ts';
import type {
  WireBuckets,
  WireExponentialHistogramDataPoint,
  WireHistogramDataPoint,
  WireNumberDataPoint,
  WireSummaryDataPoint,
  WireValueAtQuantile,
} from './wire-types.ts';

/**
 * NumberDataPoint: attributes = 7, start_time_unix_nano = 2, time_unix_nano = 3, and the value oneof
 * as_double = 4 (double) / as_int = 6 (sfixed64); exemplars = 5, flags = 8 (uint32).
 */
export function decodeNumberDataPoint(r: ProtoReader, end: number): WireNumberDataPoint {
  const point: WireNumberDataPoint = {
    attributes: [],
    startTimeUnixNano: 0n,
    timeUnixNano: 0n,
    value: null,
    exemplars: [],
    flags: 0,
  };
  while (r.pos < end) {
    const tag = r.tag();
    switch (tag >>> 3) {
      case 2:
        point.startTimeUnixNano = r.fixed64(tag, 'start_time_unix_nano');
        break;
      case 3:
        point.timeUnixNano = r.fixed64(tag, 'time_unix_nano');
        break;
      case 4:
        point.value = { kind: 'double', value: r.double(tag, 'as_double') };
        break;
      case 5:
        point.exemplars.push(r.message(tag, 'exemplars', point.exemplars.length, decodeExemplar));
        break;
      case 6:
        point.value = { kind: 'int', value: r.sfixed64(tag, 'as_int') };
        break;
      case 7:
        readKeyValue(r, tag, 'attributes', point.attributes);
        break;
      case 8:
        point.flags = r.uint32(tag, 'flags');
        break;
      default:
        r.skip(tag);
    }
  }
  return point;
}

/** The fields that Histogram, ExponentialHistogram and Summary data points share (their sum is a double). */
interface CountedPoint {
  startTimeUnixNano: bigint;
  timeUnixNano: bigint;
  count: bigint;
  sum: number | null;
}

/**
 * Reads start_time_unix_nano = 2, time_unix_nano = 3 (fixed64), count = 4 (fixed64) or sum = 5
 * (double) into `point`, the same fields in all three kinds; false for any other field.
 */
function readCountedPointField(r: ProtoReader, tag: number, point: CountedPoint): boolean {
  switch (tag >>> 3) {
    case 2:
      point.startTimeUnixNano = r.fixed64(tag, 'start_time_unix_nano');
      return true;
    case 3:
      point.timeUnixNano = r.fixed64(tag, 'time_unix_nano');
      return true;
    case 4:
      point.count = r.fixed64(tag, 'count');
      return true;
    case 5:
      point.sum = r.double(tag, 'sum');
      return true;
    default:
      return false;
  }
}

/**
 * HistogramDataPoint: attributes = 9, start_time_unix_nano = 2, time_unix_nano = 3, count = 4 (fixed64),
 * sum = 5 (optional double), bucket_counts = 6 (repeated fixed64), explicit_bounds = 7 (repeated double),
 * exemplars = 8, flags = 10, min = 11 (optional double), max = 12 (optional double).
 */
export function decodeHistogramDataPoint(r: ProtoReader, end: number): WireHistogramDataPoint {
  const point: WireHistogramDataPoint = {
    attributes: [],
    startTimeUnixNano: 0n,
    timeUnixNano: 0n,
    count: 0n,
    sum: null,
    bucketCounts: [],
    explicitBounds: [],
    exemplars: [],
    flags: 0,
    min: null,
    max: null,
  };
  while (r.pos < end) {
    const tag = r.tag();
    switch (tag >>> 3) {
      case 6:
        r.fixed64s(tag, 'bucket_counts', point.bucketCounts);
        break;
      case 7:
        r.doubles(tag, 'explicit_bounds', point.explicitBounds);
        break;
      case 8:
        point.exemplars.push(r.message(tag, 'exemplars', point.exemplars.length, decodeExemplar));
        break;
      case 9:
        readKeyValue(r, tag, 'attributes', point.attributes);
        break;
      case 10:
        point.flags = r.uint32(tag, 'flags');
        break;
      case 11:
        point.min = r.double(tag, 'min');
        break;
      case 12:
        point.max = r.double(tag, 'max');
        break;
      default:
        if (!readCountedPointField(r, tag, point)) r.skip(tag);
    }
  }
  return point;
}

/**
 * ExponentialHistogramDataPoint: attributes = 1, start_time_unix_nano = 2, time_unix_nano = 3,
 * count = 4 (fixed64), sum = 5 (optional double), scale = 6 (sint32), zero_count = 7 (fixed64),
 * positive = 8, negative = 9 (Buckets), flags = 10, exemplars = 11, min = 12, max = 13 (optional double),
 * zero_threshold = 14 (double).
 */
export function decodeExponentialHistogramDataPoint(
  r: ProtoReader,
  end: number,
): WireExponentialHistogramDataPoint {
  const point: WireExponentialHistogramDataPoint = {
    attributes: [],
    startTimeUnixNano: 0n,
    timeUnixNano: 0n,
    count: 0n,
    sum: null,
    scale: 0,
    zeroCount: 0n,
    positive: emptyBuckets(),
    negative: emptyBuckets(),
    flags: 0,
    exemplars: [],
    min: null,
    max: null,
    zeroThreshold: 0,
  };
  while (r.pos < end) {
    const tag = r.tag();
    switch (tag >>> 3) {
      case 1:
        readKeyValue(r, tag, 'attributes', point.attributes);
        break;
      case 6:
        point.scale = r.sint32(tag, 'scale');
        break;
      case 7:
        point.zeroCount = r.fixed64(tag, 'zero_count');
        break;
      case 8:
        point.positive = r.message(tag, 'positive', -1, decodeBuckets);
        break;
      case 9:
        point.negative = r.message(tag, 'negative', -1, decodeBuckets);
        break;
      case 10:
        point.flags = r.uint32(tag, 'flags');
        break;
      case 11:
        point.exemplars.push(r.message(tag, 'exemplars', point.exemplars.length, decodeExemplar));
        break;
      case 12:
        point.min = r.double(tag, 'min');
        break;
      case 13:
        point.max = r.double(tag, 'max');
        break;
      case 14:
        point.zeroThreshold = r.double(tag, 'zero_threshold');
        break;
      default:
        if (!readCountedPointField(r, tag, point)) r.skip(tag);
    }
  }
  return point;
}

/** ExponentialHistogramDataPoint.Buckets: offset = 1 (sint32), bucket_counts = 2 (repeated uint64). */
function decodeBuckets(r: ProtoReader, end: number): WireBuckets {
  const buckets: WireBuckets = { offset: 0, bucketCounts: [] };
  while (r.pos < end) {
    const tag = r.tag();
    switch (tag >>> 3) {
      case 1:
        buckets.offset = r.sint32(tag, 'offset');
        break;
      case 2:
        r.uint64s(tag, 'bucket_counts', buckets.bucketCounts);
        break;
      default:
        r.skip(tag);
    }
  }
  return buckets;
}

/**
 * SummaryDataPoint: attributes = 7, start_time_unix_nano = 2, time_unix_nano = 3, count = 4 (fixed64),
 * sum = 5 (double), quantile_values = 6, flags = 8.
 */
export function decodeSummaryDataPoint(r: ProtoReader, end: number): WireSummaryDataPoint {
  const point: WireSummaryDataPoint = {
    attributes: [],
    startTimeUnixNano: 0n,
    timeUnixNano: 0n,
    count: 0n,
    sum: 0,
    quantileValues: [],
    flags: 0,
  };
  while (r.pos < end) {
    const tag = r.tag();
    switch (tag >>> 3) {
      case 6:
        point.quantileValues.push(
          r.message(tag, 'quantile_values', point.quantileValues.length, decodeValueAtQuantile),
        );
        break;
      case 7:
        readKeyValue(r, tag, 'attributes', point.attributes);
        break;
      case 8:
        point.flags = r.uint32(tag, 'flags');
        break;
      default:
        if (!readCountedPointField(r, tag, point)) r.skip(tag);
    }
  }
  return point;
}

/** SummaryDataPoint.ValueAtQuantile: quantile = 1 (double), value = 2 (double). */
function decodeValueAtQuantile(r: ProtoReader, end: number): WireValueAtQuantile {
  const out: WireValueAtQuantile = { quantile: 0, value: 0 };
  while (r.pos < end) {
    const tag = r.tag();
    switch (tag >>> 3) {
      case 1:
        out.quantile = r.double(tag, 'quantile');
        break;
      case 2:
        out.value = r.double(tag, 'value');
        break;
      default:
        r.skip(tag);
    }
  }
  return out;
}
