// Entry point of the OTLP/JSON decoder: one ExportXServiceRequest JSON body → wire types.
// Invalid JSON, invalid UTF-8 and values of the wrong type are ChokepointError('MALFORMED_BODY'),
// with the JSON path of the offending field.

import { ChokepointError } from '../../common/error-codes.ts';
import type { Signal } from '../../common/telemetry.ts';
import { decodeLogsJson } from './decode-json-logs.ts';
import { decodeMetricsJson } from './decode-json-metrics.ts';
import { decodeTracesJson } from './decode-json-traces.ts';
import { DecodeFailure, toMalformedBody } from './decode-failure.ts';
import { describeJson, isJsonObject } from './json-values.ts';
import type { JsonObject } from './json-values.ts';
import type { WireExportRequest } from './wire-types.ts';

const REQUEST_DECODERS: Record<Signal, (obj: JsonObject) => WireExportRequest> = {
  traces: decodeTracesJson,
  metrics: decodeMetricsJson,
  logs: decodeLogsJson,
};

const utf8 = new TextDecoder('utf-8', { fatal: true });

function parse(body: Uint8Array | string): unknown {
  let text: string;
  if (typeof body === 'string') {
    text = body;
  } else {
    try {
      text = utf8.decode(body);
    } catch {
      throw new ChokepointError('MALFORMED_BODY', 'json: body is not valid UTF-8');
    }
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ChokepointError('MALFORMED_BODY', `json: invalid JSON: ${reason}`);
  }
}

/** Decodes an OTLP/JSON ExportTraceServiceRequest / ExportMetricsServiceRequest / ExportLogsServiceRequest. */
export function decodeJsonRequest(signal: Signal, body: Uint8Array | string): WireExportRequest {
  return decodeJsonObject(signal, parse(body));
}

/** The same for a body already parsed (files are parsed once to see which signal a line holds). */
export function decodeJsonObject(signal: Signal, parsed: unknown): WireExportRequest {
  if (!isJsonObject(parsed)) {
    throw new ChokepointError('MALFORMED_BODY', `json: expected an object at top level, got ${describeJson(parsed)}`);
  }
  try {
    return REQUEST_DECODERS[signal](parsed);
  } catch (error) {
    if (error instanceof DecodeFailure) throw toMalformedBody('json', error);
    throw error;
  }
}
