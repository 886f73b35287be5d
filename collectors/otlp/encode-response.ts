// ExportTraceServiceResponse / ExportMetricsServiceResponse / ExportLogsServiceResponse.
//   message ExportXServiceResponse { ExportXPartialSuccess partial_success = 1; }
//   message ExportXPartialSuccess  { int64 rejected_<items> = 1; string error_message = 2; }
// partial_success is sent only when something was rejected or there is a message; a full success is
// the empty message: zero bytes in protobuf, `{}` in JSON.

import protobuf from 'protobufjs/minimal.js';
import type { Signal } from '../../common/telemetry.ts';
import type { OtlpEncoding } from './otlp-sink.ts';

const JSON_REJECTED_FIELD: Record<Signal, string> = {
  traces: 'rejectedSpans',
  metrics: 'rejectedDataPoints',
  logs: 'rejectedLogRecords',
};

export function encodeExportResponse(
  signal: Signal,
  encoding: OtlpEncoding,
  rejected: number,
  errorMessage: string,
): Uint8Array {
  if (!Number.isSafeInteger(rejected) || rejected < 0) {
    throw new RangeError(`rejected must be a non-negative integer, got ${rejected}`);
  }
  const partial = rejected > 0 || errorMessage !== '';
  if (encoding === 'json') {
    if (!partial) return new TextEncoder().encode('{}');
    // proto3 JSON: int64 as a decimal string; zero/empty fields are omitted.
    const partialSuccess: Record<string, string> = {};
    if (rejected > 0) partialSuccess[JSON_REJECTED_FIELD[signal]] = String(rejected);
    if (errorMessage !== '') partialSuccess.errorMessage = errorMessage;
    return new TextEncoder().encode(JSON.stringify({ partialSuccess }));
  }
  if (!partial) return new Uint8Array(0);
  const writer = protobuf.Writer.create();
  writer.uint32((1 << 3) | 2).fork(); // partial_success = 1, length-delimited
  if (rejected > 0) writer.uint32((1 << 3) | 0).int64(rejected); // rejected_* = 1, varint
  if (errorMessage !== '') writer.uint32((2 << 3) | 2).string(errorMessage); // error_message = 2
  writer.ldelim();
  return writer.finish();
}
