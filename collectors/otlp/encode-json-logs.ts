// Domain log records → an OTLP/JSON ExportLogsServiceRequest.
import type { LogRecord } from '../../common/telemetry.ts';
import { anyValueJson, groupByResourceAndScope, keyValuesJson, nanos, resourceEnvelope, scopeJson, type OtlpJsonObject } from './encode-json-common.ts';

export function logJson(log: LogRecord): OtlpJsonObject {
  const out: OtlpJsonObject = {
    timeUnixNano: nanos(log.timeUnixNano),
    observedTimeUnixNano: nanos(log.observedTimeUnixNano),
    severityNumber: log.severityNumber,
    body: anyValueJson(log.body),
    attributes: keyValuesJson(log.attributes),
  };
  if (log.severityText !== '') out.severityText = log.severityText;
  if (log.droppedAttributesCount > 0) out.droppedAttributesCount = log.droppedAttributesCount;
  if (log.flags !== 0) out.flags = log.flags;
  if (log.traceId !== '') out.traceId = log.traceId;
  if (log.spanId !== '') out.spanId = log.spanId;
  if (log.eventName !== '') out.eventName = log.eventName;
  return out;
}

export function logsRequestJson(logs: readonly LogRecord[]): OtlpJsonObject {
  return {
    resourceLogs: groupByResourceAndScope(logs).map((group) => ({
      ...resourceEnvelope(group.resource),
      scopeLogs: group.scopes.map(({ scope, items }) => ({ scope: scopeJson(scope), logRecords: items.map(logJson) })),
    })),
  };
}
