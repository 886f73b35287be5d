import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import type { LogRecord, MetricPoint, Span, TelemetryBatch } from '../../common/telemetry.ts';
import { buildLog, buildMetricPoint, buildSpan, buildTypicalSpans, spanIdFor, traceIdFor } from '../../fixtures/domain-builders.ts';
import { IncidentFileWriter } from './incident-file-writer.ts';
import { readTelemetryFile, type TelemetryFileEvent } from './read-telemetry-file.ts';

const dirs: string[] = [];
function tempFile(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chokepoint-files-'));
  dirs.push(dir);
  return path.join(dir, name);
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

async function readAll(file: string): Promise<TelemetryFileEvent[]> {
  const events: TelemetryFileEvent[] = [];
  for await (const event of readTelemetryFile(file)) events.push(event);
  return events;
}

function merged(events: TelemetryFileEvent[]): TelemetryBatch {
  const out: TelemetryBatch = { spans: [], metricPoints: [], logs: [] };
  for (const e of events) {
    if (e.type !== 'batch') continue;
    out.spans.push(...e.batch.spans);
    out.metricPoints.push(...e.batch.metricPoints);
    out.logs.push(...e.batch.logs);
  }
  return out;
}

/** Compares what survives a file: everything but the resource key, which the reader derives itself. */
const comparable = <T extends Span | MetricPoint | LogRecord>(item: T) => ({ ...item, resource: { ...item.resource, key: '' } });

const t0 = 1_700_000_000_000_000_000n;
const points: MetricPoint[] = [
  buildMetricPoint({ type: 'gauge', value: 0.875 }, { name: 'system.cpu.utilization', unit: '1', attributes: { 'cpu.mode': 'user' } }),
  buildMetricPoint({ type: 'sum', value: 12, temporality: 'cumulative', monotonic: true }, { name: 'http.server.requests', startTimeUnixNano: t0 - 5n }),
  buildMetricPoint(
    { type: 'histogram', temporality: 'delta', count: 6, sum: 1.5, min: 0.01, max: 0.9, bucketCounts: [1, 2, 3], explicitBounds: [0.1, 0.5] },
    { name: 'http.server.request.duration', unit: 's', startTimeUnixNano: t0 - 10n, exemplars: [{ timeUnixNano: t0, value: 0.9, traceId: traceIdFor(3), spanId: spanIdFor(3), filteredAttributes: { a: 'b' } }] },
  ),
  buildMetricPoint(
    { type: 'exponential_histogram', temporality: 'cumulative', count: 5, sum: null, min: null, max: null, scale: 3, zeroCount: 1, zeroThreshold: 0, positive: { offset: -2, bucketCounts: [1, 3] }, negative: { offset: 0, bucketCounts: [] } },
    { name: 'rpc.duration' },
  ),
  buildMetricPoint({ type: 'summary', count: 3, sum: 9, quantileValues: [{ quantile: 0.5, value: 2 }, { quantile: 0.99, value: 5 }] }, { name: 'legacy.summary' }),
];
const spans: Span[] = [
  ...buildTypicalSpans(10),
  buildSpan({
    traceId: traceIdFor(99),
    spanId: spanIdFor(99),
    statusCode: 'error',
    statusMessage: 'boom',
    traceState: 'k=v',
    attributes: { list: ['a', 'b'], nested: { deep: true, n: 2.5 }, none: null },
    events: [{ timeUnixNano: t0 + 1n, name: 'exception', attributes: { 'exception.type': 'Error' }, droppedAttributesCount: 1 }],
    links: [{ traceId: traceIdFor(7), spanId: spanIdFor(7), traceState: '', attributes: {}, droppedAttributesCount: 0, flags: 1 }],
    droppedEventsCount: 2,
  }),
];
const logs: LogRecord[] = [buildLog(), buildLog({ traceId: traceIdFor(2), spanId: spanIdFor(2), body: { message: 'x', code: 3 }, eventName: 'db.query' })];

describe('incident files', () => {
  it('round-trips spans, every metric type and logs through a gzip’d incident file, header first', async () => {
    const file = tempFile('incident.chokepoint');
    const writer = new IncidentFileWriter(file, { maxItemsPerLine: 7 });
    await writer.write({ spans, metricPoints: points, logs });
    const { header, lines } = await writer.close({ title: 'Pool exhausted', notes: 'n', host: null, chokepointVersion: '0.1.0' });
    expect(header.counts).toEqual({ spans: spans.length, metricPoints: points.length, logs: logs.length });
    expect(header.services).toEqual([...new Set(spans.map((s) => s.resource.serviceName))].sort());
    expect(fs.readFileSync(file).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));

    const events = await readAll(file);
    expect(events[0]).toMatchObject({ type: 'header', line: 1, header: { title: 'Pool exhausted', counts: header.counts } });
    expect(events.filter((e) => e.type === 'error')).toEqual([]);
    expect(events).toHaveLength(lines);
    const back = merged(events);
    // Lines group items by resource and scope, so compare in a fixed order.
    const bySpan = (a: Span, b: Span) => (a.traceId + a.spanId).localeCompare(b.traceId + b.spanId);
    expect(back.spans.sort(bySpan).map(comparable)).toEqual([...spans].sort(bySpan).map(comparable));
    const byName = (a: MetricPoint, b: MetricPoint) => a.name.localeCompare(b.name);
    expect(back.metricPoints.sort(byName).map(comparable)).toEqual([...points].sort(byName).map(comparable));
    expect(back.logs.map(comparable)).toEqual(logs.map(comparable));
  });

  it('writes plain OTLP JSON Lines, without a header, for other tools', async () => {
    const file = tempFile('export.jsonl');
    const writer = new IncidentFileWriter(file, { plain: true });
    await writer.write({ spans: spans.slice(0, 3), metricPoints: [], logs: [] });
    await writer.close({ title: '', notes: '', host: null, chokepointVersion: '0.1.0' });
    const text = fs.readFileSync(file, 'utf8').trim().split('\n');
    expect(text).toHaveLength(1);
    expect(Object.keys(JSON.parse(text[0]) as object)).toEqual(['resourceSpans']);
  });

  it('reads a single pretty-printed OTLP/JSON export body', async () => {
    const file = tempFile('body.json');
    const body = { resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'api' } }] }, scopeSpans: [{ scope: { name: 's' }, spans: [{ traceId: traceIdFor(1), spanId: spanIdFor(1), name: 'GET /', kind: 2, startTimeUnixNano: '1700000000000000000', endTimeUnixNano: '1700000000100000000' }] }] }] };
    fs.writeFileSync(file, JSON.stringify(body, null, 2));
    const events = await readAll(file);
    expect(events).toHaveLength(1);
    expect(merged(events).spans[0]).toMatchObject({ name: 'GET /', resource: { serviceName: 'api' }, kind: 'server' });
  });

  it('names each bad line and still reads the good ones', async () => {
    const file = tempFile('mixed.jsonl.gz');
    const good = JSON.stringify({ resourceLogs: [{ resource: {}, scopeLogs: [{ logRecords: [{ timeUnixNano: '1700000000000000000', body: { stringValue: 'ok' } }] }] }] });
    const lines = [
      '{"resourceSpans": [ {"resource"',
      good,
      'not json',
      '{"hello": 1}',
      '{"resourceSpans": [{"scopeSpans": [{"spans": [{"traceId": 5}]}]}]}',
      JSON.stringify({ chokepoint: { format: 'chokepoint-incident' } }),
      good,
    ];
    fs.writeFileSync(file, gzipSync(lines.join('\n')));
    const events = await readAll(file);
    const errors = events.filter((e) => e.type === 'error').map((e) => e.line);
    expect(errors).toEqual([1, 3, 4, 5, 6]);
    expect(events.find((e) => e.line === 6)).toMatchObject({ message: expect.stringContaining('header') as unknown });
    expect(merged(events).logs).toHaveLength(2);
  });

  it('refuses a line over the limit and a gzip bomb, by name, without reading on', async () => {
    const long = tempFile('long.jsonl');
    fs.writeFileSync(long, `${'x'.repeat(5000)}\n{}`);
    await expect(async () => {
      for await (const _ of readTelemetryFile(long, { maxFileBytes: 1e6, maxDecompressedBytes: 1e6, maxLineBytes: 1000 })) void _;
    }).rejects.toMatchObject({ code: 'FILE_TOO_LARGE', message: expect.stringContaining(':1:') as unknown });

    const bomb = tempFile('bomb.gz');
    fs.writeFileSync(bomb, gzipSync(Buffer.alloc(20 * 1024 * 1024, 0x20)));
    expect(fs.statSync(bomb).size).toBeLessThan(100_000);
    await expect(async () => {
      for await (const _ of readTelemetryFile(bomb, { maxFileBytes: 1e6, maxDecompressedBytes: 1024 * 1024, maxLineBytes: 64 * 1024 * 1024 })) void _;
    }).rejects.toMatchObject({ code: 'FILE_TOO_LARGE' });

    await expect(async () => {
      for await (const _ of readTelemetryFile(tempFile('missing.jsonl'))) void _;
    }).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
