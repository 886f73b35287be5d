// OTLP/JSON decoder for ExportLogsServiceRequest (collector/logs/v1, logs/v1).

import { decodeAnyValueField, decodeKeyValues, decodeResource, decodeScope } from './decode-json-common.ts';
import { readArray, readEnum, readHexId, readString, readUint32, readUint64 } from './json-values.ts';
import type { JsonObject } from './json-values.ts';
import { SEVERITY_NUMBER_NUMBERS } from './otlp-enums.ts';
import { emptyLogRecord } from './wire-types.ts';
import type { WireLogRecord, WireLogsRequest, WireResourceLogs, WireScopeLogs } from './wire-types.ts';

export function decodeLogsJson(obj: JsonObject): WireLogsRequest {
  const value = obj.resourceLogs ?? obj.resource_logs;
  return { signal: 'logs', resourceLogs: readArray(value, 'resourceLogs', decodeResourceLogs) };
}

function decodeResourceLogs(obj: JsonObject): WireResourceLogs {
  return {
    resource: decodeResource(obj.resource),
    scopeLogs: readArray(obj.scopeLogs ?? obj.scope_logs, 'scopeLogs', decodeScopeLogs),
    schemaUrl: readString(obj.schemaUrl ?? obj.schema_url ?? null, 'schemaUrl'),
  };
}

function decodeScopeLogs(obj: JsonObject): WireScopeLogs {
  return {
    scope: decodeScope(obj.scope),
    logRecords: readArray(obj.logRecords ?? obj.log_records, 'logRecords', decodeLogRecord),
    schemaUrl: readString(obj.schemaUrl ?? obj.schema_url ?? null, 'schemaUrl'),
  };
}

function decodeLogRecord(obj: JsonObject): WireLogRecord {
  const log = emptyLogRecord();
  for (const key in obj) {
    const v = obj[key];
    switch (key) {
      case 'timeUnixNano':
      case 'time_unix_nano':
        log.timeUnixNano = readUint64(v, 'timeUnixNano');
        break;
      case 'observedTimeUnixNano':
      case 'observed_time_unix_nano':
        log.observedTimeUnixNano = readUint64(v, 'observedTimeUnixNano');
        break;
      case 'severityNumber':
      case 'severity_number':
        log.severityNumber = readEnum(v, 'severityNumber', SEVERITY_NUMBER_NUMBERS);
        break;
      case 'severityText':
      case 'severity_text':
        log.severityText = readString(v, 'severityText');
        break;
      case 'body':
        log.body = decodeAnyValueField(v, 'body');
        break;
      case 'attributes':
        log.attributes = decodeKeyValues(v, 'attributes');
        break;
      case 'droppedAttributesCount':
      case 'dropped_attributes_count':
        log.droppedAttributesCount = readUint32(v, 'droppedAttributesCount');
        break;
      case 'flags':
        log.flags = readUint32(v, 'flags');
        break;
      case 'traceId':
      case 'trace_id':
        log.traceId = readHexId(v, 'traceId');
        break;
      case 'spanId':
      case 'span_id':
        log.spanId = readHexId(v, 'spanId');
        break;
      case 'eventName':
      case 'event_name':
        log.eventName = readString(v, 'eventName');
        break;
    }
  }
  return log;
}
