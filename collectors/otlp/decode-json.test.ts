import { describe, it, expect } from 'vitest';
import { ChokepointError } from '../../common/error-codes.ts';
import type { Signal } from '../../common/telemetry.ts';
import { decodeJsonRequest } from './decode-json.ts';
import { normalizeRequest } from './normalize.ts';
import type { WireLogsRequest, WireMetricsRequest, WireTracesRequest } from './wire-types.ts';

function malformed(signal: Signal, input: string | Uint8Array): string {
  try {
    decodeJsonRequest(signal, input);
  } catch (error) {
    expect(error).toBeInstanceOf(ChokepointError);
    expect((error as ChokepointError).code).toBe('MALFORMED_BODY');
    return (error as ChokepointError).message;
  }
  throw new Error('expected MALFORMED_BODY, but the input decoded');
}

const TRACE = '5B8EFFF798038103D269B633813FC60C';
const SPAN = 'EEE19B7EC3C1B174';
const spansJson = (span: object): string =>
  JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: [span] }] }] });
const firstSpan = (input: string) => (decodeJsonRequest('traces', input) as WireTracesRequest).resourceSpans[0].scopeSpans[0].spans[0];
const metricsJson = (metric: object): string =>
  JSON.stringify({ resourceMetrics: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'db' } }] }, scopeMetrics: [{ metrics: [metric] }] }] });

describe('decodeJsonRequest: the OTLP/JSON mapping', () => {
  it('reads hex ids case-insensitively, int64 as strings or numbers, and enum names', () => {
    const span = firstSpan(
      spansJson({
        traceId: TRACE,
        spanId: SPAN,
        parentSpanId: '',
        name: 'q',
        kind: 'SPAN_KIND_CLIENT',
        startTimeUnixNano: '1700000000123456789',
        endTimeUnixNano: 1700000001,
        status: { code: 'STATUS_CODE_ERROR', message: 'x' },
        flags: 257,
      }),
    );
    expect(span).toMatchObject({
      traceId: TRACE.toLowerCase(),
      spanId: SPAN.toLowerCase(),
      kind: 3,
      startTimeUnixNano: 1_700_000_000_123_456_789n,
      endTimeUnixNano: 1_700_000_001n,
      status: { code: 2, message: 'x' },
      flags: 257,
    });
  });

  it('accepts the proto snake_case field names too', () => {
    const camel = firstSpan(spansJson({ traceId: TRACE, spanId: SPAN, startTimeUnixNano: '5', droppedEventsCount: 2, attributes: [{ key: 'a', value: { intValue: '1' } }] }));
    const snake = firstSpan(spansJson({ trace_id: TRACE, span_id: SPAN, start_time_unix_nano: '5', dropped_events_count: 2, attributes: [{ key: 'a', value: { int_value: '1' } }] }));
    expect(snake).toEqual(camel);
    expect(snake.droppedEventsCount).toBe(2);
  });

  it('decodes every AnyValue kind, ints beyond 2^53 exactly', () => {
    const span = firstSpan(
      spansJson({
        attributes: [
          { key: 's', value: { stringValue: 'x' } },
          { key: 'b', value: { boolValue: true } },
          { key: 'i', value: { intValue: '9007199254740993' } },
          { key: 'n', value: { intValue: -5 } },
          { key: 'd', value: { doubleValue: 'NaN' } },
          { key: 'a', value: { arrayValue: { values: [{ doubleValue: 1.5 }, {}] } } },
          { key: 'kv', value: { kvlistValue: { values: [{ key: 'k', value: { boolValue: false } }] } } },
          { key: 'by', value: { bytesValue: 'AP8=' } },
          { key: 'none' },
        ],
      }),
    );
    expect(span.attributes).toEqual([
      { key: 's', value: { kind: 'string', value: 'x' } },
      { key: 'b', value: { kind: 'bool', value: true } },
      { key: 'i', value: { kind: 'int', value: 9_007_199_254_740_993n } },
      { key: 'n', value: { kind: 'int', value: -5n } },
      { key: 'd', value: { kind: 'double', value: NaN } },
      { key: 'a', value: { kind: 'array', values: [{ kind: 'double', value: 1.5 }, { kind: 'empty' }] } },
      { key: 'kv', value: { kind: 'kvlist', values: [{ key: 'k', value: { kind: 'bool', value: false } }] } },
      { key: 'by', value: { kind: 'bytes', value: Uint8Array.of(0, 255) } },
      { key: 'none', value: { kind: 'empty' } },
    ]);
  });

  it('accepts "NaN", "Infinity" and "-Infinity" strings and numeric strings for doubles', () => {
    const req = decodeJsonRequest(
      'metrics',
      metricsJson({
        name: 'h',
        histogram: {
          aggregationTemporality: 'AGGREGATION_TEMPORALITY_DELTA',
          dataPoints: [{ timeUnixNano: '1', count: '2', sum: 'Infinity', min: '-Infinity', max: '1e3', bucketCounts: ['1', 1], explicitBounds: ['0.5'] }],
        },
      }),
    ) as WireMetricsRequest;
    expect(req.resourceMetrics[0].scopeMetrics[0].metrics[0].data).toEqual({
      type: 'histogram',
      aggregationTemporality: 1,
      dataPoints: [
        {
          attributes: [],
          startTimeUnixNano: 0n,
          timeUnixNano: 1n,
          count: 2n,
          sum: Infinity,
          min: -Infinity,
          max: 1000,
          bucketCounts: [1n, 1n],
          explicitBounds: [0.5],
          exemplars: [],
          flags: 0,
        },
      ],
    });
  });

  it('decodes a hand-built summary with exemplar-free points into the domain shape', () => {
    const input = metricsJson({
      name: 'rpc.duration',
      unit: 's',
      summary: {
        dataPoints: [
          {
            attributes: [{ key: 'rpc.method', value: { stringValue: 'Get' } }],
            startTimeUnixNano: '1000',
            timeUnixNano: '2000',
            count: '12',
            sum: 3.5,
            quantileValues: [{ quantile: 0.5, value: 0.2 }, { quantile: 0.99, value: '1.25' }, { quantile: 1 }],
          },
        ],
      },
    });
    const { batch, rejected } = normalizeRequest('metrics', decodeJsonRequest('metrics', input));
    expect(rejected).toBe(0);
    expect(batch.metricPoints).toHaveLength(1);
    expect(batch.metricPoints[0]).toMatchObject({
      name: 'rpc.duration',
      unit: 's',
      attributes: { 'rpc.method': 'Get' },
      startTimeUnixNano: 1000n,
      timeUnixNano: 2000n,
      data: { type: 'summary', count: 12, sum: 3.5, quantileValues: [{ quantile: 0.5, value: 0.2 }, { quantile: 0.99, value: 1.25 }, { quantile: 1, value: 0 }] },
    });
    expect(batch.metricPoints[0].resource.serviceName).toBe('db');
  });

  it('decodes exemplars and int point values', () => {
    const input = metricsJson({
      name: 'c',
      sum: {
        isMonotonic: true,
        aggregationTemporality: 2,
        dataPoints: [
          {
            timeUnixNano: '9',
            asInt: '-12',
            exemplars: [{ timeUnixNano: '8', asDouble: 0.5, traceId: TRACE, spanId: SPAN, filteredAttributes: [{ key: 'user', value: { stringValue: 'u1' } }] }],
          },
        ],
      },
    });
    const { batch } = normalizeRequest('metrics', decodeJsonRequest('metrics', input));
    expect(batch.metricPoints[0].data).toEqual({ type: 'sum', value: -12, temporality: 'cumulative', monotonic: true });
    expect(batch.metricPoints[0].exemplars).toEqual([
      { timeUnixNano: 8n, value: 0.5, traceId: TRACE.toLowerCase(), spanId: SPAN.toLowerCase(), filteredAttributes: { user: 'u1' } },
    ]);
  });

  it('decodes logs with an AnyValue body and severity names; null means not set', () => {
    const req = decodeJsonRequest(
      'logs',
      JSON.stringify({
        resourceLogs: [{ scopeLogs: [{ logRecords: [{ severityNumber: 'SEVERITY_NUMBER_WARN2', body: { kvlistValue: { values: [] } }, traceId: null, eventName: 'e' }] }] }],
      }),
    ) as WireLogsRequest;
    expect(req.resourceLogs[0].scopeLogs[0].logRecords[0]).toMatchObject({
      severityNumber: 14,
      body: { kind: 'kvlist', values: [] },
      traceId: '',
      eventName: 'e',
    });
  });

  it('accepts an empty object and a body given as bytes', () => {
    expect(decodeJsonRequest('traces', new TextEncoder().encode('{}'))).toEqual({ signal: 'traces', resourceSpans: [] });
  });
});

describe('decodeJsonRequest: malformed input', () => {
  it('reports invalid JSON with the parser message', () => {
    expect(malformed('traces', '{"resourceSpans": [')).toMatch(/^json: invalid JSON: .+/);
    expect(malformed('traces', Uint8Array.of(0x7b, 0xc3, 0x28, 0x7d))).toBe('json: body is not valid UTF-8');
    expect(malformed('traces', '[]')).toBe('json: expected an object at top level, got an array');
  });

  it('names the JSON path of a value of the wrong type', () => {
    expect(malformed('traces', JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: [{}, {}, { startTimeUnixNano: true }] }] }] }))).toBe(
      'json: resourceSpans[0].scopeSpans[0].spans[2].startTimeUnixNano: expected an integer as string or number, got boolean true',
    );
    expect(malformed('traces', '{"resourceSpans":"x"}')).toBe('json: resourceSpans: expected an array, got string "x"');
    expect(malformed('traces', '{"resourceSpans":[{"resource":"x"}]}')).toBe('json: resourceSpans[0].resource: expected an object, got string "x"');
    expect(malformed('logs', '{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"body":"text"}]}]}]}')).toBe(
      'json: resourceLogs[0].scopeLogs[0].logRecords[0].body: expected an object, got string "text"',
    );
    expect(malformed('metrics', metricsJson({ name: 'g', gauge: { dataPoints: [{ asDouble: 'fast' }] } }))).toBe(
      'json: resourceMetrics[0].scopeMetrics[0].metrics[0].gauge.dataPoints[0].asDouble: expected a number or "NaN"/"Infinity"/"-Infinity", got string "fast"',
    );
  });

  it('refuses out-of-range integers, fractions, unknown enum names, bad base64 and oneof conflicts', () => {
    expect(malformed('traces', spansJson({ startTimeUnixNano: '-1' }))).toMatch(/startTimeUnixNano: expected an unsigned 64-bit integer/);
    expect(malformed('traces', spansJson({ startTimeUnixNano: '18446744073709551616' }))).toMatch(/expected an unsigned 64-bit integer/);
    expect(malformed('traces', spansJson({ startTimeUnixNano: 1.5 }))).toMatch(/expected an integer as string or number, got number 1.5/);
    expect(malformed('traces', spansJson({ droppedAttributesCount: -1 }))).toMatch(/droppedAttributesCount: expected an unsigned 32-bit integer/);
    expect(malformed('traces', spansJson({ kind: 'SERVER' }))).toMatch(/kind: expected one of SPAN_KIND_UNSPECIFIED/);
    expect(malformed('traces', spansJson({ attributes: [{ key: 'b', value: { bytesValue: 'not base64!' } }] }))).toMatch(
      /attributes\[0\]\.value\.bytesValue: expected base64 bytes/,
    );
    expect(malformed('traces', spansJson({ attributes: [{ key: 'x', value: { stringValue: 'a', intValue: 1 } }] }))).toMatch(
      /attributes\[0\]\.value: AnyValue sets both stringValue and intValue/,
    );
    expect(malformed('metrics', metricsJson({ name: 'm', gauge: {}, sum: {} }))).toMatch(/metrics\[0\]: metric sets both gauge and sum/);
  });

  it('refuses an AnyValue nested 10,000 deep without overflowing the stack, and accepts 32 levels', () => {
    const nested = (depth: number): string =>
      '{"arrayValue":{"values":['.repeat(depth - 1) + '{"stringValue":"x"}' + ']}}'.repeat(depth - 1);
    const logWithBody = (body: string): string => `{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"body":${body}}]}]}]}`;
    expect(malformed('logs', logWithBody(nested(10_000)))).toMatch(/^json: resourceLogs\[0\].*: AnyValue nested deeper than 32 levels$/);
    expect(malformed('logs', logWithBody(nested(33)))).toMatch(/AnyValue nested deeper than 32 levels$/);
    expect(() => decodeJsonRequest('logs', logWithBody(nested(32)))).not.toThrow();
  });

  it('leaves ids of the wrong length to normalize, which rejects only that span', () => {
    const input = JSON.stringify({
      resourceSpans: [
        {
          scopeSpans: [
            {
              spans: [
                { traceId: TRACE, spanId: SPAN, startTimeUnixNano: '1', endTimeUnixNano: '2' },
                { traceId: 'abc', spanId: SPAN, startTimeUnixNano: '1', endTimeUnixNano: '2' },
                { traceId: TRACE, spanId: 'not-hex-not-hex!', startTimeUnixNano: '1', endTimeUnixNano: '2' },
              ],
            },
          ],
        },
      ],
    });
    const result = normalizeRequest('traces', decodeJsonRequest('traces', input));
    expect(result.batch.spans).toHaveLength(1);
    expect(result.rejected).toBe(2);
    expect(result.rejectionMessage).toContain('spans[1]: traceId must be 32 hex characters, got "abc"');
    expect(result.rejectionMessage).toContain('spans[2]: spanId must be 16 hex characters, got "not-hex-not-hex!"');
  });
});
