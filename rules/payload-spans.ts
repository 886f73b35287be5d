// HTTP payload sizes on spans, when instrumentation records them (current http instrumentation does not by
// default, so often there are none): large payloads (Sentry's large-HTTP-payload detector) and whether span
// duration grows with payload size — the signature of time spent moving bytes rather than computing.
import { ATTRIBUTE_MARKS, MARK_SIZED, REQUEST_SIZE_KEYS, RESPONSE_SIZE_KEYS } from './attribute-marks.ts';
import type { EvidenceSpan } from './evidence.ts';
import { pearson } from './series-math.ts';
import { durationMs, numberAttribute } from './span-attributes.ts';
import type { SpanColumns } from './span-columns.ts';

/** Fewest sized spans for a correlation, and the spread of sizes it needs to mean anything. */
const MIN_SIZED_SPANS = 10;
const MIN_SIZE_SPREAD = 2;

export interface PayloadEvidence {
  /** HTTP spans carrying a body size. */
  sized: { span: EvidenceSpan; bytes: number }[];
  /** Sized spans at or over the size and duration lines, largest first. */
  large: { span: EvidenceSpan; bytes: number }[];
  /** Pearson correlation of duration with size over the sized spans; null when too few or too uniform. */
  sizeDurationCorrelation: number | null;
}

/** Request plus response body bytes the span reports, or undefined when it reports neither. */
export function payloadBytes(span: EvidenceSpan): number | undefined {
  const response = numberAttribute(span, RESPONSE_SIZE_KEYS);
  const request = numberAttribute(span, REQUEST_SIZE_KEYS);
  return response === undefined && request === undefined ? undefined : (response ?? 0) + (request ?? 0);
}

/**
 * Payload evidence of the window's spans that started at or after `fromUnixNano` (all of them without it). Only
 * the spans that report a size are read as objects.
 */
export function payloadEvidence(columns: SpanColumns, largeBytes: number, largeMs: number, fromUnixNano?: bigint): PayloadEvidence {
  const marks = columns.fact(ATTRIBUTE_MARKS);
  const from = fromUnixNano === undefined ? Number.NEGATIVE_INFINITY : columns.toNs(fromUnixNano);
  const { startNs, spans } = columns;
  const sized: PayloadEvidence['sized'] = [];
  for (let row = 0; row < columns.length; row += 1) {
    if ((marks[row] & MARK_SIZED) === 0 || startNs[row] < from) continue;
    const span = spans[row];
    sized.push({ span, bytes: payloadBytes(span) ?? 0 });
  }
  const large = sized.filter((s) => s.bytes >= largeBytes && durationMs(s.span) >= largeMs).sort((a, b) => b.bytes - a.bytes);
  const sizes = sized.map((s) => s.bytes);
  // A loop rather than Math.max(...sizes): spreading hundreds of thousands of arguments overflows the stack.
  let max = Number.NEGATIVE_INFINITY;
  let min = Number.POSITIVE_INFINITY;
  for (const size of sizes) {
    if (size > max) max = size;
    if (size < min) min = size;
  }
  const spread = sizes.length > 0 ? max / Math.max(1, min) : 0;
  const r = sized.length >= MIN_SIZED_SPANS && spread >= MIN_SIZE_SPREAD ? pearson(sized.map((s) => [s.bytes, durationMs(s.span)] as const)) : Number.NaN;
  const correlation = Number.isFinite(r) ? r : null;
  return { sized, large, sizeDurationCorrelation: correlation };
}
