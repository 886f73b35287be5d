// The console API, transport-free: the HTTP server and the Electron IPC bridge both call handleApiRequest.
import { API_ROUTES } from '../common/api-contract.ts';
import type { ApiParsedInput, ApiResponses, ApiRouteName } from '../common/api-contract.ts';
import { ChokepointError, asChokepointError } from '../common/error-codes.ts';
import type { Core } from './core.ts';
import type { StoredMetricPoint } from '../store/index.ts';
import { HOST_OVERVIEW_METRICS, buildHostOverview } from './host-overview.ts';

type Handlers = { [R in ApiRouteName]: (core: Core, input: ApiParsedInput<R>) => Promise<ApiResponses[R]> | ApiResponses[R] };

const handlers: Handlers = {
  health: async (core) => {
    try {
      return { status: 'ok', counts: await core.counts() };
    } catch (error) {
      // The console stays up when the store cannot answer: say so, with the last counts it gave.
      const failure = asChokepointError(error);
      if (failure.code !== 'STORE_UNAVAILABLE') throw failure;
      return { status: 'degraded', counts: core.lastKnownCounts(), problem: failure.message };
    }
  },
  info: (core) => core.info(),
  services: (core) => core.store.query('services'),
  recentSpans: (core, input) =>
    core.store.query('recentSpans', { limit: input.limit, service: input.service, rootsOnly: input.rootsOnly === 'true' }),
  trace: async (core, input) => {
    const spans = await core.store.query('trace', input.traceId);
    if (spans.length === 0) throw new ChokepointError('NOT_FOUND', `no trace with id ${input.traceId}`);
    return spans;
  },
  hostOverview: async (core, input) => {
    const nowMs = Date.now();
    const fromNs = BigInt(nowMs - input.windowSeconds * 1000) * 1_000_000n;
    const toNs = BigInt(nowMs) * 1_000_000n;
    const series = new Map<string, StoredMetricPoint[]>(
      await Promise.all(
        HOST_OVERVIEW_METRICS.map(async (name) => [name, await core.store.query('metricSeries', name, fromNs, toNs)] as const),
      ),
    );
    // With several hosts sending system metrics, show this machine's when it is sampled here.
    return buildHostOverview((name) => series.get(name) ?? [], nowMs, input.windowSeconds, { resourceKey: core.hostResourceKey });
  },
};

export function isApiRouteName(name: string): name is ApiRouteName {
  return Object.hasOwn(API_ROUTES, name);
}

/** Validates raw input against the route's schema, then runs it. Throws ChokepointError with a named code. */
export async function handleApiRequest<R extends ApiRouteName>(core: Core, route: R, rawInput: unknown): Promise<ApiResponses[R]> {
  const parsed = API_ROUTES[route].input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') ?? '';
    throw new ChokepointError('BAD_REQUEST', `${route}: ${where === '' ? '' : `${where}: `}${issue?.message ?? 'invalid input'}`);
  }
  const handler = handlers[route] as (core: Core, input: unknown) => Promise<ApiResponses[R]> | ApiResponses[R];
  return await handler(core, parsed.data);
}
