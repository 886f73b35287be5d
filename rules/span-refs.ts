// Spans as a finding cites them: the offending span ids (most telling first) and the traces they belong to.
import type { FindingEvidence } from '../common/findings.ts';
import type { Span } from '../common/telemetry.ts';

const durationNanos = (span: Span): bigint => (span.endTimeUnixNano > span.startTimeUnixNano ? span.endTimeUnixNano - span.startTimeUnixNano : 0n);

/** Up to `max` spans in the order given, in the Finding evidence format. */
export function spanRefs(spans: readonly Span[], max = 20): FindingEvidence['spans'] {
  return spans.slice(0, max).map((s) => ({ traceId: s.traceId, spanId: s.spanId, name: s.name, durationNano: durationNanos(s).toString() }));
}

/** The distinct trace ids of the spans, in order, up to `max`. */
export function traceIdsOf(spans: readonly Span[], max = 10): string[] {
  return [...new Set(spans.map((s) => s.traceId))].slice(0, max);
}

/** A copy of the spans, slowest first. */
export function slowestFirst<T extends Span>(spans: readonly T[]): T[] {
  return [...spans].sort((a, b) => {
    const da = durationNanos(a);
    const db = durationNanos(b);
    return da > db ? -1 : da < db ? 1 : 0;
  });
}
