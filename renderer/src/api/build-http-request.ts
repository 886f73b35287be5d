// Route + input → what fetch needs. GET and DELETE carry their input in the query string; POST and PUT send
// it as a JSON body (path parameters, if any, still fill the path).
import { API_PATHS } from '../../../common/api-paths.ts';
import type { ApiInput, ApiRouteName } from '../../../common/api-contract.ts';
import { buildRequestUrl } from './build-request-url.ts';

export type HttpMethod = (typeof API_PATHS)[ApiRouteName]['method'];

export interface HttpRequest {
  method: HttpMethod;
  url: string;
  /** JSON text, for POST and PUT. */
  body?: string;
}

export function buildHttpRequest<R extends ApiRouteName>(route: R, input: ApiInput<R>): HttpRequest {
  const { method, path }: { method: HttpMethod; path: string } = API_PATHS[route];
  if (method === 'GET' || method === 'DELETE') return { method, url: buildRequestUrl(route, input) };
  const names = new Set([...path.matchAll(/:([A-Za-z_][A-Za-z0-9_]*)/g)].map((match) => match[1]));
  const fields = Object.entries(input as Record<string, unknown>);
  const pathOnly = Object.fromEntries(fields.filter(([key]) => names.has(key))) as ApiInput<R>;
  const body = Object.fromEntries(fields.filter(([key, value]) => !names.has(key) && value !== undefined));
  return { method, url: buildRequestUrl(route, pathOnly), body: JSON.stringify(body) };
}
