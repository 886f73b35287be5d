// Domain spans → an OTLP/JSON ExportTraceServiceRequest.
import type { Span, SpanEvent, SpanKind, SpanLink, SpanStatusCode } from '../../common/telemetry.ts';
import { groupByResourceAndScope, keyValuesJson, nanos, resourceEnvelope, scopeJson, type OtlpJsonObject } from './encode-json-common.ts';

const KIND_NUMBERS: Record<SpanKind, number> = { unspecified: 0, internal: 1, server: 2, client: 3, producer: 4, consumer: 5 };
const STATUS_NUMBERS: Record<SpanStatusCode, number> = { unset: 0, ok: 1, error: 2 };

function eventJson(event: SpanEvent): OtlpJsonObject {
  const out: OtlpJsonObject = { timeUnixNano: nanos(event.timeUnixNano), name: event.name, attributes: keyValuesJson(event.attributes) };
  if (event.droppedAttributesCount > 0) out.droppedAttributesCount = event.droppedAttributesCount;
  return out;
}

function linkJson(link: SpanLink): OtlpJsonObject {
  const out: OtlpJsonObject = { traceId: link.traceId, spanId: link.spanId, attributes: keyValuesJson(link.attributes) };
  if (link.traceState !== '') out.traceState = link.traceState;
  if (link.droppedAttributesCount > 0) out.droppedAttributesCount = link.droppedAttributesCount;
  if (link.flags !== 0) out.flags = link.flags;
  return out;
}

export function spanJson(span: Span): OtlpJsonObject {
  const out: OtlpJsonObject = {
    traceId: span.traceId,
    spanId: span.spanId,
    name: span.name,
    kind: KIND_NUMBERS[span.kind],
    startTimeUnixNano: nanos(span.startTimeUnixNano),
    endTimeUnixNano: nanos(span.endTimeUnixNano),
    attributes: keyValuesJson(span.attributes),
  };
  if (span.parentSpanId !== '') out.parentSpanId = span.parentSpanId;
  if (span.traceState !== '') out.traceState = span.traceState;
  if (span.flags !== 0) out.flags = span.flags;
  if (span.droppedAttributesCount > 0) out.droppedAttributesCount = span.droppedAttributesCount;
  if (span.events.length > 0) out.events = span.events.map(eventJson);
  if (span.droppedEventsCount > 0) out.droppedEventsCount = span.droppedEventsCount;
  if (span.links.length > 0) out.links = span.links.map(linkJson);
  if (span.droppedLinksCount > 0) out.droppedLinksCount = span.droppedLinksCount;
  const status: OtlpJsonObject = { code: STATUS_NUMBERS[span.statusCode] };
  if (span.statusMessage !== '') status.message = span.statusMessage;
  out.status = status;
  return out;
}

export function tracesRequestJson(spans: readonly Span[]): OtlpJsonObject {
  return {
    resourceSpans: groupByResourceAndScope(spans).map((group) => ({
      ...resourceEnvelope(group.resource),
      scopeSpans: group.scopes.map(({ scope, items }) => ({ scope: scopeJson(scope), spans: items.map(spanJson) })),
    })),
  };
}
