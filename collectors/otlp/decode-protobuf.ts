// Entry point of the protobuf decoder: one ExportXServiceRequest body → wire types.
// Any problem with the bytes is a ChokepointError('MALFORMED_BODY') naming what and where.

import type { Signal } from '../../common/telemetry.ts';
import { DecodeFailure, toMalformedBody } from './decode-failure.ts';
import { decodeLogsRequest } from './decode-protobuf-logs.ts';
import { decodeMetricsRequest } from './decode-protobuf-metrics.ts';
import { decodeTracesRequest } from './decode-protobuf-traces.ts';
import { ProtoReader } from './proto-reader.ts';
import type { MessageDecoder } from './proto-reader.ts';
import type { WireExportRequest } from './wire-types.ts';

const REQUEST_DECODERS: Record<Signal, MessageDecoder<WireExportRequest>> = {
  traces: decodeTracesRequest,
  metrics: decodeMetricsRequest,
  logs: decodeLogsRequest,
};

/** Decodes an OTLP protobuf ExportTraceServiceRequest / ExportMetricsServiceRequest / ExportLogsServiceRequest. */
export function decodeProtobufRequest(signal: Signal, body: Uint8Array): WireExportRequest {
  try {
    return ProtoReader.decode(body, REQUEST_DECODERS[signal]);
  } catch (error) {
    if (error instanceof DecodeFailure) throw toMalformedBody('protobuf', error);
    throw error;
  }
}
