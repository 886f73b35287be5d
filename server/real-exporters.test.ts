// The bar of the foundation: what the real OpenTelemetry JS exporters send over OTLP/HTTP protobuf,
// OTLP/HTTP JSON and OTLP/gRPC is stored, counted exactly by /api/health and matches what was sent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SpanStatusCode } from '@opentelemetry/api';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import { OTLPTraceExporter as ProtoTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { OTLPTraceExporter as JsonTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as GrpcTraceExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import { OTLPMetricExporter as ProtoMetricExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { OTLPMetricExporter as JsonMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPMetricExporter as GrpcMetricExporter } from '@opentelemetry/exporter-metrics-otlp-grpc';
import { AggregationTemporality, MeterProvider } from '@opentelemetry/sdk-metrics';
import type { PushMetricExporter, ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { resourceFromAttributes } from '@opentelemetry/resources';
import type { HealthResponse, SpanDetail } from '../common/api-contract.ts';
import { CollectingReader, exportWith } from '../fixtures/otel-export.ts';
import { hrTimeToUnixNano, makeSyntheticSpans } from '../fixtures/synthetic-spans.ts';
import { startTestServer } from './test-server.ts';
import type { TestServer } from './test-server.ts';

/** Metrics from a real MeterProvider: a counter, an up-down counter, a gauge and a histogram. */
async function collectMetrics(serviceName: string): Promise<ResourceMetrics> {
  const reader = new CollectingReader({ aggregationTemporalitySelector: () => AggregationTemporality.CUMULATIVE });
  const provider = new MeterProvider({ resource: resourceFromAttributes({ 'service.name': serviceName }), readers: [reader] });
  const meter = provider.getMeter('chokepoint-test');
  meter.createCounter('orders.placed').add(7, { region: 'eu' });
  meter.createUpDownCounter('db.client.connection.count', { unit: '{connection}' }).add(4, { 'db.client.connection.state': 'used' });
  meter.createGauge('queue.depth').record(12.5);
  const histogram = meter.createHistogram('http.server.request.duration', { unit: 's' });
  for (const seconds of [0.004, 0.02, 0.3, 1.2]) histogram.record(seconds, { 'http.route': '/orders/:id' });
  const { resourceMetrics } = await reader.collect();
  await provider.shutdown();
  return resourceMetrics;
}

function metricPointCount(metrics: ResourceMetrics): number {
  return metrics.scopeMetrics.reduce((sum, scope) => sum + scope.metrics.reduce((inner, metric) => inner + metric.dataPoints.length, 0), 0);
}

describe('real OpenTelemetry exporters → Chokepoint', () => {
  let server: TestServer;
  const sent: ReadableSpan[] = [];
  let sentPoints = 0;

  beforeAll(async () => {
    server = await startTestServer();
    const transports: { name: string; traces: SpanExporter; metrics: PushMetricExporter }[] = [
      {
        name: 'http-protobuf',
        traces: new ProtoTraceExporter({ url: `${server.otlpHttp}/v1/traces` }),
        metrics: new ProtoMetricExporter({ url: `${server.otlpHttp}/v1/metrics` }),
      },
      {
        name: 'http-json',
        traces: new JsonTraceExporter({ url: `${server.otlpHttp}/v1/traces` }),
        metrics: new JsonMetricExporter({ url: `${server.otlpHttp}/v1/metrics` }),
      },
      { name: 'grpc', traces: new GrpcTraceExporter({ url: server.otlpGrpc }), metrics: new GrpcMetricExporter({ url: server.otlpGrpc }) },
    ];
    for (const transport of transports) {
      const spans = makeSyntheticSpans({ traces: 20, serviceName: `svc-${transport.name}` });
      await exportWith(transport.traces, spans);
      sent.push(...spans);
      const metrics = await collectMetrics(`svc-${transport.name}`);
      await exportWith(transport.metrics, metrics);
      sentPoints += metricPointCount(metrics);
      await transport.traces.shutdown();
      await transport.metrics.shutdown();
    }
  });

  afterAll(async () => {
    await server.stop();
  });

  it('counts exactly what was sent over all three transports', async () => {
    const { status, body } = await server.api<'health'>('/api/health');
    expect(status).toBe(200);
    expect(body).toEqual<HealthResponse>({ status: 'ok', counts: { spans: sent.length, metricPoints: sentPoints, logs: 0 } });
    expect(sent.length).toBe(3 * 20 * 5);
  });

  it('keeps ids, nanosecond timestamps and attributes of every span', async () => {
    const byTrace = new Map<string, ReadableSpan[]>();
    for (const span of sent) byTrace.set(span.spanContext().traceId, [...(byTrace.get(span.spanContext().traceId) ?? []), span]);
    expect(byTrace.size).toBe(60);
    for (const [traceId, spans] of byTrace) {
      const { status, body } = await server.api<'trace'>(`/api/traces/${traceId}`);
      expect(status).toBe(200);
      const stored = new Map(body.map((span: SpanDetail) => [span.spanId, span]));
      expect(stored.size).toBe(spans.length);
      for (const span of spans) {
        const row = stored.get(span.spanContext().spanId);
        expect(row, `span ${span.spanContext().spanId}`).toBeDefined();
        expect(row!.traceId).toBe(traceId);
        expect(row!.parentSpanId).toBe(span.parentSpanContext?.spanId ?? '');
        expect(row!.name).toBe(span.name);
        expect(BigInt(row!.startTimeUnixNano)).toBe(hrTimeToUnixNano(span.startTime));
        expect(BigInt(row!.durationNano)).toBe(hrTimeToUnixNano(span.endTime) - hrTimeToUnixNano(span.startTime));
        expect(row!.attributes).toEqual(span.attributes);
        expect(row!.resourceAttributes['service.name']).toBe(span.resource.attributes['service.name']);
        expect(row!.statusCode).toBe(span.status.code === SpanStatusCode.ERROR ? 'error' : 'unset');
        expect(row!.events.map((event) => event.name)).toEqual(span.events.map((event) => event.name));
      }
    }
  });

  it('stores every metric type with its values', async () => {
    const from = 0n;
    const to = BigInt(Date.now() + 60_000) * 1_000_000n;
    const counter = await server.core.store.query('metricSeries', 'orders.placed', from, to);
    expect(counter).toHaveLength(3);
    for (const point of counter) expect(point.data).toMatchObject({ type: 'sum', value: 7, monotonic: true, temporality: 'cumulative' });
    const upDown = await server.core.store.query('metricSeries', 'db.client.connection.count', from, to);
    expect(upDown.map((point) => point.data)).toEqual(Array(3).fill({ type: 'sum', value: 4, monotonic: false, temporality: 'cumulative' }));
    const gauge = await server.core.store.query('metricSeries', 'queue.depth', from, to);
    expect(gauge.map((point) => point.data)).toEqual(Array(3).fill({ type: 'gauge', value: 12.5 }));
    const histogram = await server.core.store.query('metricSeries', 'http.server.request.duration', from, to);
    expect(histogram).toHaveLength(3);
    for (const point of histogram) {
      expect(point.data).toMatchObject({ type: 'histogram', count: 4, min: 0.004, max: 1.2 });
      expect(point.attributes).toEqual({ 'http.route': '/orders/:id' });
    }
  });
});
