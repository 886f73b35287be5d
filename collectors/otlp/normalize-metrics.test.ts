import { describe, it, expect, beforeAll } from 'vitest';
import { ValueType } from '@opentelemetry/api';
import type { HrTime } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  AggregationTemporality,
  AggregationType,
  DataPointType,
  MeterProvider,
  MetricReader,
} from '@opentelemetry/sdk-metrics';
import type { ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { JsonMetricsSerializer, ProtobufMetricsSerializer } from '@opentelemetry/otlp-transformer';
import type { MetricPoint } from '../../common/telemetry.ts';
import { decodeExportRequest, normalizeRequest } from './decode-and-normalize.ts';
import type { NormalizeResult } from './normalize.ts';
import type {
  WireExportRequest,
  WireHistogramDataPoint,
  WireMetric,
  WireMetricData,
  WireNumberDataPoint,
} from './wire-types.ts';

const hrToNanos = (hr: HrTime): bigint => BigInt(hr[0]) * 1_000_000_000n + BigInt(hr[1]);

/** A reader that only collects when asked. */
class TestReader extends MetricReader {
  protected override onShutdown(): Promise<void> {
    return Promise.resolve();
  }
  protected override onForceFlush(): Promise<void> {
    return Promise.resolve();
  }
}

async function collectFromSdk(): Promise<{ cumulative: ResourceMetrics; delta: ResourceMetrics }> {
  const cumulativeReader = new TestReader();
  const deltaReader = new TestReader({ aggregationTemporalitySelector: () => AggregationTemporality.DELTA });
  const provider = new MeterProvider({
    resource: resourceFromAttributes({ 'service.name': 'billing' }),
    readers: [cumulativeReader, deltaReader],
    views: [
      { instrumentName: 'latency', aggregation: { type: AggregationType.EXPLICIT_BUCKET_HISTOGRAM, options: { boundaries: [10, 100] } } },
      { instrumentName: 'payload.size', aggregation: { type: AggregationType.EXPONENTIAL_HISTOGRAM } },
    ],
  });
  const meter = provider.getMeter('billing-meter', '3.1.0');
  const requests = meter.createCounter('requests', { valueType: ValueType.INT, unit: '{request}', description: 'served' });
  requests.add(3, { route: '/a' });
  requests.add(4, { route: '/a' });
  requests.add(1, { route: '/b' });
  const queue = meter.createUpDownCounter('queue.depth');
  queue.add(5);
  queue.add(-2);
  meter.createGauge('temperature', { unit: 'Cel' }).record(21.5, { room: 'server' });
  const latency = meter.createHistogram('latency', { unit: 'ms' });
  for (const v of [5, 50, 500, 60]) latency.record(v);
  const size = meter.createHistogram('payload.size', { unit: 'By' });
  for (const v of [0, 3, 1024, 4096, 70_000]) size.record(v);
  const cumulative = await cumulativeReader.collect();
  const delta = await deltaReader.collect();
  await provider.shutdown();
  return { cumulative: cumulative.resourceMetrics, delta: delta.resourceMetrics };
}

function decodeBoth(rm: ResourceMetrics): { protobuf: NormalizeResult; json: NormalizeResult } {
  return {
    protobuf: normalizeRequest('metrics', decodeExportRequest('metrics', 'protobuf', ProtobufMetricsSerializer.serializeRequest(rm)!)),
    json: normalizeRequest('metrics', decodeExportRequest('metrics', 'json', JsonMetricsSerializer.serializeRequest(rm)!)),
  };
}

describe('metrics from the real OpenTelemetry SDK', () => {
  let sdk: { cumulative: ResourceMetrics; delta: ResourceMetrics };
  let cumulative: MetricPoint[];
  let delta: MetricPoint[];
  const point = (points: MetricPoint[], name: string): MetricPoint => points.find((p) => p.name === name)!;

  beforeAll(async () => {
    sdk = await collectFromSdk();
    const c = decodeBoth(sdk.cumulative);
    const d = decodeBoth(sdk.delta);
    for (const r of [c.protobuf, c.json, d.protobuf, d.json]) expect(r.rejected).toBe(0);
    expect(c.json.batch).toEqual(c.protobuf.batch);
    expect(d.json.batch).toEqual(d.protobuf.batch);
    cumulative = c.protobuf.batch.metricPoints;
    delta = d.protobuf.batch.metricPoints;
  });

  it('gives one point per SDK data point with exact times', () => {
    const sdkPoints = sdk.cumulative.scopeMetrics.flatMap((s) => s.metrics.flatMap((m) => m.dataPoints.map((p) => ({ m, p }))));
    expect(cumulative).toHaveLength(sdkPoints.length);
    for (const { m, p } of sdkPoints) {
      const match = cumulative.find((c) => c.name === m.descriptor.name && JSON.stringify(c.attributes) === JSON.stringify(p.attributes));
      expect(match, m.descriptor.name).toBeDefined();
      expect(match!.timeUnixNano).toBe(hrToNanos(p.endTime));
      expect(match!.startTimeUnixNano).toBe(hrToNanos(p.startTime));
    }
  });

  it('decodes a monotonic cumulative sum with int values, unit and description', () => {
    const a = cumulative.find((p) => p.name === 'requests' && p.attributes.route === '/a')!;
    expect(a.data).toEqual({ type: 'sum', value: 7, temporality: 'cumulative', monotonic: true });
    expect(a.unit).toBe('{request}');
    expect(a.description).toBe('served');
    expect(a.scope).toEqual({ name: 'billing-meter', version: '3.1.0', attributes: {} });
    expect(a.resource.serviceName).toBe('billing');
  });

  it('decodes an up-down counter as a non-monotonic sum and a gauge as a gauge', () => {
    expect(point(cumulative, 'queue.depth').data).toEqual({ type: 'sum', value: 3, temporality: 'cumulative', monotonic: false });
    const gauge = point(cumulative, 'temperature');
    expect(gauge.data).toEqual({ type: 'gauge', value: 21.5 });
    expect(gauge.attributes).toEqual({ room: 'server' });
  });

  it('decodes an explicit-bucket histogram', () => {
    expect(point(cumulative, 'latency').data).toEqual({
      type: 'histogram',
      temporality: 'cumulative',
      count: 4,
      sum: 615,
      min: 5,
      max: 500,
      bucketCounts: [1, 2, 1],
      explicitBounds: [10, 100],
    });
  });

  it('decodes an exponential histogram exactly as the SDK aggregated it', () => {
    const sdkMetric = sdk.cumulative.scopeMetrics[0].metrics.find((m) => m.descriptor.name === 'payload.size')!;
    expect(sdkMetric.dataPointType).toBe(DataPointType.EXPONENTIAL_HISTOGRAM);
    const v = sdkMetric.dataPoints[0].value as {
      count: number; sum: number; min: number; max: number; scale: number; zeroCount: number;
      positive: { offset: number; bucketCounts: number[] }; negative: { offset: number; bucketCounts: number[] };
    };
    const data = point(cumulative, 'payload.size').data;
    expect(data).toEqual({
      type: 'exponential_histogram',
      temporality: 'cumulative',
      count: 5,
      sum: 75_123,
      min: 0,
      max: 70_000,
      scale: v.scale,
      zeroCount: 1,
      zeroThreshold: 0,
      positive: { offset: v.positive.offset, bucketCounts: v.positive.bucketCounts },
      negative: { offset: v.negative.offset, bucketCounts: v.negative.bucketCounts },
    });
    expect(v.positive.bucketCounts.reduce((a, b) => a + b, 0)).toBe(4);
  });

  it('keeps delta temporality from a delta reader', () => {
    const a = delta.find((p) => p.name === 'requests' && p.attributes.route === '/a')!;
    expect(a.data).toEqual({ type: 'sum', value: 7, temporality: 'delta', monotonic: true });
    expect(point(delta, 'latency').data).toMatchObject({ type: 'histogram', temporality: 'delta', count: 4 });
    expect(point(delta, 'payload.size').data).toMatchObject({ type: 'exponential_histogram', temporality: 'delta' });
  });
});

describe('metric rules (partial success)', () => {
  const numberPoint = (overrides: Partial<WireNumberDataPoint> = {}): WireNumberDataPoint => ({
    attributes: [],
    startTimeUnixNano: 0n,
    timeUnixNano: 5n,
    value: { kind: 'double', value: 1 },
    exemplars: [],
    flags: 0,
    ...overrides,
  });
  const histogramPoint = (bucketCounts: bigint[], explicitBounds: number[]): WireHistogramDataPoint => ({
    attributes: [],
    startTimeUnixNano: 0n,
    timeUnixNano: 5n,
    count: 3n,
    sum: null,
    bucketCounts,
    explicitBounds,
    exemplars: [],
    flags: 0,
    min: null,
    max: null,
  });
  const metric = (name: string, data: WireMetricData | null): WireMetric => ({ name, description: '', unit: '', metadata: [], data });
  function run(metrics: WireMetric[]): NormalizeResult {
    const wire: WireExportRequest = {
      signal: 'metrics',
      resourceMetrics: [
        {
          resource: { attributes: [], droppedAttributesCount: 0 },
          schemaUrl: '',
          scopeMetrics: [{ scope: { name: '', version: '', attributes: [], droppedAttributesCount: 0 }, schemaUrl: '', metrics }],
        },
      ],
    };
    return normalizeRequest('metrics', wire);
  }
  const exemplar = { filteredAttributes: [], timeUnixNano: 1n, value: { kind: 'int' as const, value: 2n }, spanId: '', traceId: '' };

  it.each([
    ['a metric with no data', metric('m', null), 1, 'metrics[0]: metric "m" has no known data'],
    ['a metric with no name', metric('', { type: 'gauge', dataPoints: [numberPoint(), numberPoint()] }), 2, 'metrics[0]: metric has no name'],
    [
      'an unknown temporality',
      metric('m', { type: 'sum', aggregationTemporality: 7, isMonotonic: false, dataPoints: [numberPoint()] }),
      1,
      'unknown aggregationTemporality 7',
    ],
    ['a point without time', metric('m', { type: 'gauge', dataPoints: [numberPoint({ timeUnixNano: 0n })] }), 1, 'gauge.dataPoints[0]: timeUnixNano is missing'],
    ['a point without value', metric('m', { type: 'gauge', dataPoints: [numberPoint({ value: null })] }), 1, 'has neither asDouble nor asInt'],
    [
      'histogram buckets that do not match the bounds',
      metric('m', { type: 'histogram', aggregationTemporality: 2, dataPoints: [histogramPoint([1n, 2n], [1, 2])] }),
      1,
      'has 2 bucketCounts for 2 explicitBounds',
    ],
    [
      'an exemplar with a short trace id',
      metric('m', { type: 'gauge', dataPoints: [numberPoint({ exemplars: [{ ...exemplar, traceId: 'abcd' }] })] }),
      1,
      'exemplars[0].traceId must be empty or 16 bytes',
    ],
    [
      'an exemplar without value',
      metric('m', { type: 'gauge', dataPoints: [numberPoint({ exemplars: [{ ...exemplar, value: null }] })] }),
      1,
      'exemplars[0] has no value',
    ],
  ] as const)('rejects %s and keeps the valid metric next to it', (_label, bad, count, reason) => {
    const result = run([bad, metric('ok', { type: 'gauge', dataPoints: [numberPoint({ exemplars: [exemplar] })] })]);
    expect(result.batch.metricPoints.map((p) => p.name)).toEqual(['ok']);
    expect(result.batch.metricPoints[0].exemplars).toEqual([{ timeUnixNano: 1n, value: 2, traceId: '', spanId: '', filteredAttributes: {} }]);
    expect(result.rejected).toBe(count);
    expect(result.rejectionMessage).toContain(`${count} data points rejected: resourceMetrics[0].scopeMetrics[0].metrics[0]`);
    expect(result.rejectionMessage).toContain(reason);
  });

  it('accepts a histogram without buckets and converts int64 values to numbers', () => {
    const result = run([
      metric('h', { type: 'histogram', aggregationTemporality: 1, dataPoints: [histogramPoint([], [])] }),
      metric('g', { type: 'gauge', dataPoints: [numberPoint({ value: { kind: 'int', value: -40n } })] }),
    ]);
    expect(result.rejected).toBe(0);
    expect(result.batch.metricPoints.map((p) => p.data)).toEqual([
      { type: 'histogram', temporality: 'delta', count: 3, sum: null, min: null, max: null, bucketCounts: [], explicitBounds: [] },
      { type: 'gauge', value: -40 },
    ]);
  });
});
