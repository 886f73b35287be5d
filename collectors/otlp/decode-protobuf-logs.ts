// Protobuf decoder for collector/logs/v1 ExportLogsServiceRequest and logs/v1/logs.proto.

import { decodeAnyValue, decodeResource, decodeScope, readKeyValue } from './decode-protobuf-common.ts';
import type { ProtoReader } from './proto-reader.ts';
import { emptyResource, emptyScope } from './wire-types.ts';
import type { WireLogRecord, WireLogsRequest, WireResourceLogs, WireScopeLogs } from './wire-types.ts';

/** ExportLogsServiceRequest: resource_logs = 1. */
export function decodeLogsRequest(r: ProtoReader, end: number): WireLogsRequest {
  const resourceLogs: WireResourceLogs[] = [];
  while (r.pos < end) {
    const tag = r.tag();
    if (tag >>> 3 === 1) {
      resourceLogs.push(r.message(tag, 'resource_logs', resourceLogs.length, decodeResourceLogs));
    } else {
      r.skip(tag);
    }
  }
  return { signal: 'logs', resourceLogs };
}

/** ResourceLogs: resource = 1, scope_logs = 2, schema_url = 3. */
function decodeResourceLogs(r: ProtoReader, end: number): WireResourceLogs {
  const out: WireResourceLogs = { resource: emptyResource(), scopeLogs: [], schemaUrl: '' };
  while (r.pos < end) {
    const tag = r.tag();
    switch (tag >>> 3) {
      case 1:
        out.resource = r.message(tag, 'resource', -1, decodeResource);
        break;
      case 2:
        out.scopeLogs.push(r.message(tag, 'scope_logs', out.scopeLogs.length, decodeScopeLogs));
        break;
      case 3:
        out.schemaUrl = r.string(tag, 'schema_url');
        break;
      default:
        r.skip(tag);
    }
  }
  return out;
}

/** ScopeLogs: scope = 1, log_records = 2, schema_url = 3. */
function decodeScopeLogs(r: ProtoReader, end: number): WireScopeLogs {
  const out: WireScopeLogs = { scope: emptyScope(), logRecords: [], schemaUrl: '' };
  while (r.pos < end) {
    const tag = r.tag();
    switch (tag >>> 3) {
      case 1:
        out.scope = r.message(tag, 'scope', -1, decodeScope);
        break;
      case 2:
        out.logRecords.push(r.message(tag, 'log_records', out.logRecords.length, decodeLogRecord));
        break;
      case 3:
        out.schemaUrl = r.string(tag, 'schema_url');
        break;
      default:
        r.skip(tag);
    }
  }
  return out;
}

/**
 * LogRecord: time_unix_nano = 1 (fixed64), observed_time_unix_nano = 11 (fixed64),
 * severity_number = 2 (enum), severity_text = 3, body = 5 (AnyValue), attributes = 6,
 * dropped_attributes_count = 7, flags = 8 (fixed32), trace_id = 9, span_id = 10, event_name = 12.
 */
function decodeLogRecord(r: ProtoReader, end: number): WireLogRecord {
  const log: WireLogRecord = {
    timeUnixNano: 0n,
    observedTimeUnixNano: 0n,
    severityNumber: 0,
    severityText: '',
    body: { kind: 'empty' },
    attributes: [],
    droppedAttributesCount: 0,
    flags: 0,
    traceId: '',
    spanId: '',
    eventName: '',
  };
  while (r.pos < end) {
    const tag = r.tag();
    switch (tag >>> 3) {
      case 1:
        log.timeUnixNano = r.fixed64(tag, 'time_unix_nano');
        break;
      case 2:
        log.severityNumber = r.int32(tag, 'severity_number');
        break;
      case 3:
        log.severityText = r.string(tag, 'severity_text');
        break;
      case 5:
        log.body = r.message(tag, 'body', -1, decodeAnyValue);
        break;
      case 6:
        readKeyValue(r, tag, 'attributes', log.attributes);
        break;
      case 7:
        log.droppedAttributesCount = r.uint32(tag, 'dropped_attributes_count');
        break;
      case 8:
        log.flags = r.fixed32(tag, 'flags');
        break;
      case 9:
        log.traceId = r.hexBytes(tag, 'trace_id');
        break;
      case 10:
        log.spanId = r.hexBytes(tag, 'span_id');
        break;
      case 11:
        log.observedTimeUnixNano = r.fixed64(tag, 'observed_time_unix_nano');
        break;
      case 12:
        log.eventName = r.string(tag, 'event_name');
        break;
      default:
        r.skip(tag);
    }
  }
  return log;
}
