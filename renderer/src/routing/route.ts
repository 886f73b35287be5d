// Hash routes, so the same build works from disk in Electron and from the HTTP server.
//   #/            → overview
//   #/traces      → recent traces (?service=name filters)
//   #/traces/<id> → one trace

export type Route =
  | { view: 'overview' }
  | { view: 'traces'; service?: string }
  | { view: 'trace'; traceId: string }
  | { view: 'not-found'; path: string };

export type ViewName = Route['view'];

const TRACE_ID = /^[0-9a-f]{32}$/;

export function parseRoute(hash: string): Route {
  const [path = '', search = ''] = hash.replace(/^#/, '').split('?', 2);
  const parts = path.split('/').filter((part) => part !== '');
  if (parts.length === 0 || (parts.length === 1 && parts[0] === 'overview')) return { view: 'overview' };
  if (parts[0] === 'traces') {
    if (parts.length === 1) {
      const service = new URLSearchParams(search).get('service');
      return service ? { view: 'traces', service } : { view: 'traces' };
    }
    const traceId = (parts[1] ?? '').toLowerCase();
    if (parts.length === 2 && TRACE_ID.test(traceId)) return { view: 'trace', traceId };
  }
  return { view: 'not-found', path: path || '/' };
}

export function hrefFor(route: Route): string {
  switch (route.view) {
    case 'overview':
      return '#/';
    case 'traces':
      return route.service ? `#/traces?${new URLSearchParams({ service: route.service }).toString()}` : '#/traces';
    case 'trace':
      return `#/traces/${route.traceId}`;
    case 'not-found':
      return `#${route.path}`;
  }
}
