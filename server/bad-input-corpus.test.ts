// A corpus of bad requests over the real OTLP/HTTP and OTLP/gRPC receivers. Each case gets the answer OTLP
// calls for (400 for a malformed body, 413 past a limit, 415 for an unknown encoding, 200 with partial success
// when some items are usable); while it is handled, a well-behaved client sends a valid request and is served
// promptly; and after each case the stored counts (GET /api/health) are exactly what was accepted so far:
// nothing from a refused request, nothing lost from before.
import zlib from 'node:zlib';
import net from 'node:net';
import * as grpc from '@grpc/grpc-js';
import type { Client } from '@grpc/grpc-js';
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Signal, TelemetryCounts } from '../common/telemetry.ts';
import { errorText, grpcClient, grpcExport, postOtlp, readPartialSuccess } from '../fixtures/otlp-clients.ts';
import type { HttpReply } from '../fixtures/otlp-clients.ts';
import {
  anyDouble,
  anyNestedArray,
  anyNestedKvlist,
  anyString,
  cat,
  catAll,
  freshId,
  gaugeRequest,
  hex,
  len,
  logsRequest,
  span,
  str,
  tracesRequest,
  uvarint,
} from '../fixtures/otlp-protobuf-builder.ts';
import type { Bytes, SpanFields } from '../fixtures/otlp-protobuf-builder.ts';
import { recordTrial } from '../fixtures/reliability-log.ts';
import { makeSyntheticSpans } from '../fixtures/synthetic-spans.ts';
import { startTestServer } from './test-server.ts';
import type { TestServer } from './test-server.ts';

const PROTOBUF = { 'Content-Type': 'application/x-protobuf' };
const JSON_TYPE = { 'Content-Type': 'application/json' };
const MiB = 1024 * 1024;
/** A well-behaved request sent alongside a bad one is answered within this (ms), on a slow machine. */
const PROMPT_MS = 5_000;
const NOW = BigInt(Date.now()) * 1_000_000n;
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;
const YEAR_2300 = 10_413_792_000n * 1_000_000_000n;

type Category =
  | 'wrong wire types and JSON types'
  | 'deep AnyValue nesting'
  | 'huge strings and arrays'
  | 'invalid UTF-8'
  | 'NaN and Infinity'
  | 'negative and absurd timestamps'
  | 'duplicate and cyclic span ids'
  | 'ids of the wrong length'
  | 'gzip bombs and broken gzip'
  | 'bodies over the limit';

interface Expected {
  /** HTTP status, or the grpc.status code for gRPC cases. */
  status: number;
  /** Items this request stores (of its signal). */
  stored?: number;
  /** Items a 200 reports as rejected (partial success). */
  rejected?: number;
  /** What the error (or the partial success message) must say. */
  message?: RegExp;
}

interface Case {
  category: Category;
  name: string;
  signal: Signal;
  transport: 'http' | 'grpc';
  /** Built lazily: some are megabytes. */
  body: () => Uint8Array | string;
  headers?: Record<string, string>;
  expected: Expected;
}

// ---- request builders ----------------------------------------------------------------------------------

const ids = (): Pick<SpanFields, 'traceId' | 'spanId'> => ({ traceId: freshId(16), spanId: freshId(8) });
const goodSpan = (extra: Partial<SpanFields> = {}): Bytes => span({ ...ids(), start: NOW, end: NOW + 1_000_000n, ...extra });
const traces = (...spans: Bytes[]): Uint8Array => tracesRequest('corpus', spans);

/** Valid OTLP/JSON traces with `spans` (objects merged over a good span). */
function jsonTraces(...spans: Record<string, unknown>[]): string {
  return JSON.stringify({
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'corpus' } }] },
        scopeSpans: [{ spans: spans.map((s) => ({ ...jsonSpan(), ...s })) }],
      },
    ],
  });
}
function jsonSpan(): Record<string, unknown> {
  return { traceId: hex(freshId(16)), spanId: hex(freshId(8)), name: 'op', kind: 2, startTimeUnixNano: NOW.toString(), endTimeUnixNano: (NOW + 1_000_000n).toString() };
}
function jsonGauge(values: unknown[], extra: Record<string, unknown> = {}): string {
  const dataPoints = values.map((value) => ({ timeUnixNano: NOW.toString(), asDouble: value, ...extra }));
  return JSON.stringify({ resourceMetrics: [{ scopeMetrics: [{ metrics: [{ name: 'corpus.gauge', gauge: { dataPoints } }] }] }] });
}
function jsonLogs(records: Record<string, unknown>[]): string {
  return JSON.stringify({ resourceLogs: [{ scopeLogs: [{ logRecords: records.map((r) => ({ timeUnixNano: NOW.toString(), ...r })) }] }] });
}
/** An AnyValue `depth` levels deep, as JSON text (JSON.stringify would recurse that deep itself). */
function jsonNested(depth: number, via: 'array' | 'kvlist'): string {
  const open = via === 'array' ? '{"arrayValue":{"values":[' : '{"kvlistValue":{"values":[{"key":"k","value":';
  const close = via === 'array' ? ']}}' : '}]}}';
  return `${open.repeat(depth)}{"stringValue":"leaf"}${close.repeat(depth)}`;
}
function jsonTracesWithAttribute(anyValueText: string): string {
  const span = JSON.stringify(jsonSpan()).slice(0, -1);
  return `{"resourceSpans":[{"scopeSpans":[{"spans":[${span},"attributes":[{"key":"deep","value":${anyValueText}}]}]}]}]}`;
}
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const concat = (...parts: (Uint8Array | string)[]): Uint8Array => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p)));

// ---- the corpus ----------------------------------------------------------------------------------------

const http = (category: Category, name: string, signal: Signal, body: () => Uint8Array | string, expected: Expected, headers?: Record<string, string>): Case => ({
  category,
  name,
  signal,
  transport: 'http',
  body,
  headers: headers ?? PROTOBUF,
  expected,
});
const httpJson = (category: Category, name: string, signal: Signal, body: () => string, expected: Expected): Case => http(category, name, signal, body, expected, JSON_TYPE);
const grpcCase = (category: Category, name: string, signal: Signal, body: () => Uint8Array, expected: Expected): Case => ({ category, name, signal, transport: 'grpc', body, expected });

const CASES: Case[] = [
  // Wrong wire types: a field sent with another wire type than its declared one is a malformed body.
  http('wrong wire types and JSON types', 'resource_spans as a varint', 'traces', () => new Uint8Array(uvarint(1, 5)), { status: 400, message: /wire type/ }),
  http('wrong wire types and JSON types', 'span trace_id as a varint', 'traces', () => traces(cat(uvarint(1, 7), len(2, freshId(8)), str(5, 'op'))), { status: 400, message: /trace_id.*wire type/ }),
  http('wrong wire types and JSON types', 'span start time as length-delimited', 'traces', () => traces(cat(len(1, freshId(16)), len(2, freshId(8)), len(7, Uint8Array.of(1, 2, 3)))), { status: 400, message: /start_time_unix_nano.*wire type/ }),
  http('wrong wire types and JSON types', 'metric name as a varint', 'metrics', () => new Uint8Array(len(1, len(2, len(2, uvarint(1, 3))))), { status: 400, message: /wire type/ }),
  http('wrong wire types and JSON types', 'log body as a varint', 'logs', () => new Uint8Array(len(1, len(2, len(2, uvarint(5, 1))))), { status: 400, message: /body.*wire type/ }),
  grpcCase('wrong wire types and JSON types', 'gRPC: span start time as length-delimited', 'traces', () => traces(cat(len(1, freshId(16)), len(2, freshId(8)), len(7, Uint8Array.of(1)))), { status: grpc.status.INVALID_ARGUMENT, message: /wire type/ }),
  httpJson('wrong wire types and JSON types', 'JSON resourceSpans as an object', 'traces', () => '{"resourceSpans":{"scopeSpans":[]}}', { status: 400, message: /resourceSpans/ }),
  httpJson('wrong wire types and JSON types', 'JSON start time as a boolean', 'traces', () => jsonTraces({ startTimeUnixNano: true }), { status: 400, message: /startTimeUnixNano/ }),
  httpJson('wrong wire types and JSON types', 'JSON attributes as a string', 'traces', () => jsonTraces({ attributes: 'a=b' }), { status: 400, message: /attributes/ }),
  httpJson('wrong wire types and JSON types', 'JSON intValue 1.5', 'traces', () => jsonTraces({ attributes: [{ key: 'n', value: { intValue: 1.5 } }] }), { status: 400, message: /intValue/ }),
  httpJson('wrong wire types and JSON types', 'JSON asDouble as an object', 'metrics', () => jsonGauge([{ value: 1 }]), { status: 400, message: /asDouble/ }),
  httpJson('wrong wire types and JSON types', 'JSON log body as an array', 'logs', () => jsonLogs([{ body: [1, 2] }]), { status: 400, message: /body/ }),
  httpJson('wrong wire types and JSON types', 'JSON top level an array', 'logs', () => '[{"resourceLogs":[]}]', { status: 400, message: /top level/ }),

  // AnyValues nest 32 levels at most; deeper is refused before it can exhaust a stack.
  httpJson('deep AnyValue nesting', 'JSON arrays 31 deep (within the limit)', 'traces', () => jsonTracesWithAttribute(jsonNested(31, 'array')), { status: 200, stored: 1 }),
  httpJson('deep AnyValue nesting', 'JSON arrays 1,000 deep', 'traces', () => jsonTracesWithAttribute(jsonNested(1_000, 'array')), { status: 400, message: /nested deeper than 32/ }),
  httpJson('deep AnyValue nesting', 'JSON kvlists 1,000 deep', 'traces', () => jsonTracesWithAttribute(jsonNested(1_000, 'kvlist')), { status: 400, message: /nested deeper than 32/ }),
  httpJson('deep AnyValue nesting', 'JSON arrays 100,000 deep', 'traces', () => jsonTracesWithAttribute(jsonNested(100_000, 'array')), { status: 400, message: /nested deeper than 32/ }),
  httpJson('deep AnyValue nesting', 'JSON log body kvlists 1,000 deep', 'logs', () => `{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"timeUnixNano":"${NOW}","body":${jsonNested(1_000, 'kvlist')}}]}]}]}`, { status: 400, message: /nested deeper/ }),
  http('deep AnyValue nesting', 'protobuf arrays 1,000 deep', 'traces', () => traces(goodSpan({ attributes: [['deep', anyNestedArray(1_000)]] })), { status: 400, message: /nested deeper than 32/ }),
  http('deep AnyValue nesting', 'protobuf kvlists 1,000 deep', 'logs', () => logsRequest('corpus', NOW, [anyNestedKvlist(1_000)]), { status: 400, message: /nested deeper than 32/ }),
  http('deep AnyValue nesting', 'protobuf arrays 31 deep (within the limit)', 'traces', () => traces(goodSpan({ attributes: [['deep', anyNestedArray(31)]] })), { status: 200, stored: 1 }),
  grpcCase('deep AnyValue nesting', 'gRPC: protobuf kvlists 1,000 deep', 'traces', () => traces(goodSpan({ attributes: [['deep', anyNestedKvlist(1_000)]] })), { status: grpc.status.INVALID_ARGUMENT, message: /nested deeper/ }),

  // Huge strings and arrays: stored when the body is within the limit, 413 past it.
  http('huge strings and arrays', '5 MiB attribute string (protobuf)', 'traces', () => traces(goodSpan({ attributes: [['big', anyString('s'.repeat(5 * MiB))]] })), { status: 200, stored: 1 }),
  httpJson('huge strings and arrays', '8 MiB log body (JSON)', 'logs', () => jsonLogs([{ body: { stringValue: 'b'.repeat(8 * MiB) } }]), { status: 200, stored: 1 }),
  http('huge strings and arrays', 'attribute array of 300,000 doubles', 'traces', () => traces(goodSpan({ attributes: [['many', len(5, catAll(Array.from({ length: 300_000 }, (_, i) => len(1, anyDouble(i)))))]] })), { status: 200, stored: 1 }),
  httpJson('huge strings and arrays', '200,000 empty resourceSpans', 'traces', () => `{"resourceSpans":[${Array(200_000).fill('{}').join(',')}]}`, { status: 200, stored: 0 }),
  http('huge strings and arrays', '20,000 spans in one request', 'traces', () => tracesRequest('corpus', Array.from({ length: 20_000 }, () => goodSpan())), { status: 200, stored: 20_000 }),
  httpJson('huge strings and arrays', '21 MiB string (past the 20 MiB limit)', 'traces', () => jsonTraces({ name: 'n'.repeat(21 * MiB) }), { status: 413, message: /limit/ }),
  httpJson('huge strings and arrays', 'array of 11 million numbers (past the limit)', 'traces', () => `{"resourceSpans":[],"x":[${'0,'.repeat(11 * MiB)}0]}`, { status: 413, message: /limit/ }),
  httpJson('huge strings and arrays', 'a double of a million digits and an x (the pattern was quadratic: hours)', 'logs', () => jsonLogs([{ body: { doubleValue: `${'9'.repeat(1_000_000)}x` } }]), { status: 400, message: /doubleValue/ }),
  grpcCase('huge strings and arrays', 'gRPC: 21 MiB message (past the limit)', 'traces', () => traces(goodSpan({ attributes: [['big', anyString('s'.repeat(21 * MiB))]] })), { status: grpc.status.RESOURCE_EXHAUSTED }),
  grpcCase('huge strings and arrays', 'gRPC: 5 MiB attribute string', 'traces', () => traces(goodSpan({ attributes: [['big', anyString('g'.repeat(5 * MiB))]] })), { status: grpc.status.OK, stored: 1 }),

  // Invalid UTF-8: JSON bodies must be UTF-8 (400); protobuf strings are read with U+FFFD in place of bad bytes.
  http('invalid UTF-8', 'JSON with a 0xFF byte in a string', 'traces', () => concat('{"resourceSpans":[{"scopeSpans":[{"spans":[{"name":"', new Uint8Array([0xff, 0xfe]), '"}]}]}]}'), { status: 400, message: /UTF-8/ }, JSON_TYPE),
  http('invalid UTF-8', 'JSON with an overlong encoding', 'logs', () => concat('{"resourceLogs":[],"x":"', new Uint8Array([0xc0, 0xaf]), '"}'), { status: 400, message: /UTF-8/ }, JSON_TYPE),
  http('invalid UTF-8', 'JSON with a truncated multi-byte character', 'metrics', () => concat('{"resourceMetrics":[],"x":"', new Uint8Array([0xe2, 0x82]), '"}'), { status: 400, message: /UTF-8/ }, JSON_TYPE),
  httpJson('invalid UTF-8', 'JSON lone surrogate escape in a span name', 'traces', () => jsonTraces({ name: 'bad \ud800 name' }), { status: 200, stored: 1 }),
  http('invalid UTF-8', 'protobuf span name with invalid UTF-8', 'traces', () => traces(goodSpan({ name: new Uint8Array([0x6f, 0xff, 0xfe, 0x70]) })), { status: 200, stored: 1 }),
  http('invalid UTF-8', 'protobuf attribute value with invalid UTF-8', 'logs', () => logsRequest('corpus', NOW, [anyString(new Uint8Array([0xc3, 0x28, 0xa0, 0xa1]))]), { status: 200, stored: 1 }),

  // NaN and ±Infinity are legal doubles (stored); as times they are not integers (400).
  http('NaN and Infinity', 'protobuf gauge NaN, +Inf, -Inf', 'metrics', () => gaugeRequest('corpus', 'corpus.nan', [NaN, Infinity, -Infinity].map((value) => ({ time: NOW, value }))), { status: 200, stored: 3 }),
  httpJson('NaN and Infinity', 'JSON gauge "NaN", "Infinity", "-Infinity"', 'metrics', () => jsonGauge(['NaN', 'Infinity', '-Infinity']), { status: 200, stored: 3 }),
  httpJson('NaN and Infinity', 'JSON histogram sum Infinity, min -Infinity', 'metrics', () => JSON.stringify({ resourceMetrics: [{ scopeMetrics: [{ metrics: [{ name: 'corpus.hist', histogram: { aggregationTemporality: 2, dataPoints: [{ timeUnixNano: NOW.toString(), count: '2', sum: 'Infinity', min: '-Infinity', max: 'NaN', bucketCounts: ['1', '1'], explicitBounds: ['NaN'] }] } }] }] }] }), { status: 200, stored: 1 }),
  httpJson('NaN and Infinity', 'JSON attribute doubles NaN and Infinity', 'traces', () => jsonTraces({ attributes: [{ key: 'nan', value: { doubleValue: 'NaN' } }, { key: 'inf', value: { doubleValue: 'Infinity' } }, { key: 'ninf', value: { doubleValue: '-Infinity' } }] }), { status: 200, stored: 1 }),
  http('NaN and Infinity', 'protobuf attribute double NaN', 'traces', () => traces(goodSpan({ attributes: [['nan', anyDouble(NaN)], ['inf', anyDouble(-Infinity)]] })), { status: 200, stored: 1 }),
  httpJson('NaN and Infinity', 'JSON start time "NaN"', 'traces', () => jsonTraces({ startTimeUnixNano: 'NaN' }), { status: 400, message: /startTimeUnixNano/ }),
  httpJson('NaN and Infinity', 'JSON start time "Infinity"', 'traces', () => jsonTraces({ startTimeUnixNano: 'Infinity' }), { status: 400, message: /startTimeUnixNano/ }),
  httpJson('NaN and Infinity', 'JSON end time "-Infinity"', 'traces', () => jsonTraces({ endTimeUnixNano: '-Infinity' }), { status: 400, message: /endTimeUnixNano/ }),
  httpJson('NaN and Infinity', 'JSON time 1e400 (parses to Infinity)', 'logs', () => `{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"timeUnixNano":1e400}]}]}]}`, { status: 400, message: /timeUnixNano/ }),
  httpJson('NaN and Infinity', 'JSON bare NaN token as a time', 'traces', () => jsonTraces({ startTimeUnixNano: 0 }).replace('"startTimeUnixNano":0', '"startTimeUnixNano":NaN'), { status: 400, message: /invalid JSON/ }),

  // Times: negative and past uint64 are malformed; past 2262 (uint64, but not storable) rejects the item.
  httpJson('negative and absurd timestamps', 'JSON start time "-1"', 'traces', () => jsonTraces({ startTimeUnixNano: '-1' }), { status: 400, message: /unsigned 64-bit/ }),
  httpJson('negative and absurd timestamps', 'JSON start time -5 (a number)', 'traces', () => jsonTraces({ startTimeUnixNano: -5 }), { status: 400, message: /unsigned 64-bit/ }),
  httpJson('negative and absurd timestamps', 'JSON year 3000 (past uint64)', 'traces', () => jsonTraces({ startTimeUnixNano: '32503680000000000000', endTimeUnixNano: '32503680000000000001' }), { status: 400, message: /unsigned 64-bit/ }),
  http('negative and absurd timestamps', '2^64-1 ns beside two good spans', 'traces', () => traces(goodSpan(), goodSpan({ start: UINT64_MAX, end: UINT64_MAX }), goodSpan()), { status: 200, stored: 2, rejected: 1, message: /after the year 2262/ }),
  http('negative and absurd timestamps', 'every span in the year 2300', 'traces', () => traces(goodSpan({ start: YEAR_2300, end: YEAR_2300 + 5n }), goodSpan({ start: YEAR_2300, end: YEAR_2300 + 5n })), { status: 400, message: /after the year 2262/ }),
  http('negative and absurd timestamps', 'span event at 2^64-1 ns', 'traces', () => traces(goodSpan({ events: [{ time: UINT64_MAX, name: 'late' }] }), goodSpan()), { status: 200, stored: 1, rejected: 1, message: /events\[0\]\.timeUnixNano/ }),
  http('negative and absurd timestamps', 'span from 1970 (1 ns) to April 2262 (2^63-1 ns)', 'traces', () => traces(goodSpan({ start: 1n, end: INT64_MAX })), { status: 200, stored: 1 }),
  http('negative and absurd timestamps', 'span ending before it starts', 'traces', () => traces(goodSpan({ start: NOW, end: NOW - 1n }), goodSpan()), { status: 200, stored: 1, rejected: 1, message: /before startTimeUnixNano/ }),
  http('negative and absurd timestamps', 'gauge point at 2^64-1 ns beside a good one', 'metrics', () => gaugeRequest('corpus', 'corpus.late', [{ time: UINT64_MAX, value: 1 }, { time: NOW, value: 2 }]), { status: 200, stored: 1, rejected: 1 }),
  httpJson('negative and absurd timestamps', 'log at 2^63 ns beside a good one', 'logs', () => jsonLogs([{ timeUnixNano: (INT64_MAX + 1n).toString() }, { body: { stringValue: 'ok' } }]), { status: 200, stored: 1, rejected: 1, message: /after the year 2262/ }),
  grpcCase('negative and absurd timestamps', 'gRPC: 2^64-1 ns beside a good span', 'traces', () => traces(goodSpan({ start: UINT64_MAX, end: UINT64_MAX }), goodSpan()), { status: grpc.status.OK, stored: 1, rejected: 1 }),
  grpcCase('negative and absurd timestamps', 'gRPC: every span in the year 2300', 'traces', () => traces(goodSpan({ start: YEAR_2300, end: YEAR_2300 })), { status: grpc.status.INVALID_ARGUMENT, message: /2262/ }),

  // Ids: a wrong length rejects the item (partial success); every item rejected is a 400.
  httpJson('ids of the wrong length', 'JSON trace ids of 30 and 34 hex characters, span id of 14, non-hex', 'traces', () =>
    jsonTraces({}, { traceId: 'ab'.repeat(15) }, { traceId: 'ab'.repeat(17) }, { spanId: 'ab'.repeat(7) }, { spanId: 'zz'.repeat(8) }, { traceId: 'AB'.repeat(16) }), { status: 200, stored: 2, rejected: 4, message: /traceId/ }),
  httpJson('ids of the wrong length', 'JSON parent span id of 5 bytes', 'traces', () => jsonTraces({ parentSpanId: 'ab'.repeat(5) }, {}), { status: 200, stored: 1, rejected: 1, message: /parentSpanId/ }),
  httpJson('ids of the wrong length', 'JSON all-zero trace id', 'traces', () => jsonTraces({ traceId: '0'.repeat(32) }), { status: 400, message: /all zeros/ }),
  http('ids of the wrong length', 'protobuf trace id of 15 and 17 bytes, span id of 7, 9 and 0 bytes', 'traces', () =>
    traces(goodSpan({ traceId: freshId(15) }), goodSpan({ traceId: freshId(17) }), goodSpan({ spanId: freshId(7) }), goodSpan({ spanId: freshId(9) }), goodSpan({ spanId: new Uint8Array(0) }), goodSpan()), { status: 200, stored: 1, rejected: 5, message: /must be 16 bytes, got 15/ }),
  http('ids of the wrong length', 'protobuf: every span id 4 bytes', 'traces', () => traces(goodSpan({ spanId: freshId(4) }), goodSpan({ spanId: freshId(4) })), { status: 400, message: /spanId must be 8 bytes, got 4/ }),
  httpJson('ids of the wrong length', 'JSON log with a 3-byte trace id beside a good one', 'logs', () => jsonLogs([{ traceId: 'abcdef' }, { traceId: hex(freshId(16)), spanId: hex(freshId(8)) }]), { status: 200, stored: 1, rejected: 1 }),
  grpcCase('ids of the wrong length', 'gRPC: trace id of 1,000 bytes', 'traces', () => traces(goodSpan({ traceId: freshId(1_000) })), { status: grpc.status.INVALID_ARGUMENT, message: /traceId/ }),

  // Compression: bombs stop at the decompressed limit (64 MiB), broken gzip is a 400, unknown encodings 415.
  http('gzip bombs and broken gzip', '200 MiB of zeros in 200 KiB of gzip', 'traces', () => zlib.gzipSync(Buffer.alloc(200 * MiB), { level: 9 }), { status: 413, message: /expands past/ }, { ...PROTOBUF, 'Content-Encoding': 'gzip' }),
  http('gzip bombs and broken gzip', '65 MiB of JSON whitespace (just past the limit)', 'traces', () => zlib.gzipSync(Buffer.alloc(65 * MiB, 0x20), { level: 9 }), { status: 413, message: /expands past/ }, { ...JSON_TYPE, 'Content-Encoding': 'gzip' }),
  http('gzip bombs and broken gzip', 'gzip in gzip (only one layer is undone)', 'traces', () => zlib.gzipSync(zlib.gzipSync(traces(goodSpan()))), { status: 400 }, { ...PROTOBUF, 'Content-Encoding': 'gzip' }),
  http('gzip bombs and broken gzip', 'truncated gzip', 'traces', () => zlib.gzipSync(traces(goodSpan(), goodSpan())).subarray(0, 40), { status: 400, message: /gzip/ }, { ...PROTOBUF, 'Content-Encoding': 'gzip' }),
  http('gzip bombs and broken gzip', 'not gzip at all', 'traces', () => traces(goodSpan()), { status: 400, message: /gzip/ }, { ...PROTOBUF, 'Content-Encoding': 'gzip' }),
  http('gzip bombs and broken gzip', 'gzip with a corrupted checksum', 'logs', () => {
    const gz = zlib.gzipSync(utf8(jsonLogs([{ body: { stringValue: 'x' } }])));
    gz[gz.length - 8] ^= 0xff;
    return gz;
  }, { status: 400, message: /gzip/ }, { ...JSON_TYPE, 'Content-Encoding': 'gzip' }),
  http('gzip bombs and broken gzip', 'Content-Encoding: br', 'traces', () => zlib.brotliCompressSync(traces(goodSpan())), { status: 415, message: /Content-Encoding/ }, { ...PROTOBUF, 'Content-Encoding': 'br' }),
  http('gzip bombs and broken gzip', 'Content-Encoding: deflate', 'traces', () => zlib.deflateSync(traces(goodSpan())), { status: 415, message: /Content-Encoding/ }, { ...PROTOBUF, 'Content-Encoding': 'deflate' }),
  http('gzip bombs and broken gzip', 'a good gzip body (for contrast)', 'traces', () => zlib.gzipSync(traces(goodSpan(), goodSpan())), { status: 200, stored: 2 }, { ...PROTOBUF, 'Content-Encoding': 'gzip' }),

  // Limits on the wire.
  http('bodies over the limit', '21 MiB protobuf body', 'traces', () => new Uint8Array(21 * MiB).fill(1), { status: 413, message: /limit/ }, PROTOBUF),
  http('bodies over the limit', '21 MiB body, chunked (no Content-Length)', 'traces', () => new Uint8Array(21 * MiB).fill(1), { status: 413, message: /limit/ }, { ...PROTOBUF, 'X-Send-Chunked': '1' }),
];

// ---- running it ----------------------------------------------------------------------------------------

interface Tally {
  tried: number;
  held: number;
  slowestGoodMs: number;
}

describe('bad-input corpus over the real receivers', () => {
  let server: TestServer;
  let grpcConn: Client;
  let goodBody: Uint8Array;
  let goodSpans = 0;
  const expected: TelemetryCounts = { spans: 0, metricPoints: 0, logs: 0 };
  const tallies = new Map<Category, Tally>();
  const stored: Record<Signal, keyof TelemetryCounts> = { traces: 'spans', metrics: 'metricPoints', logs: 'logs' };

  async function counts(): Promise<TelemetryCounts> {
    const { status, body } = await server.api<'health'>('/api/health');
    expect(status).toBe(200);
    return body.counts;
  }

  /** The well-behaved client: one valid protobuf request of real SDK spans. */
  async function goodRequest(): Promise<HttpReply> {
    const reply = await postOtlp(`${server.otlpHttp}/v1/traces`, goodBody, PROTOBUF);
    expect(reply.status).toBe(200);
    expected.spans += goodSpans;
    return reply;
  }

  async function send(c: Case, body: Uint8Array | string): Promise<{ status: number; text: string; rejected: number; partialMessage: string }> {
    if (c.transport === 'grpc') {
      const reply = await grpcExport(grpcConn, c.signal, typeof body === 'string' ? utf8(body) : body);
      const partial = readPartialSuccess('protobuf', reply.response);
      return { status: reply.code, text: reply.details, rejected: partial.rejected, partialMessage: partial.errorMessage };
    }
    const headers: Record<string, string> = { ...(c.headers ?? PROTOBUF) };
    const url = `${server.otlpHttp}/v1/${c.signal}`;
    let reply: HttpReply;
    if (headers['X-Send-Chunked'] === '1') {
      delete headers['X-Send-Chunked'];
      const bytes = typeof body === 'string' ? utf8(body) : body;
      // A stream body makes fetch send it chunked, without a Content-Length.
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let at = 0; at < bytes.length; at += MiB) controller.enqueue(bytes.subarray(at, at + MiB));
          controller.close();
        },
      });
      const started = performance.now();
      const response = await fetch(url, { method: 'POST', body: stream, headers, duplex: 'half' });
      reply = { status: response.status, headers: response.headers, body: new Uint8Array(await response.arrayBuffer()), ms: performance.now() - started };
    } else {
      reply = await postOtlp(url, body, headers);
    }
    const encoding = (headers['Content-Type'] ?? '').includes('json') ? 'json' : 'protobuf';
    const partial = reply.status === 200 ? readPartialSuccess(encoding, reply.body) : { rejected: 0, errorMessage: '' };
    return { status: reply.status, text: errorText(reply.body), rejected: partial.rejected, partialMessage: partial.errorMessage };
  }

  beforeAll(async () => {
    server = await startTestServer({ rulesIntervalMs: 500 });
    grpcConn = grpcClient(server.otlpGrpc);
    const spans = makeSyntheticSpans({ traces: 1, serviceName: 'well-behaved' });
    goodBody = ProtobufTraceSerializer.serializeRequest(spans)!;
    goodSpans = spans.length;
    await goodRequest();
    expect(await counts()).toEqual(expected);
  });

  afterAll(async () => {
    grpcConn.close();
    await server.stop();
  });

  it.each(CASES.map((c) => [`${c.transport === 'grpc' ? '' : 'HTTP: '}${c.name}`, c] as const))('%s', async (_name, c) => {
    const body = c.body();
    // The bad request and a well-behaved one at the same time.
    const [bad, good] = await Promise.all([send(c, body), goodRequest()]);
    expect(bad.status, bad.text.slice(0, 300)).toBe(c.expected.status);
    if (c.expected.message !== undefined) {
      const succeeded = c.transport === 'grpc' ? c.expected.status === Number(grpc.status.OK) : c.expected.status === 200;
      const said = succeeded ? bad.partialMessage : bad.text;
      expect(said).toMatch(c.expected.message);
    }
    expect(bad.rejected).toBe(c.expected.rejected ?? 0);
    expect(good.ms).toBeLessThan(PROMPT_MS);
    expected[stored[c.signal]] += c.expected.stored ?? 0;
    expect(await counts()).toEqual(expected);

    const tally = tallies.get(c.category) ?? { tried: 0, held: 0, slowestGoodMs: 0 };
    tally.tried += 1;
    tally.held += 1;
    tally.slowestGoodMs = Math.max(tally.slowestGoodMs, good.ms);
    tallies.set(c.category, tally);
  });

  it('a body declared past the limit is refused before it is sent', async () => {
    const url = new URL(server.otlpHttp);
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(Number(url.port), '127.0.0.1', () => {
        socket.write(`POST /v1/traces HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-protobuf\r\nContent-Length: ${100 * MiB}\r\n\r\n`);
      });
      let text = '';
      socket.on('data', (chunk: Buffer) => {
        text += chunk.toString('latin1');
        if (text.includes('\r\n\r\n')) {
          socket.destroy();
          resolve(text);
        }
      });
      socket.on('error', reject);
      setTimeout(() => {
        socket.destroy();
        resolve(`no answer: ${text}`);
      }, 5_000).unref();
    });
    expect(answer).toMatch(/^HTTP\/1\.1 413/);
    expect(answer).toMatch(/Connection: close/i);
    expect(await counts()).toEqual(expected);
  });

  it('a body cut short (the client goes away mid-body) stores nothing and leaves the server up', async () => {
    const url = new URL(server.otlpHttp);
    const body = traces(goodSpan(), goodSpan());
    await new Promise<void>((resolve, reject) => {
      const socket = net.connect(Number(url.port), '127.0.0.1', () => {
        socket.write(`POST /v1/traces HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-protobuf\r\nContent-Length: ${body.length}\r\n\r\n`);
        socket.write(body.subarray(0, body.length >> 1));
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, 100);
      });
      socket.on('error', reject);
    });
    await goodRequest();
    expect(await counts()).toEqual(expected);
  });

  it('serves what it stored: the odd values read back through the console API', async () => {
    // The protobuf name 6f ff fe 70 reads as "o\ufffd\ufffdp".
    const named = await server.api<'recentSpans'>(`/api/spans/recent?service=corpus&name=${encodeURIComponent('o\ufffd\ufffdp')}`);
    expect(named.status).toBe(200);
    expect(named.body.length, 'the name with invalid UTF-8 is stored with U+FFFD').toBe(1);
    const early = await server.api<'recentSpans'>('/api/spans/recent?service=corpus&until=1000');
    expect(early.status).toBe(200);
    const oldest = early.body.find((s) => s.startTimeUnixNano === '1');
    expect(oldest?.durationNano).toBe((INT64_MAX - 1n).toString());
    const trace = await server.api<'trace'>(`/api/traces/${oldest!.traceId}`);
    expect(trace.status).toBe(200);
    expect(trace.body[0].startTimeUnixNano).toBe('1');
    const series = await server.api<'metricSeries'>('/api/metrics/series?name=corpus.nan&windowSeconds=3600');
    expect(series.status).toBe(200);
    for (const route of ['/api/services', '/api/operations', '/api/service-map', '/api/metrics', '/api/findings', `/api/service-map?until=${INT64_MAX}`]) {
      expect((await server.api(route)).status, route).toBe(200);
    }
  });

  it('duplicate span ids (within a request and across requests) and cyclic parents are stored as sent; the rules still run', async () => {
    const traceId = freshId(16);
    const a = freshId(8);
    const b = freshId(8);
    const self = freshId(8);
    const body = traces(
      span({ traceId, spanId: a, parentSpanId: b, start: NOW, end: NOW + 10n }),
      span({ traceId, spanId: b, parentSpanId: a, start: NOW, end: NOW + 10n }),
      span({ traceId, spanId: self, parentSpanId: self, start: NOW, end: NOW + 10n }),
      span({ traceId, spanId: a, parentSpanId: b, start: NOW, end: NOW + 10n }),
    );
    let slowestGoodMs = 0;
    for (let i = 0; i < 2; i += 1) {
      const [reply, good] = await Promise.all([postOtlp(`${server.otlpHttp}/v1/traces`, body, PROTOBUF), goodRequest()]);
      expect(reply.status).toBe(200);
      expect(good.ms).toBeLessThan(PROMPT_MS);
      slowestGoodMs = Math.max(slowestGoodMs, good.ms);
      expected.spans += 4;
    }
    const grpcReply = await grpcExport(grpcConn, 'traces', body);
    expect(grpcReply.code).toBe(grpc.status.OK);
    expected.spans += 4;
    expect(await counts()).toEqual(expected);
    const trace = await server.api<'trace'>(`/api/traces/${hex(traceId)}`);
    expect(trace.status).toBe(200);
    expect(trace.body.length).toBe(12);
    expect((await server.api<'traceOutline'>(`/api/traces/${hex(traceId)}/outline`)).status).toBe(200);
    // The rules (every 500 ms here) walk parent chains: cycles must not trap them.
    const before = (await server.api<'findings'>('/api/findings')).body.evaluatedAtUnixNano;
    const deadline = Date.now() + 10_000;
    let after = before;
    while (after === before && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      after = (await server.api<'findings'>('/api/findings')).body.evaluatedAtUnixNano;
    }
    expect(after).not.toBe(before);
    const health = await server.api<'health'>('/api/health');
    expect(health.body.status).toBe('ok');
    tallies.set('duplicate and cyclic span ids', { tried: 3, held: 3, slowestGoodMs });
  });

  it('kept everything accepted, and reports each category', async () => {
    expect(await counts()).toEqual(expected);
    for (const category of new Set([...CASES.map((c) => c.category), 'duplicate and cyclic span ids' as const])) {
      const tally = tallies.get(category);
      expect(tally, category).toBeDefined();
      expect(tally!.held).toBe(tally!.tried);
      recordTrial({
        area: 'bad input',
        trial: `receivers (HTTP + gRPC): ${category}`,
        tried: tally!.tried,
        held: tally!.held,
        detail: `right status for each; a concurrent good client served in ≤ ${Math.round(tally!.slowestGoodMs)} ms; stored counts exact after each`,
      });
    }
  });
});
