import { describe, it, expect } from 'vitest';
import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import type { HrTime } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import type { Span, TelemetryBatch } from '../../common/telemetry.ts';
import { decodeExportRequest, normalizeRequest } from './decode-and-normalize.ts';
import { emptySpan } from './wire-types.ts';
import type { WireExportRequest, WireSpan } from './wire-types.ts';

const hrToNanos = (hr: HrTime): bigint => BigInt(hr[0]) * 1_000_000_000n + BigInt(hr[1]);

/** Real SDK spans: a SERVER root with every attribute type, an event, and a CLIENT child with a link. */
function makeSpans(): ReadableSpan[] {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes(
      { 'service.name': 'checkout', 'service.version': '1.4.2', 'host.cpu.count': 8 },
      { schemaUrl: 'https://opentelemetry.io/schemas/1.26.0' },
    ),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer('test-scope', '2.0.1');
  const other = tracer.startSpan('linked-target');
  other.end();
  const root = tracer.startSpan('GET /orders/:id', {
    kind: SpanKind.SERVER,
    startTime: [1_700_000_000, 123_456_789],
    attributes: {
      'http.route': '/orders/:id',
      'http.response.status_code': 500,
      ratio: 0.25,
      cached: false,
      tags: ['a', 'b'],
      ports: [80, 443],
      weights: [1.5, 2.5],
      flags: [true, false],
    },
  });
  root.addEvent('exception', { 'exception.type': 'Error', 'exception.message': 'boom' }, [1_700_000_000, 200_000_000]);
  root.setStatus({ code: SpanStatusCode.ERROR, message: 'upstream failed' });
  const child = tracer.startSpan(
    'SELECT orders',
    {
      kind: SpanKind.CLIENT,
      startTime: [1_700_000_000, 300_000_000],
      links: [{ context: other.spanContext(), attributes: { 'link.reason': 'retry' } }],
      attributes: { 'db.system': 'postgresql' },
    },
    trace.setSpan(context.active(), root),
  );
  child.setStatus({ code: SpanStatusCode.OK });
  child.end([1_700_000_000, 900_000_001]);
  root.end([1_700_000_001, 0]);
  return exporter.getFinishedSpans();
}

function decodeBoth(spans: ReadableSpan[]): { protobuf: TelemetryBatch; json: TelemetryBatch } {
  const protobuf = normalizeRequest('traces', decodeExportRequest('traces', 'protobuf', ProtobufTraceSerializer.serializeRequest(spans)!));
  const json = normalizeRequest('traces', decodeExportRequest('traces', 'json', JsonTraceSerializer.serializeRequest(spans)!));
  expect(protobuf.rejected).toBe(0);
  expect(json.rejected).toBe(0);
  return { protobuf: protobuf.batch, json: json.batch };
}

describe('traces from the real OpenTelemetry SDK', () => {
  const sdkSpans = makeSpans();
  const { protobuf, json } = decodeBoth(sdkSpans);
  const byName = (batch: TelemetryBatch, name: string): Span => batch.spans.find((s) => s.name === name)!;

  it('decodes every span, identically from protobuf and JSON', () => {
    expect(protobuf.spans).toHaveLength(3);
    expect(json.spans).toEqual(protobuf.spans);
  });

  it('keeps ids, parentage and exact nanosecond times', () => {
    for (const sdk of sdkSpans) {
      const span = byName(protobuf, sdk.name);
      expect(span.traceId).toBe(sdk.spanContext().traceId);
      expect(span.spanId).toBe(sdk.spanContext().spanId);
      expect(span.parentSpanId).toBe(sdk.parentSpanContext?.spanId ?? '');
      expect(span.startTimeUnixNano).toBe(hrToNanos(sdk.startTime));
      expect(span.endTimeUnixNano).toBe(hrToNanos(sdk.endTime));
      expect(span.flags & 0xff).toBe(sdk.spanContext().traceFlags);
    }
    expect(byName(protobuf, 'GET /orders/:id').startTimeUnixNano).toBe(1_700_000_000_123_456_789n);
    expect(byName(protobuf, 'SELECT orders').endTimeUnixNano).toBe(1_700_000_000_900_000_001n);
  });

  it('keeps attributes of every type', () => {
    expect(byName(protobuf, 'GET /orders/:id').attributes).toEqual({
      'http.route': '/orders/:id',
      'http.response.status_code': 500,
      ratio: 0.25,
      cached: false,
      tags: ['a', 'b'],
      ports: [80, 443],
      weights: [1.5, 2.5],
      flags: [true, false],
    });
  });

  it('keeps kind, status, events and links', () => {
    const root = byName(protobuf, 'GET /orders/:id');
    expect(root.kind).toBe('server');
    expect(root.statusCode).toBe('error');
    expect(root.statusMessage).toBe('upstream failed');
    expect(root.events).toEqual([
      {
        timeUnixNano: 1_700_000_000_200_000_000n,
        name: 'exception',
        attributes: { 'exception.type': 'Error', 'exception.message': 'boom' },
        droppedAttributesCount: 0,
      },
    ]);
    const child = byName(protobuf, 'SELECT orders');
    const target = sdkSpans.find((s) => s.name === 'linked-target')!;
    expect(child.kind).toBe('client');
    expect(child.statusCode).toBe('ok');
    expect(child.links).toHaveLength(1);
    expect(child.links[0]).toMatchObject({
      traceId: target.spanContext().traceId,
      spanId: target.spanContext().spanId,
      attributes: { 'link.reason': 'retry' },
    });
    expect(byName(protobuf, 'linked-target').kind).toBe('internal');
  });

  it('builds one shared resource and scope', () => {
    const [a, b, c] = protobuf.spans;
    expect(a.resource).toBe(b.resource);
    expect(b.resource).toBe(c.resource);
    expect(a.scope).toBe(c.scope);
    expect(a.resource.serviceName).toBe('checkout');
    expect(a.resource.schemaUrl).toBe('https://opentelemetry.io/schemas/1.26.0');
    expect(a.resource.attributes).toMatchObject({ 'service.version': '1.4.2', 'host.cpu.count': 8 });
    expect(a.resource.key).toMatch(/^[0-9a-f]{16}$/);
    expect(a.scope).toEqual({ name: 'test-scope', version: '2.0.1', attributes: {} });
  });
});

/** A minimal valid wire span to break one rule at a time. */
function wireSpan(overrides: Partial<WireSpan>): WireSpan {
  return {
    ...emptySpan(),
    traceId: '0af7651916cd43dd8448eb211c80319c',
    spanId: 'b7ad6b7169203331',
    name: 'op',
    kind: 1,
    startTimeUnixNano: 10n,
    endTimeUnixNano: 20n,
    ...overrides,
  };
}

function requestOf(spans: WireSpan[]): WireExportRequest {
  return {
    signal: 'traces',
    resourceSpans: [
      {
        resource: { attributes: [], droppedAttributesCount: 0 },
        schemaUrl: '',
        scopeSpans: [{ scope: { name: '', version: '', attributes: [], droppedAttributesCount: 0 }, schemaUrl: '', spans }],
      },
    ],
  };
}

describe('span rules (partial success)', () => {
  const link = { traceState: '', attributes: [], droppedAttributesCount: 0, flags: 0 };
  const cases: [string, Partial<WireSpan>, string][] = [
    ['trace id of 15 bytes', { traceId: '0af7651916cd43dd8448eb211c8031' }, 'traceId must be 16 bytes, got 15'],
    ['all-zero trace id', { traceId: '0'.repeat(32) }, 'traceId is all zeros'],
    ['non-hex trace id', { traceId: 'zz'.repeat(16) }, 'traceId must be 32 hex characters'],
    ['span id of 4 bytes', { spanId: 'b7ad6b71' }, 'spanId must be 8 bytes, got 4'],
    ['all-zero span id', { spanId: '0'.repeat(16) }, 'spanId is all zeros'],
    ['parent id of 3 bytes', { parentSpanId: 'abcdef' }, 'parentSpanId must be empty or 8 bytes'],
    ['missing start time', { startTimeUnixNano: 0n }, 'startTimeUnixNano is missing'],
    ['end before start', { endTimeUnixNano: 5n }, 'endTimeUnixNano 5 is before startTimeUnixNano 10'],
    ['unknown kind', { kind: 9 }, 'unknown kind 9'],
    ['unknown status code', { status: { code: 3, message: '' } }, 'unknown status code 3'],
    ['link with a short trace id', { links: [{ ...link, traceId: 'ab', spanId: 'b7ad6b7169203331' }] }, 'links[0].traceId must be 16 bytes'],
  ];
  it.each(cases)('rejects a span with %s and keeps the others', (_label, overrides, reason) => {
    const result = normalizeRequest('traces', requestOf([wireSpan({}), wireSpan(overrides), wireSpan({ name: 'last' })]));
    expect(result.batch.spans.map((s) => s.name)).toEqual(['op', 'last']);
    expect(result.rejected).toBe(1);
    expect(result.rejectionMessage).toContain('1 spans rejected: resourceSpans[0].scopeSpans[0].spans[1]: ');
    expect(result.rejectionMessage).toContain(reason);
  });

  it('treats an all-zero parent span id as a root span', () => {
    const result = normalizeRequest('traces', requestOf([wireSpan({ parentSpanId: '0'.repeat(16) })]));
    expect(result.rejected).toBe(0);
    expect(result.batch.spans[0].parentSpanId).toBe('');
  });

  it('accepts an empty name and equal start and end', () => {
    const result = normalizeRequest('traces', requestOf([wireSpan({ name: '', endTimeUnixNano: 10n })]));
    expect(result.rejected).toBe(0);
    expect(result.batch.spans).toHaveLength(1);
  });

  it('summarises the first three reasons and counts the rest', () => {
    const bad = Array.from({ length: 5 }, () => wireSpan({ spanId: '' }));
    const result = normalizeRequest('traces', requestOf(bad));
    expect(result.rejected).toBe(5);
    expect(result.rejectionMessage).toMatch(/^5 spans rejected: .*spans\[0\].*spans\[1\].*spans\[2\]: spanId must be 8 bytes, got 0; … and 2 more$/);
  });

  it('refuses a request of another signal as an internal error', () => {
    expect(() => normalizeRequest('logs', requestOf([]))).toThrowError(/asked for logs but was given a traces request/);
  });
});
