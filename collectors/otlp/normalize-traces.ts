// Wire spans → domain spans. A span that breaks a rule below is rejected (OTLP partial success);
// the rest of the request is kept. Rules:
//   1. trace_id is 16 bytes (32 hex characters) and not all zeros.
//   2. span_id is 8 bytes (16 hex characters) and not all zeros.
//   3. parent_span_id is empty or 8 bytes; an all-zero parent means "no parent" and becomes ''.
//   4. start_time_unix_nano is set (non-zero) and end_time_unix_nano >= start_time_unix_nano; neither, nor
//      any event's time, is after the year 2262 (time-rules.ts).
//   5. kind is a known SpanKind (0..5) and status.code a known StatusCode (0..2).
//   6. every link has a valid trace_id and span_id (rules 1 and 2): a link to nowhere is a broken span.
// An empty name is allowed: the spec calls it equivalent to an unknown span name.

import type { Span, SpanEvent, SpanKind, SpanLink, SpanStatusCode } from '../../common/telemetry.ts';
import { optionalSpanId, spanIdProblem, traceIdProblem } from './id-rules.ts';
import { toAttributes } from './normalize-attributes.ts';
import type { Rejections } from './rejections.ts';
import type { ResourceInterner } from './resource-interner.ts';
import { timeProblem } from './time-rules.ts';
import type { WireResourceSpans, WireSpan, WireSpanLink } from './wire-types.ts';

const SPAN_KINDS: readonly SpanKind[] = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'];
const STATUS_CODES: readonly SpanStatusCode[] = ['unset', 'ok', 'error'];

/** Why the span cannot be stored, or null when it is fine. */
function spanProblem(span: WireSpan): string | null {
  const traceProblem = traceIdProblem(span.traceId);
  if (traceProblem !== null) return `traceId ${traceProblem}`;
  const spanProblemText = spanIdProblem(span.spanId);
  if (spanProblemText !== null) return `spanId ${spanProblemText}`;
  if (optionalSpanId(span.parentSpanId) === null) {
    return `parentSpanId must be empty or 8 bytes, got "${span.parentSpanId.slice(0, 40)}"`;
  }
  if (span.startTimeUnixNano === 0n) return 'startTimeUnixNano is missing';
  if (span.endTimeUnixNano < span.startTimeUnixNano) {
    return `endTimeUnixNano ${span.endTimeUnixNano} is before startTimeUnixNano ${span.startTimeUnixNano}`;
  }
  const late = timeProblem('endTimeUnixNano', span.endTimeUnixNano);
  if (late !== null) return late;
  for (let i = 0; i < span.events.length; i++) {
    const problem = timeProblem(`events[${i}].timeUnixNano`, span.events[i].timeUnixNano);
    if (problem !== null) return problem;
  }
  if (SPAN_KINDS[span.kind] === undefined) return `unknown kind ${span.kind}`;
  if (STATUS_CODES[span.status.code] === undefined) return `unknown status code ${span.status.code}`;
  for (let i = 0; i < span.links.length; i++) {
    const link = span.links[i];
    const problem = traceIdProblem(link.traceId) ?? spanIdProblem(link.spanId);
    if (problem !== null) {
      const which = traceIdProblem(link.traceId) !== null ? 'traceId' : 'spanId';
      return `links[${i}].${which} ${problem}`;
    }
  }
  return null;
}

function toLink(link: WireSpanLink): SpanLink {
  return {
    traceId: link.traceId,
    spanId: link.spanId,
    traceState: link.traceState,
    attributes: toAttributes(link.attributes),
    droppedAttributesCount: link.droppedAttributesCount,
    flags: link.flags,
  };
}

export function normalizeSpans(
  resourceSpans: readonly WireResourceSpans[],
  interner: ResourceInterner,
  rejections: Rejections,
  out: Span[],
): void {
  for (let r = 0; r < resourceSpans.length; r++) {
    const rs = resourceSpans[r];
    const resource = interner.resource(rs.resource, rs.schemaUrl);
    for (let s = 0; s < rs.scopeSpans.length; s++) {
      const ss = rs.scopeSpans[s];
      const scope = interner.scope(ss.scope);
      for (let i = 0; i < ss.spans.length; i++) {
        const span = ss.spans[i];
        const problem = spanProblem(span);
        if (problem !== null) {
          rejections.reject(`resourceSpans[${r}].scopeSpans[${s}].spans[${i}]`, problem);
          continue;
        }
        const events: SpanEvent[] = span.events.map((e) => ({
          timeUnixNano: e.timeUnixNano,
          name: e.name,
          attributes: toAttributes(e.attributes),
          droppedAttributesCount: e.droppedAttributesCount,
        }));
        out.push({
          resource,
          scope,
          traceId: span.traceId,
          spanId: span.spanId,
          parentSpanId: optionalSpanId(span.parentSpanId) ?? '',
          traceState: span.traceState,
          flags: span.flags,
          name: span.name,
          kind: SPAN_KINDS[span.kind],
          startTimeUnixNano: span.startTimeUnixNano,
          endTimeUnixNano: span.endTimeUnixNano,
          attributes: toAttributes(span.attributes),
          droppedAttributesCount: span.droppedAttributesCount,
          events,
          droppedEventsCount: span.droppedEventsCount,
          links: span.links.map(toLink),
          droppedLinksCount: span.droppedLinksCount,
          statusCode: STATUS_CODES[span.status.code],
          statusMessage: span.status.message,
        });
      }
    }
  }
}
