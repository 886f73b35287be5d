// Protobuf decoder for collector/logs/v1 ExportLogsServiceRequest and logs/v1/logs.proto.

import { decodeAnyValue, decodeRepeatedField, readKeyValue } from './decode-protobuf-common.ts';
import { decodeResourceGroup, decodeScopeGroup } from './decode-protobuf-groups.ts';
import type { ProtoReader } from './proto-reader.ts';
import { emptyLogRecord } from './wire-types.ts';
import type { WireLogRecord, WireLogsRequest, WireResourceLogs, WireScopeLogs } from './wire-types.ts';

/** ExportLogsServiceRequest: resource_logs = 1. */
export function decodeLogsRequest(r: ProtoReader, end: number): WireLogsRequest {
  return { signal: 'logs', resourceLogs: decodeRepeatedField(r, end, 'resource_logs', decodeResourceLogs) };
}

/** ResourceLogs: resource = 1, scope_logs = 2, schema_url = 3. */
function decodeResourceLogs(r: ProtoReader, end: number): WireResourceLogs {
  const g = decodeResourceGroup(r, end, 'scope_logs', decodeScopeLogs);
  return { resource: g.head, scopeLogs: g.items, schemaUrl: g.schemaUrl };
}

/** ScopeLogs: scope = 1, log_records = 2, schema_url = 3. */
function decodeScopeLogs(r: ProtoReader, end: number): WireScopeLogs {
  const g = decodeScopeGroup(r, end, 'log_records', decodeLogRecord);
  return { scope: g.head, logRecords: g.items, schemaUrl: g.schemaUrl };
}

/**
 * LogRecord: time_unix_nano = 1 (fixed64), observed_time_unix_nano = 11 (fixed64),
 * severity_number = 2 (enum), severity_text = 3, body = 5 (AnyValue), attributes = 6,
 * dropped_attributes_count = 7, flags = 8 (fixed32), trace_id = 9, span_id = 10, event_name = 12.
 */
function decodeLogRecord(r: ProtoReader, end: number): WireLogRecord {
  const log = emptyLogRecord();
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
