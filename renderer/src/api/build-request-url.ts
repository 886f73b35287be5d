// Route + input → URL path with query string. `:name` segments take their value from the input;
// everything else that is set becomes a query parameter.
import { API_PATHS } from '../../../common/api-paths.ts';
import type { ApiInput, ApiRouteName } from '../../../common/api-contract.ts';

function toParam(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return null;
}

export function buildRequestUrl<R extends ApiRouteName>(route: R, input: ApiInput<R>): string {
  const template: string = API_PATHS[route].path;
  const entries = Object.entries(input as Record<string, unknown>);
  const used = new Set<string>();
  const path = template.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, (_match, name: string) => {
    const value = toParam(entries.find(([key]) => key === name)?.[1]);
    if (value === null) throw new Error(`Route ${route} needs the path parameter "${name}".`);
    used.add(name);
    return encodeURIComponent(value);
  });
  const query = new URLSearchParams();
  for (const [key, raw] of entries) {
    if (used.has(key)) continue;
    const value = toParam(raw);
    if (value !== null) query.append(key, value);
  }
  const search = query.toString();
  return search ? `${path}?${search}` : path;
}
