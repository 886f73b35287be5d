// The console API, transport-free: the HTTP server and the Electron IPC bridge both call handleApiRequest.
import { API_ROUTES } from '../common/api-contract.ts';
import type { ApiParsedInput, ApiResponses, ApiRouteName } from '../common/api-contract.ts';
import { ChokepointError } from '../common/error-codes.ts';
import type { Core } from './core.ts';
import { buildHostOverview } from './host-overview.ts';

type Handlers = { [R in ApiRouteName]: (core: Core, input: ApiParsedInput<R>) => ApiResponses[R] };

const handlers: Handlers = {
  health: (core) => ({ status: 'ok', counts: core.store.counts() }),
  info: (core) => core.info(),
  services: (core) => core.store.services(),
  recentSpans: (core, input) =>
    core.store.recentSpans({ limit: input.limit, service: input.service, rootsOnly: input.rootsOnly === 'true' }),
  trace: (core, input) => {
    const spans = core.store.trace(input.traceId);
    if (spans.length === 0) throw new ChokepointError('NOT_FOUND', `no trace with id ${input.traceId}`);
    return spans;
  },
  hostOverview: (core, input) => {
    const nowMs = Date.now();
    const fromNs = BigInt(nowMs - input.windowSeconds * 1000) * 1_000_000n;
    const toNs = BigInt(nowMs) * 1_000_000n;
    return buildHostOverview((name) => core.store.metricSeries(name, fromNs, toNs), nowMs, input.windowSeconds);
  },
};

export function isApiRouteName(name: string): name is ApiRouteName {
  return Object.hasOwn(API_ROUTES, name);
}

/** Validates raw input against the route's schema, then runs it. Throws ChokepointError with a named code. */
export function handleApiRequest<R extends ApiRouteName>(core: Core, route: R, rawInput: unknown): ApiResponses[R] {
  const parsed = API_ROUTES[route].input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') ?? '';
    throw new ChokepointError('BAD_REQUEST', `${route}: ${where === '' ? '' : `${where}: `}${issue?.message ?? 'invalid input'}`);
  }
  const handler = handlers[route] as (core: Core, input: unknown) => ApiResponses[R];
  return handler(core, parsed.data);
}
