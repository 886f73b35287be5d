// The Traces view's search, as it lives in the URL (#/traces?service=…&operation=…&minMs=…&status=error&attr=k%3Dv&spans=all)
// so a search can be bookmarked, shared and reached by links from other views.

export interface TraceFilter {
  service?: string;
  /** Span name. */
  operation?: string;
  /** Only spans at least this long, milliseconds. */
  minMs?: number;
  errorsOnly?: boolean;
  /** "key=value". */
  attribute?: string;
  /** Every matching span, not only roots (traces). */
  allSpans?: boolean;
}

const ATTRIBUTE = /^[^=]+=.*$/;

export function parseTraceFilter(query: URLSearchParams): TraceFilter {
  const filter: TraceFilter = {};
  const service = query.get('service');
  if (service) filter.service = service;
  const operation = query.get('operation');
  if (operation) filter.operation = operation;
  const minMs = Number(query.get('minMs') ?? '');
  if (query.get('minMs') !== null && Number.isFinite(minMs) && minMs > 0) filter.minMs = minMs;
  if (query.get('status') === 'error') filter.errorsOnly = true;
  const attribute = query.get('attr');
  if (attribute !== null && ATTRIBUTE.test(attribute)) filter.attribute = attribute;
  if (query.get('spans') === 'all') filter.allSpans = true;
  return filter;
}

export function traceFilterQuery(filter: TraceFilter): string {
  const query = new URLSearchParams();
  if (filter.service) query.set('service', filter.service);
  if (filter.operation) query.set('operation', filter.operation);
  if (filter.minMs !== undefined && filter.minMs > 0) query.set('minMs', String(filter.minMs));
  if (filter.errorsOnly === true) query.set('status', 'error');
  if (filter.attribute) query.set('attr', filter.attribute);
  if (filter.allSpans === true) query.set('spans', 'all');
  return query.toString();
}

/** True when anything beyond the service narrows the list (the empty state then offers to clear it). */
export function isNarrowed(filter: TraceFilter): boolean {
  return filter.operation !== undefined || filter.minMs !== undefined || filter.errorsOnly === true || filter.attribute !== undefined;
}

/** "key=value" from what a user typed, or null when it is not of that form. */
export function attributeFromInput(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const split = trimmed.indexOf('=');
  if (split <= 0) return null;
  return `${trimmed.slice(0, split).trim()}=${trimmed.slice(split + 1).trim()}`;
}
