// OTLP/JSON decoder for ExportTraceServiceRequest (collector/trace/v1, trace/v1).

import { decodeKeyValues, decodeResource, decodeScope } from './decode-json-common.ts';
import {
  readArray,
  readEnum,
  readHexId,
  readObject,
  readString,
  readUint32,
  readUint64,
} from './json-values.ts';
import type { JsonObject } from './json-values.ts';
import { SPAN_KIND_NUMBERS, STATUS_CODE_NUMBERS } from './otlp-enums.ts';
import { emptySpan } from './wire-types.ts';
import type {
  WireResourceSpans,
  WireScopeSpans,
  WireSpan,
  WireSpanEvent,
  WireSpanLink,
  WireStatus,
  WireTracesRequest,
} from './wire-types.ts';

export function decodeTracesJson(obj: JsonObject): WireTracesRequest {
  const value = obj.resourceSpans ?? obj.resource_spans;
  return { signal: 'traces', resourceSpans: readArray(value, 'resourceSpans', decodeResourceSpans) };
}

function decodeResourceSpans(obj: JsonObject): WireResourceSpans {
  return {
    resource: decodeResource(obj.resource),
    scopeSpans: readArray(obj.scopeSpans ?? obj.scope_spans, 'scopeSpans', decodeScopeSpans),
    schemaUrl: readString(obj.schemaUrl ?? obj.schema_url ?? null, 'schemaUrl'),
  };
}

function decodeScopeSpans(obj: JsonObject): WireScopeSpans {
  return {
    scope: decodeScope(obj.scope),
    spans: readArray(obj.spans, 'spans', decodeSpan),
    schemaUrl: readString(obj.schemaUrl ?? obj.schema_url ?? null, 'schemaUrl'),
  };
}

function decodeSpan(obj: JsonObject): WireSpan {
  const span = emptySpan();
  for (const key in obj) {
    const v = obj[key];
    switch (key) {
      case 'traceId':
      case 'trace_id':
        span.traceId = readHexId(v, 'traceId');
        break;
      case 'spanId':
      case 'span_id':
        span.spanId = readHexId(v, 'spanId');
        break;
      case 'traceState':
      case 'trace_state':
        span.traceState = readString(v, 'traceState');
        break;
      case 'parentSpanId':
      case 'parent_span_id':
        span.parentSpanId = readHexId(v, 'parentSpanId');
        break;
      case 'flags':
        span.flags = readUint32(v, 'flags');
        break;
      case 'name':
        span.name = readString(v, 'name');
        break;
      case 'kind':
        span.kind = readEnum(v, 'kind', SPAN_KIND_NUMBERS);
        break;
      case 'startTimeUnixNano':
      case 'start_time_unix_nano':
        span.startTimeUnixNano = readUint64(v, 'startTimeUnixNano');
        break;
      case 'endTimeUnixNano':
      case 'end_time_unix_nano':
        span.endTimeUnixNano = readUint64(v, 'endTimeUnixNano');
        break;
      case 'attributes':
        span.attributes = decodeKeyValues(v, 'attributes');
        break;
      case 'droppedAttributesCount':
      case 'dropped_attributes_count':
        span.droppedAttributesCount = readUint32(v, 'droppedAttributesCount');
        break;
      case 'events':
        span.events = readArray(v, 'events', decodeEvent);
        break;
      case 'droppedEventsCount':
      case 'dropped_events_count':
        span.droppedEventsCount = readUint32(v, 'droppedEventsCount');
        break;
      case 'links':
        span.links = readArray(v, 'links', decodeLink);
        break;
      case 'droppedLinksCount':
      case 'dropped_links_count':
        span.droppedLinksCount = readUint32(v, 'droppedLinksCount');
        break;
      case 'status':
        if (v !== null) span.status = readObject(v, 'status', decodeStatus);
        break;
    }
  }
  return span;
}

function decodeEvent(obj: JsonObject): WireSpanEvent {
  return {
    timeUnixNano: readUint64(obj.timeUnixNano ?? obj.time_unix_nano ?? null, 'timeUnixNano'),
    name: readString(obj.name ?? null, 'name'),
    attributes: decodeKeyValues(obj.attributes, 'attributes'),
    droppedAttributesCount: readUint32(
      obj.droppedAttributesCount ?? obj.dropped_attributes_count ?? null,
      'droppedAttributesCount',
    ),
  };
}

function decodeLink(obj: JsonObject): WireSpanLink {
  return {
    traceId: readHexId(obj.traceId ?? obj.trace_id ?? null, 'traceId'),
    spanId: readHexId(obj.spanId ?? obj.span_id ?? null, 'spanId'),
    traceState: readString(obj.traceState ?? obj.trace_state ?? null, 'traceState'),
    attributes: decodeKeyValues(obj.attributes, 'attributes'),
    droppedAttributesCount: readUint32(
      obj.droppedAttributesCount ?? obj.dropped_attributes_count ?? null,
      'droppedAttributesCount',
    ),
    flags: readUint32(obj.flags ?? null, 'flags'),
  };
}

function decodeStatus(obj: JsonObject): WireStatus {
  return {
    code: readEnum(obj.code ?? null, 'code', STATUS_CODE_NUMBERS),
    message: readString(obj.message ?? null, 'message'),
  };
}
