// Whether a span failed, and whether it failed by timing out, from the signals real instrumentation leaves:
// status code, error.type, HTTP status, exception events and status messages (ETIMEDOUT, "timeout exceeded").
import type { Span } from '../common/telemetry.ts';
import { numberAttribute, stringAttribute } from './span-attributes.ts';

const TIMEOUT_TEXT = /time[d\s_-]?out|etimedout|deadline[\s_-]?exceeded|esockettimedout|timeout exceeded/i;

/**
 * True when the span failed. A client span failed on 5xx (and 429: the callee refused it); a server span
 * only on 5xx, because a 4xx there is the caller's mistake, not this service failing.
 */
export function isFailed(span: Span): boolean {
  if (span.statusCode === 'error') return true;
  if (stringAttribute(span, ['error.type']) !== undefined) return true;
  const status = numberAttribute(span, ['http.response.status_code', 'http.status_code']);
  if (status === undefined) return false;
  return status >= 500 || (span.kind === 'client' && status === 429);
}

/** True when the span failed by running out of time (a timeout or deadline, in any of the places it is written). */
export function isTimeout(span: Span): boolean {
  const texts = [stringAttribute(span, ['error.type']), span.statusMessage];
  for (const event of span.events) {
    for (const key of ['exception.type', 'exception.message']) {
      const value = event.attributes[key];
      if (typeof value === 'string') texts.push(value);
    }
  }
  if (texts.some((t) => t !== undefined && TIMEOUT_TEXT.test(t))) return true;
  const status = numberAttribute(span, ['http.response.status_code', 'http.status_code']);
  return status === 504 || status === 408;
}
