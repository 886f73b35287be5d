// Matches a request path against the declared API routes, extracting `:name` path parameters.
import { API_ROUTES } from '../common/api-contract.ts';
import type { ApiRouteName } from '../common/api-contract.ts';

export interface RouteMatch {
  route: ApiRouteName;
  params: Record<string, string>;
}

interface CompiledRoute {
  route: ApiRouteName;
  method: string;
  pattern: RegExp;
  names: string[];
}

const compiled: CompiledRoute[] = (Object.keys(API_ROUTES) as ApiRouteName[]).map((route) => {
  const { method, path } = API_ROUTES[route];
  const names: string[] = [];
  const source = path
    .split('/')
    .map((part) => {
      if (!part.startsWith(':')) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(part.slice(1));
      return '([^/]+)';
    })
    .join('/');
  return { route, method, pattern: new RegExp(`^${source}$`), names };
});

/** A %-decoded path parameter; malformed escapes stay as sent (the route's validator refuses them) instead of throwing. */
function decodePathPart(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** Returns the matching route, 'method' when the path exists under another method, or null. */
export function matchRoute(method: string, path: string): RouteMatch | 'method' | null {
  let pathMatched = false;
  for (const candidate of compiled) {
    const match = candidate.pattern.exec(path);
    if (match === null) continue;
    pathMatched = true;
    if (candidate.method !== method) continue;
    const params: Record<string, string> = {};
    candidate.names.forEach((name, index) => {
      params[name] = decodePathPart(match[index + 1] ?? '');
    });
    return { route: candidate.route, params };
  }
  return pathMatched ? 'method' : null;
}
