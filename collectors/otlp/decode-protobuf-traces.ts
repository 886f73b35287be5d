// Protobuf decoder for collector/trace/v1 ExportTraceServiceRequest and trace/v1/trace.proto.

import { decodeRepeatedField, readKeyValue } from './decode-protobuf-common.ts';
import { decodeResourceGroup, decodeScopeGroup } from './decode-protobuf-groups.ts';
import type { ProtoReader } from './proto-reader.ts';
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

/** ExportTraceServiceRequest: resource_spans = 1. */
export function decodeTracesRequest(r: ProtoReader, end: number): WireTracesRequest {
  return { signal: 'traces', resourceSpans: decodeRepeatedField(r, end, 'resource_spans', decodeResourceSpans) };
}

/** ResourceSpans: resource = 1, scope_spans = 2, schema_url = 3. */
function decodeResourceSpans(r: ProtoReader, end: number): WireResourceSpans {
  const g = decodeResourceGroup(r, end, 'scope_spans', decodeScopeSpans);
  return { resource: g.head, scopeSpans: g.items, schemaUrl: g.schemaUrl };
}

/** ScopeSpans: scope = 1, spans = 2, schema_url = 3. */
function decodeScopeSpans(r: ProtoReader, end: number): WireScopeSpans {
  const g = decodeScopeGroup(r, end, 'spans', decodeSpan);
  return { scope: g.head, spans: g.items, schemaUrl: g.schemaUrl };
}

/**
 * Span: trace_id = 1, span_id = 2, trace_state = 3, parent_span_id = 4, name = 5, kind = 6 (enum),
 * start_time_unix_nano = 7 (fixed64), end_time_unix_nano = 8 (fixed64), attributes = 9,
 * dropped_attributes_count = 10, events = 11, dropped_events_count = 12, links = 13,
 * dropped_links_count = 14, status = 15, flags = 16 (fixed32).
 */
function decodeSpan(r: ProtoReader, end: number): WireSpan {
  const span = emptySpan();
  while (r.pos < end) {
    const tag = r.tag();
    switch (tag >>> 3) {
      case 1:
        span.traceId = r.hexBytes(tag, 'trace_id');
        break;
      case 2:
        span.spanId = r.hexBytes(tag, 'span_id');
        break;
      case 3:
        span.traceState = r.string(tag, 'trace_state');
        break;
      case 4:
        span.parentSpanId = r.hexBytes(tag, 'parent_span_id');
        break;
      case 5:
        span.name = r.string(tag, 'name');
        break;
      case 6:
        span.kind = r.int32(tag, 'kind');
        break;
      case 7:
        span.startTimeUnixNano = r.fixed64(tag, 'start_time_unix_nano');
        break;
      case 8:
        span.endTimeUnixNano = r.fixed64(tag, 'end_time_unix_nano');
        break;
      case 9:
        readKeyValue(r, tag, 'attributes', span.attributes);
        break;
      case 10:
        span.droppedAttributesCount = r.uint32(tag, 'dropped_attributes_count');
        break;
      case 11:
        span.events.push(r.message(tag, 'events', span.events.length, decodeEvent));
        break;
      case 12:
        span.droppedEventsCount = r.uint32(tag, 'dropped_events_count');
        break;
      case 13:
        span.links.push(r.message(tag, 'links', span.links.length, decodeLink));
        break;
      case 14:
        span.droppedLinksCount = r.uint32(tag, 'dropped_links_count');
        break;
      case 15:
        span.status = r.message(tag, 'status', -1, decodeStatus);
        break;
      case 16:
        span.flags = r.fixed32(tag, 'flags');
        break;
      default:
        r.skip(tag);
    }
  }
  return span;
}

/** Span.Event: time_unix_nano = 1 (fixed64), name = 2, attributes = 3, dropped_attributes_count = 4. */
function decodeEvent(r: ProtoReader, end: number): WireSpanEvent {
  const event: WireSpanEvent = { timeUnixNano: 0n, name: '', attributes: [], droppedAttributesCount: 0 };
  while (r.pos < end) {
    const tag = r.tag();
    switch (tag >>> 3) {
      case 1:
        event.timeUnixNano = r.fixed64(tag, 'time_unix_nano');
        break;
      case 2:
        event.name = r.string(tag, 'name');
        break;
      case 3:
        readKeyValue(r, tag, 'attributes', event.attributes);
        break;
      case 4:
        event.droppedAttributesCount = r.uint32(tag, 'dropped_attributes_count');
        break;
      default:
        r.skip(tag);
    }
  }
  return event;
}

/**
 * Span.Link: trace_id = 1, span_id = 2, trace_state = 3, attributes = 4,
 * dropped_attributes_count = 5, flags = 6 (fixed32).
 */
function decodeLink(r: ProtoReader, end: number): WireSpanLink {
  const link: WireSpanLink = {
    traceId: '',
    spanId: '',
    traceState: '',
    attributes: [],
    droppedAttributesCount: 0,
    flags: 0,
  };
  while (r.pos < end) {
    const tag = r.tag();
    switch (tag >>> 3) {
      case 1:
        link.traceId = r.hexBytes(tag, 'trace_id');
        break;
      case 2:
        link.spanId = r.hexBytes(tag, 'span_id');
        break;
      case 3:
        link.traceState = r.string(tag, 'trace_state');
        break;
      case 4:
        readKeyValue(r, tag, 'attributes', link.attributes);
        break;
      case 5:
        link.droppedAttributesCount = r.uint32(tag, 'dropped_attributes_count');
        break;
      case 6:
        link.flags = r.fixed32(tag, 'flags');
        break;
      default:
        r.skip(tag);
    }
  }
  return link;
}

/** Status: message = 2, code = 3 (enum). Field 1 is the retired deprecated_code and is skipped. */
function decodeStatus(r: ProtoReader, end: number): WireStatus {
  const status: WireStatus = { code: 0, message: '' };
  while (r.pos < end) {
    const tag = r.tag();
    switch (tag >>> 3) {
      case 2:
        status.message = r.string(tag, 'message');
        break;
      case 3:
        status.code = r.int32(tag, 'code');
        break;
      default:
        r.skip(tag);
    }
  }
  return status;
}
