// The bar of recorded incidents: record → export → import → replay gives the same spans and metric points.
// Real SDK exporters send to `record`; the file it writes is replayed into a fresh store and compared.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { AggregationTemporality, MeterProvider } from '@opentelemetry/sdk-metrics';
import { resourceFromAttributes } from '@opentelemetry/resources';
import type { MetricPoint, Span, TelemetryBatch } from '../common/telemetry.ts';
import { CollectingReader, exportWith } from '../fixtures/otel-export.ts';
import { makeSyntheticSpans } from '../fixtures/synthetic-spans.ts';
import { StoreClient } from '../store/index.ts';
import { defaultCoreOptions } from './core-options.ts';
import { replayFile } from './replay.ts';
import { record } from './run-record.ts';

async function everything(store: StoreClient): Promise<TelemetryBatch> {
  const range = await store.query('timeRange');
  if (range === null) return { spans: [], metricPoints: [], logs: [] };
  return store.query('telemetryInRange', range.fromUnixNano, range.toUnixNano);
}

const bySpan = (a: Span, b: Span) => (a.traceId + a.spanId).localeCompare(b.traceId + b.spanId);
const byPoint = (a: MetricPoint, b: MetricPoint) => `${a.name}${a.timeUnixNano}${JSON.stringify(a.attributes)}`.localeCompare(`${b.name}${b.timeUnixNano}${JSON.stringify(b.attributes)}`);
const withoutKey = <T extends { resource: { key: string } }>(item: T) => ({ ...item, resource: { ...item.resource, key: '' } });

describe('record → file → replay', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chokepoint-roundtrip-'));
  const file = path.join(dir, 'incident.chokepoint');
  let recorded: TelemetryBatch;
  let replayed: TelemetryBatch;
  let lines: string[] = [];
  let replayResult: Awaited<ReturnType<typeof replayFile>>;

  beforeAll(async () => {
    let stop: (reason: string) => void = () => undefined;
    const stopped = new Promise<string>((resolve) => (stop = resolve));
    let endpoint = '';
    let recording: Promise<unknown> = Promise.resolve();
    const ready = new Promise<void>((resolve) => {
      lines = [];
      const outcome = record(
        { ...defaultCoreOptions(path.join(dir, 'recorded')), otlpHttpPort: 0, otlpGrpcPort: null, hostMetrics: true, hostMetricsIntervalMs: 200, out: file, durationMs: 0, title: 'Round trip', notes: 'test', plain: false, keepData: true },
        stopped,
        (line) => {
          lines.push(line);
          const match = /OTLP\/HTTP (http:\/\/[^ ]+)/.exec(line);
          if (match !== null) {
            endpoint = match[1];
            resolve();
          }
        },
      );
      void outcome.then(() => lines.push('done'));
      recording = outcome;
    });
    await ready;
    await exportWith(new OTLPTraceExporter({ url: `${endpoint}/v1/traces` }), makeSyntheticSpans({ traces: 30, serviceName: 'checkout' }));
    const reader = new CollectingReader({ aggregationTemporalitySelector: () => AggregationTemporality.CUMULATIVE });
    const provider = new MeterProvider({ resource: resourceFromAttributes({ 'service.name': 'checkout' }), readers: [reader] });
    const meter = provider.getMeter('roundtrip');
    meter.createCounter('orders.placed').add(3, { region: 'eu' });
    const histogram = meter.createHistogram('http.server.request.duration', { unit: 's' });
    for (const seconds of [0.004, 0.02, 0.3]) histogram.record(seconds, { 'http.route': '/orders/:id' });
    await exportWith(new OTLPMetricExporter({ url: `${endpoint}/v1/metrics` }), (await reader.collect()).resourceMetrics);
    await provider.shutdown();
    await new Promise((resolve) => setTimeout(resolve, 500)); // a few host samples
    stop('test done');
    await recording;

    const original = await StoreClient.open({ dataDir: path.join(dir, 'recorded'), retention: {} });
    recorded = await everything(original);
    await original.close();
    const target = await StoreClient.open({ dataDir: path.join(dir, 'replayed'), retention: {} });
    replayResult = await replayFile(file, target, { speed: 'max' });
    replayed = await everything(target);
    await target.close();
  }, 60_000);

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes one file whose header says what it holds', () => {
    expect(lines.some((line) => line.startsWith('recording:'))).toBe(true);
    expect(replayResult.header).toMatchObject({ title: 'Round trip', notes: 'test', services: expect.arrayContaining(['checkout']) as unknown });
    expect(replayResult.header?.counts).toEqual({ spans: recorded.spans.length, metricPoints: recorded.metricPoints.length, logs: 0 });
    expect(replayResult.errors).toEqual([]);
  });

  it('replays the same spans and metric points that were recorded', () => {
    expect(recorded.spans).toHaveLength(150);
    expect(recorded.metricPoints.some((p) => p.name === 'system.cpu.utilization' || p.name.startsWith('system.'))).toBe(true);
    expect(replayed.spans.sort(bySpan).map(withoutKey)).toEqual(recorded.spans.sort(bySpan).map(withoutKey));
    expect(replayed.metricPoints.sort(byPoint).map(withoutKey)).toEqual(recorded.metricPoints.sort(byPoint).map(withoutKey));
  });
});
