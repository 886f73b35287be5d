import { describe, it, expect, beforeAll } from 'vitest';
import { context, trace, TraceFlags } from '@opentelemetry/api';
import type { HrTime } from '@opentelemetry/api';
import { SeverityNumber } from '@opentelemetry/api-logs';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor } from '@opentelemetry/sdk-logs';
import type { ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { JsonLogsSerializer, ProtobufLogsSerializer } from '@opentelemetry/otlp-transformer';
import type { LogRecord } from '../../common/telemetry.ts';
import { decodeExportRequest, normalizeRequest } from './decode-and-normalize.ts';
import type { NormalizeResult } from './normalize.ts';
import { emptyLogRecord } from './wire-types.ts';
import type { WireExportRequest, WireLogRecord } from './wire-types.ts';

const hrToNanos = (hr: HrTime): bigint => BigInt(hr[0]) * 1_000_000_000n + BigInt(hr[1]);
const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN_ID = '00f067aa0ba902b7';

async function makeLogs(): Promise<ReadableLogRecord[]> {
  const exporter = new InMemoryLogRecordExporter();
  const provider = new LoggerProvider({
    resource: resourceFromAttributes({ 'service.name': 'payments', 'deployment.environment.name': 'dev' }),
    processors: [new SimpleLogRecordProcessor({ exporter })],
  });
  const logger = provider.getLogger('payments-logger', '0.9.0', { attributes: { 'logger.kind': 'structured' } });
  const inSpan = trace.setSpanContext(context.active(), { traceId: TRACE_ID, spanId: SPAN_ID, traceFlags: TraceFlags.SAMPLED });
  logger.emit({
    severityNumber: SeverityNumber.ERROR,
    severityText: 'ERROR',
    body: 'payment failed',
    attributes: { 'payment.id': 'p-1', attempt: 3, nested: { ok: false, codes: [1, 2] } },
    timestamp: [1_700_000_100, 5],
    observedTimestamp: [1_700_000_100, 9],
    context: inSpan,
    eventName: 'payment.failed',
  });
  logger.emit({ severityNumber: SeverityNumber.INFO, body: { order: 'o-7', total: 12.5 }, timestamp: [1_700_000_101, 0] });
  logger.emit({ severityNumber: SeverityNumber.DEBUG, body: Uint8Array.of(0, 1, 254, 255), timestamp: [1_700_000_102, 0] });
  // SimpleLogRecordProcessor exports on a promise: let it settle.
  await provider.forceFlush();
  await new Promise((resolve) => setImmediate(resolve));
  return exporter.getFinishedLogRecords();
}

describe('logs from the real OpenTelemetry SDK', () => {
  let sdkLogs: ReadableLogRecord[];
  let pb: NormalizeResult;
  let js: NormalizeResult;
  let logs: LogRecord[];

  beforeAll(async () => {
    sdkLogs = await makeLogs();
    pb = normalizeRequest('logs', decodeExportRequest('logs', 'protobuf', ProtobufLogsSerializer.serializeRequest(sdkLogs)!));
    js = normalizeRequest('logs', decodeExportRequest('logs', 'json', JsonLogsSerializer.serializeRequest(sdkLogs)!));
    logs = pb.batch.logs;
  });

  it('decodes every record, identically from protobuf and JSON', () => {
    expect(pb.rejected).toBe(0);
    expect(js.rejected).toBe(0);
    expect(logs).toHaveLength(3);
    expect(js.batch.logs).toEqual(logs);
  });

  it('keeps severity, body, attributes, event name, trace context and exact times', () => {
    const first = logs[0];
    expect(first).toMatchObject({
      severityNumber: 17,
      severityText: 'ERROR',
      body: 'payment failed',
      attributes: { 'payment.id': 'p-1', attempt: 3, nested: { ok: false, codes: [1, 2] } },
      traceId: TRACE_ID,
      spanId: SPAN_ID,
      flags: 1,
      eventName: 'payment.failed',
    });
    expect(first.timeUnixNano).toBe(1_700_000_100_000_000_005n);
    expect(first.observedTimeUnixNano).toBe(1_700_000_100_000_000_009n);
    expect(first.timeUnixNano).toBe(hrToNanos(sdkLogs[0].hrTime));
  });

  it('accepts records without trace context, with map and bytes bodies', () => {
    expect(logs[1]).toMatchObject({ traceId: '', spanId: '', severityNumber: 9, body: { order: 'o-7', total: 12.5 } });
    expect(logs[2].body).toBe(Buffer.from([0, 1, 254, 255]).toString('base64'));
  });

  it('keeps resource and scope with its attributes', () => {
    expect(logs[0].resource).toBe(logs[2].resource);
    expect(logs[0].resource.serviceName).toBe('payments');
    expect(logs[0].scope).toEqual({ name: 'payments-logger', version: '0.9.0', attributes: { 'logger.kind': 'structured' } });
  });
});

function wireLog(overrides: Partial<WireLogRecord>): WireLogRecord {
  return {
    ...emptyLogRecord(),
    observedTimeUnixNano: 1n,
    ...overrides,
  };
}

function normalizeWire(records: WireLogRecord[]): { logs: LogRecord[]; rejected: number; message: string } {
  const wire: WireExportRequest = {
    signal: 'logs',
    resourceLogs: [
      {
        resource: { attributes: [], droppedAttributesCount: 0 },
        schemaUrl: '',
        scopeLogs: [{ scope: { name: '', version: '', attributes: [], droppedAttributesCount: 0 }, schemaUrl: '', logRecords: records }],
      },
    ],
  };
  const result = normalizeRequest('logs', wire);
  return { logs: result.batch.logs, rejected: result.rejected, message: result.rejectionMessage };
}

describe('log rules', () => {
  it('accepts a record with no time, no ids and an empty body; all-zero ids count as no ids', () => {
    const { logs, rejected } = normalizeWire([wireLog({}), wireLog({ traceId: '0'.repeat(32), spanId: '0'.repeat(16) })]);
    expect(rejected).toBe(0);
    expect(logs.map((l) => [l.traceId, l.spanId, l.body, l.timeUnixNano])).toEqual([
      ['', '', null, 0n],
      ['', '', null, 0n],
    ]);
    expect(logs[0].resource.serviceName).toBe('unknown_service');
  });

  it('rejects a record whose ids have the wrong length, and only that record', () => {
    const { logs, rejected, message } = normalizeWire([
      wireLog({ traceId: 'abcd' }),
      wireLog({ traceId: TRACE_ID, spanId: SPAN_ID }),
      wireLog({ spanId: 'abc' }),
    ]);
    expect(logs).toHaveLength(1);
    expect(rejected).toBe(2);
    expect(message).toContain('resourceLogs[0].scopeLogs[0].logRecords[0]: traceId "abcd" must be empty or 16 bytes of hex');
    expect(message).toContain('logRecords[2]: spanId "abc" must be empty or 8 bytes of hex');
  });
});
