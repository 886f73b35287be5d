// Trace and span id checks shared by spans, links, exemplars and logs.
// A valid trace id is 16 bytes (32 hex characters), a valid span id 8 bytes (16 hex characters);
// W3C Trace Context makes the all-zero id invalid.

const TRACE_ID = /^[0-9a-f]{32}$/;
const SPAN_ID = /^[0-9a-f]{16}$/;
const ZERO_TRACE_ID = '0'.repeat(32);
const ZERO_SPAN_ID = '0'.repeat(16);

function describeId(id: string, bytes: number): string {
  if (/^[0-9a-f]*$/.test(id) && id.length % 2 === 0) {
    return `must be ${bytes} bytes, got ${id.length / 2}`;
  }
  return `must be ${bytes * 2} hex characters, got "${id.length > 40 ? `${id.slice(0, 40)}…` : id}"`;
}

/** Why `id` is not a usable trace id, or null when it is. */
export function traceIdProblem(id: string): string | null {
  if (TRACE_ID.test(id)) return id === ZERO_TRACE_ID ? 'is all zeros' : null;
  return describeId(id, 16);
}

/** Why `id` is not a usable span id, or null when it is. */
export function spanIdProblem(id: string): string | null {
  if (SPAN_ID.test(id)) return id === ZERO_SPAN_ID ? 'is all zeros' : null;
  return describeId(id, 8);
}

/**
 * For ids that may be absent (parent span id, log and exemplar ids): '' and the all-zero id both
 * mean "not set" and give ''; a valid id is returned as is; anything else gives null (reject).
 */
export function optionalTraceId(id: string): string | null {
  if (id === '' || id === ZERO_TRACE_ID) return '';
  return TRACE_ID.test(id) ? id : null;
}

export function optionalSpanId(id: string): string | null {
  if (id === '' || id === ZERO_SPAN_ID) return '';
  return SPAN_ID.test(id) ? id : null;
}
