// Wire log records → domain log records. Logs need no trace context, so the rules are:
//   1. trace_id is empty or 16 bytes and span_id is empty or 8 bytes (all-zero ids count as empty);
//   2. neither time_unix_nano nor observed_time_unix_nano is after the year 2262 (time-rules.ts);
//   anything else rejects the record (OTLP partial success).
// Times are kept as sent, 0 included (time_unix_nano is optional; observed time is set by collectors).

import type { LogRecord } from '../../common/telemetry.ts';
import { optionalSpanId, optionalTraceId } from './id-rules.ts';
import { toAttributes, toAttributeValue } from './normalize-attributes.ts';
import type { Rejections } from './rejections.ts';
import type { ResourceInterner } from './resource-interner.ts';
import { timeProblem } from './time-rules.ts';
import type { WireResourceLogs } from './wire-types.ts';

export function normalizeLogs(
  resourceLogs: readonly WireResourceLogs[],
  interner: ResourceInterner,
  rejections: Rejections,
  out: LogRecord[],
): void {
  for (let r = 0; r < resourceLogs.length; r++) {
    const rl = resourceLogs[r];
    const resource = interner.resource(rl.resource, rl.schemaUrl);
    for (let s = 0; s < rl.scopeLogs.length; s++) {
      const sl = rl.scopeLogs[s];
      const scope = interner.scope(sl.scope);
      for (let i = 0; i < sl.logRecords.length; i++) {
        const log = sl.logRecords[i];
        const traceId = optionalTraceId(log.traceId);
        const spanId = optionalSpanId(log.spanId);
        if (traceId === null || spanId === null) {
          const which = traceId === null ? `traceId "${log.traceId.slice(0, 40)}"` : `spanId "${log.spanId.slice(0, 40)}"`;
          rejections.reject(
            `resourceLogs[${r}].scopeLogs[${s}].logRecords[${i}]`,
            `${which} must be empty or ${traceId === null ? 16 : 8} bytes of hex`,
          );
          continue;
        }
        const late = timeProblem('timeUnixNano', log.timeUnixNano) ?? timeProblem('observedTimeUnixNano', log.observedTimeUnixNano);
        if (late !== null) {
          rejections.reject(`resourceLogs[${r}].scopeLogs[${s}].logRecords[${i}]`, late);
          continue;
        }
        out.push({
          resource,
          scope,
          timeUnixNano: log.timeUnixNano,
          observedTimeUnixNano: log.observedTimeUnixNano,
          severityNumber: log.severityNumber,
          severityText: log.severityText,
          body: toAttributeValue(log.body),
          attributes: toAttributes(log.attributes),
          droppedAttributesCount: log.droppedAttributesCount,
          flags: log.flags,
          traceId,
          spanId,
          eventName: log.eventName,
        });
      }
    }
  }
}
