// Hash routes, so the same build works from disk in Electron and from the HTTP server.
//   #/                 → overview
//   #/traces           → recent traces (?service, operation, minMs, status=error, attr=k=v, spans=all search)
//   #/traces/<id>      → one trace (?source=incident reads the open incident, &span=<id> selects a span)
//   #/findings/<id>    → one finding (ids contain ':', so they are URI-encoded)
//   #/techniques       → the technique catalog (?kind=<finding kind> filters; #/techniques/<id> selects one)
//   #/services         → the dependency map between services
//   #/metrics          → host and application metrics (?name=<metric> picks one)
//   #/settings         → receivers, forwarding, sampling, retention, rule thresholds, theme

import { parseTraceFilter, traceFilterQuery, type TraceFilter } from './trace-filter.ts';

export type DataSource = 'live' | 'incident';

export type Route =
  | { view: 'overview' }
  | ({ view: 'traces' } & TraceFilter)
  | { view: 'trace'; traceId: string; source?: DataSource; spanId?: string }
  | { view: 'finding'; findingId: string }
  | { view: 'techniques'; kind?: string; techniqueId?: string }
  | { view: 'services' }
  | { view: 'metrics'; name?: string }
  | { view: 'settings' }
  | { view: 'not-found'; path: string };

export type ViewName = Route['view'];

const TRACE_ID = /^[0-9a-f]{32}$/;
const SPAN_ID = /^[0-9a-f]{16}$/;
const KIND = /^[a-z_]{1,40}$/;
const TECHNIQUE_ID = /^[a-z0-9-]{1,60}$/;

function decode(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

function parseTrace(parts: string[], query: URLSearchParams): Route | null {
  const traceId = (parts[1] ?? '').toLowerCase();
  if (parts.length !== 2 || !TRACE_ID.test(traceId)) return null;
  const route: Route = { view: 'trace', traceId };
  const source = query.get('source');
  if (source === 'live' || source === 'incident') route.source = source;
  const spanId = query.get('span')?.toLowerCase();
  if (spanId !== undefined && SPAN_ID.test(spanId)) route.spanId = spanId;
  return route;
}

export function parseRoute(hash: string): Route {
  const [path = '', search = ''] = hash.replace(/^#/, '').split('?', 2);
  const query = new URLSearchParams(search);
  const parts = path.split('/').filter((part) => part !== '');
  if (parts.length === 0 || (parts.length === 1 && parts[0] === 'overview')) return { view: 'overview' };
  if (parts[0] === 'traces') {
    if (parts.length === 1) return { view: 'traces', ...parseTraceFilter(query) };
    const trace = parseTrace(parts, query);
    if (trace) return trace;
  }
  if (parts[0] === 'findings' && parts.length === 2) {
    const findingId = decode(parts[1] ?? '');
    if (findingId) return { view: 'finding', findingId };
  }
  if (parts.length === 1 && (parts[0] === 'services' || parts[0] === 'settings')) return { view: parts[0] };
  if (parts.length === 1 && parts[0] === 'metrics') {
    const name = query.get('name');
    return name ? { view: 'metrics', name } : { view: 'metrics' };
  }
  if (parts[0] === 'techniques' && parts.length <= 2) {
    const route: Route = { view: 'techniques' };
    const kind = query.get('kind');
    if (kind !== null && KIND.test(kind)) route.kind = kind;
    const techniqueId = parts[1];
    if (techniqueId !== undefined) {
      if (!TECHNIQUE_ID.test(techniqueId)) return { view: 'not-found', path };
      route.techniqueId = techniqueId;
    }
    return route;
  }
  return { view: 'not-found', path: path || '/' };
}

export function hrefFor(route: Route): string {
  switch (route.view) {
    case 'overview':
      return '#/';
    case 'traces': {
      const { view: _view, ...filter } = route;
      const search = traceFilterQuery(filter);
      return search ? `#/traces?${search}` : '#/traces';
    }
    case 'trace': {
      const query = new URLSearchParams();
      if (route.source) query.set('source', route.source);
      if (route.spanId) query.set('span', route.spanId);
      const search = query.toString();
      return search ? `#/traces/${route.traceId}?${search}` : `#/traces/${route.traceId}`;
    }
    case 'finding':
      return `#/findings/${encodeURIComponent(route.findingId)}`;
    case 'techniques': {
      const search = route.kind ? `?${new URLSearchParams({ kind: route.kind }).toString()}` : '';
      return `#/techniques${route.techniqueId ? `/${route.techniqueId}` : ''}${search}`;
    }
    case 'services':
      return '#/services';
    case 'metrics':
      return route.name ? `#/metrics?${new URLSearchParams({ name: route.name }).toString()}` : '#/metrics';
    case 'settings':
      return '#/settings';
    case 'not-found':
      return `#${route.path}`;
  }
}
