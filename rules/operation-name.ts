// How a span reads as an operation in a finding's title: the HTTP method and route for requests (the span
// name often carries them already), else the span name.
import type { Span } from '../common/telemetry.ts';

export function operationName(span: Span): string {
  const route = span.attributes['http.route'];
  if (typeof route !== 'string' || route === '' || span.name.includes(route)) return span.name;
  const method = span.attributes['http.request.method'] ?? span.attributes['http.method'];
  return typeof method === 'string' ? `${method} ${route}` : route;
}
