// A decode error that learns where it happened on its way up.
// The decoders throw a DecodeFailure with the reason; every enclosing message/array level catches it,
// prepends its own path segment and rethrows. That keeps the happy path free of path bookkeeping
// while the final message still says exactly where the body went wrong.

import { ChokepointError } from '../../common/error-codes.ts';

export class DecodeFailure extends Error {
  readonly reason: string;
  /** Path segments, outermost first, e.g. ['resource_spans[0]', 'scope_spans[1]', 'spans[3]']. */
  readonly segments: string[];
  constructor(reason: string, segments: string[] = []) {
    super(reason);
    this.name = 'DecodeFailure';
    this.reason = reason;
    this.segments = segments;
  }
}

/** The path segment for a field: `name` for a singular field, `name[index]` for an element. */
export function segmentName(name: string, index: number): string {
  return index < 0 ? name : `${name}[${index}]`;
}

/**
 * Turns whatever a nested decode threw into a DecodeFailure one level further out.
 * `translate` maps foreign errors (protobufjs reader errors, for instance) to a reason;
 * returning null means "not a decode problem" and the error is rethrown untouched (a bug stays a bug).
 */
export function withSegment(
  error: unknown,
  segment: string,
  translate: (error: unknown) => string | null,
): Error {
  if (error instanceof DecodeFailure) {
    error.segments.unshift(segment);
    return error;
  }
  const reason = translate(error);
  if (reason === null) return error instanceof Error ? error : new Error(String(error));
  return new DecodeFailure(reason, [segment]);
}

const MAX_PATH_SEGMENTS = 16;

/** Segments joined with '.', eliding the middle of very deep paths (deeply nested AnyValues). */
function formatPath(segments: readonly string[]): string {
  if (segments.length <= MAX_PATH_SEGMENTS) return segments.join('.');
  const head = segments.slice(0, MAX_PATH_SEGMENTS - 4);
  const tail = segments.slice(-3);
  return [...head, `…(${segments.length - head.length - tail.length} more)…`, ...tail].join('.');
}

/**
 * The final MALFORMED_BODY error. Protobuf paths read best after the reason
 * ("protobuf: truncated message in resource_spans[0].scope_spans[1]"), JSON paths before it
 * ("json: resourceSpans[0].scopeSpans[0].spans[2].startTimeUnixNano: expected ...").
 */
export function toMalformedBody(
  prefix: 'protobuf' | 'json',
  failure: DecodeFailure,
): ChokepointError {
  const path = formatPath(failure.segments);
  const message =
    prefix === 'protobuf'
      ? `protobuf: ${failure.reason}${path === '' ? ' at top level' : ` in ${path}`}`
      : `json: ${path === '' ? '' : `${path}: `}${failure.reason}`;
  return new ChokepointError('MALFORMED_BODY', message);
}
