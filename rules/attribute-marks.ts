// Yes/no marks three rules read from span attributes — a resent attempt (retry-storm), a reported body size
// (network-saturation), a stale-read flag (replication-lag) — found in ONE visit of each span's attributes.
// Reading a span's attributes costs a cache miss or two per span whatever is asked of them, so one fact for
// the three costs about a third of three facts over a large window.
import type { Span } from '../common/telemetry.ts';
import { numberAttribute } from './span-attributes.ts';
import { defineFact } from './span-columns.ts';

/** A client span with resend_count > 0. */
export const MARK_RESENT = 1;
/** A server or client span that reports a request or response body size (payloadBytes). */
export const MARK_SIZED = 2;
/** A span whose first stale-read attribute says it read fresh data. */
export const MARK_FRESH_READ = 4;
/** A span whose first stale-read attribute says it read stale data. */
export const MARK_STALE_READ = 8;

const RESEND_KEYS = ['http.request.resend_count', 'http.resend_count'];
// Current names first, then the older http.*_content_length ones (uncompressed preferred: the bytes the app made).
export const RESPONSE_SIZE_KEYS = ['http.response.body.size', 'http.response_content_length_uncompressed', 'http.response_content_length'];
export const REQUEST_SIZE_KEYS = ['http.request.body.size', 'http.request_content_length_uncompressed', 'http.request_content_length'];

export const resendCount = (span: Span): number => numberAttribute(span, RESEND_KEYS) ?? 0;

const STALE_KEY = /(^|[._])(stale|stale[._]read|read[._]stale)$/i;

/** Attribute name → whether it marks a stale read (names repeat endlessly; the regex runs once per name). */
const staleNames = new Map<string, boolean>();
function isStaleKey(key: string): boolean {
  let known = staleNames.get(key);
  if (known === undefined) {
    known = STALE_KEY.test(key);
    if (staleNames.size < 10_000) staleNames.set(key, known);
  }
  return known;
}

/**
 * Whether the key ends in "le" or "ad" (any case), as every stale-read key does ("…stale", "…read"): two
 * character reads rule out almost every key without a map lookup.
 */
export function mayBeStaleKey(key: string): boolean {
  const last = key.charCodeAt(key.length - 1) | 0x20;
  const before = key.charCodeAt(key.length - 2) | 0x20;
  return (last === 0x65 && before === 0x6c) || (last === 0x64 && before === 0x61);
}

function staleMark(span: Span): number {
  for (const key in span.attributes) {
    if (!mayBeStaleKey(key) || !isStaleKey(key)) continue;
    const value = span.attributes[key];
    return value === true || value === 'true' ? MARK_STALE_READ : MARK_FRESH_READ;
  }
  return 0;
}

/** The span's MARK_* bits. */
export const ATTRIBUTE_MARKS = defineFact({
  name: 'attribute-marks',
  compute(span) {
    const client = span.kind === 'client';
    let marks = staleMark(span);
    if (client && resendCount(span) > 0) marks |= MARK_RESENT;
    if ((client || span.kind === 'server') && (numberAttribute(span, RESPONSE_SIZE_KEYS) !== undefined || numberAttribute(span, REQUEST_SIZE_KEYS) !== undefined)) marks |= MARK_SIZED;
    return marks;
  },
});
