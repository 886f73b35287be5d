// HTTP payload sizes on spans, when instrumentation records them (current http instrumentation does not by
// default, so often there are none): large payloads (Sentry's large-HTTP-payload detector) and whether span
// duration grows with payload size — the signature of time spent moving bytes rather than computing.
import type { EvidenceSpan } from './evidence.ts';
import { pearson } from './series-math.ts';
import { durationMs, numberAttribute } from './span-attributes.ts';

// Current names first, then the older http.*_content_length ones (uncompressed preferred: the bytes the app made).
const RESPONSE_SIZE_KEYS = ['http.response.body.size', 'http.response_content_length_uncompressed', 'http.response_content_length'];
const REQUEST_SIZE_KEYS = ['http.request.body.size', 'http.request_content_length_uncompressed', 'http.request_content_length'];
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

export function payloadEvidence(spans: readonly EvidenceSpan[], largeBytes: number, largeMs: number): PayloadEvidence {
  const sized = spans.flatMap((span) => {
    if (span.kind !== 'server' && span.kind !== 'client') return [];
    const bytes = payloadBytes(span);
    return bytes === undefined ? [] : [{ span, bytes }];
  });
  const large = sized.filter((s) => s.bytes >= largeBytes && durationMs(s.span) >= largeMs).sort((a, b) => b.bytes - a.bytes);
  const sizes = sized.map((s) => s.bytes);
  const spread = sizes.length > 0 ? Math.max(...sizes) / Math.max(1, Math.min(...sizes)) : 0;
  const r = sized.length >= MIN_SIZED_SPANS && spread >= MIN_SIZE_SPREAD ? pearson(sized.map((s) => [s.bytes, durationMs(s.span)] as const)) : Number.NaN;
  const correlation = Number.isFinite(r) ? r : null;
  return { sized, large, sizeDurationCorrelation: correlation };
}
