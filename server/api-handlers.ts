// The console API, transport-free: the HTTP server and the Electron IPC bridge both call handleApiRequest.
import { API_ROUTES } from '../common/api-contract.ts';
import type { ApiParsedInput, ApiResponses, ApiRouteName } from '../common/api-contract.ts';
import { ChokepointError, asChokepointError } from '../common/error-codes.ts';
import type { Core } from './core.ts';
import type { StoreClient, StoredMetricPoint } from '../store/index.ts';
import { demoIncidentFile } from './demo-incident.ts';
import { ruleInfos } from './rule-infos.ts';
import { HOST_OVERVIEW_METRICS, buildHostOverview } from './host-overview.ts';
import { buildMetricSeries, limitMetricOf } from './metric-series.ts';

/** The store a route reads: live, or the open incident's (NOT_FOUND when none is open). */
function storeFor(core: Core, source: 'live' | 'incident'): StoreClient {
  if (source === 'live') return core.store;
  const incident = core.incident();
  if (incident === undefined) throw new ChokepointError('NOT_FOUND', 'no incident is open');
  return incident.store;
}

const nowNanos = (): bigint => BigInt(Date.now()) * 1_000_000n;
/** Live views without a window look back this far. */
const DEFAULT_LIVE_WINDOW_SECONDS = 900;
/** Spans the service map reads at most (the newest of its window). */
export const SERVICE_MAP_SPAN_LIMIT = 200_000;

/**
 * The time range a windowed route reads, [from, to] in Unix ns: back `windowSeconds` from the playhead (or
 * now, or an incident's end); without a window, an incident from its start and live data its last 15 minutes.
 */
function rangeOf(core: Core, input: { source: 'live' | 'incident'; until?: string; windowSeconds?: number }): { from: bigint; to: bigint } {
  const incident = input.source === 'incident' ? core.incident()?.state() : undefined;
  if (input.source === 'incident' && incident === undefined) throw new ChokepointError('NOT_FOUND', 'no incident is open');
  const to = nanos(input.until) ?? nanos(incident?.toUnixNano ?? undefined) ?? nowNanos();
  if (input.windowSeconds !== undefined) return { from: to - BigInt(input.windowSeconds) * 1_000_000_000n, to };
  const start = nanos(incident?.fromUnixNano ?? undefined);
  return { from: start ?? to - BigInt(DEFAULT_LIVE_WINDOW_SECONDS) * 1_000_000_000n, to };
}
const nanos = (value: string | undefined): bigint | undefined => (value === undefined ? undefined : BigInt(value));

type Handlers = { [R in ApiRouteName]: (core: Core, input: ApiParsedInput<R>) => Promise<ApiResponses[R]> | ApiResponses[R] };

const handlers: Handlers = {
  health: async (core) => {
    try {
      const counts = await core.counts();
      const movedAside = core.info().databaseMovedAside;
      const notice = movedAside === '' ? {} : { notice: `The database file was damaged. It was moved to ${movedAside} and a fresh database was started.` };
      const paused = core.writeProblem();
      if (paused === null) return { status: 'ok', counts, ...notice };
      const since = new Date(paused.sinceUnixMs).toISOString().slice(11, 19);
      const refused = paused.refused === 1 ? '1 write' : `${paused.refused} writes`;
      return {
        status: 'degraded',
        counts,
        problem:
          `Ingest paused since ${since} UTC. ${paused.message} Senders are told to retry (${refused} refused so far); ` +
          'ingest resumes by itself once a write succeeds.',
        ...notice,
      };
    } catch (error) {
      // The console stays up when the store cannot answer: say so, with the last counts it gave.
      const failure = asChokepointError(error);
      if (failure.code !== 'STORE_UNAVAILABLE') throw failure;
      return { status: 'degraded', counts: core.lastKnownCounts(), problem: failure.message };
    }
  },
  info: (core) => core.info(),
  services: (core, input) => storeFor(core, input.source).query('services'),
  recentSpans: (core, input) => {
    const split = input.attribute === undefined ? -1 : input.attribute.indexOf('=');
    return storeFor(core, input.source).query('recentSpans', {
      limit: input.limit,
      service: input.service,
      name: input.name,
      minDurationNano: input.minDurationMs === undefined ? undefined : BigInt(Math.round(input.minDurationMs * 1e6)),
      errorsOnly: input.status === 'error',
      attribute: input.attribute === undefined ? undefined : { key: input.attribute.slice(0, split).trim(), value: input.attribute.slice(split + 1).trim() },
      rootsOnly: input.rootsOnly === 'true',
      beforeUnixNano: nanos(input.until),
    });
  },
  operations: (core, input) => storeFor(core, input.source).query('operations', input.service),
  trace: async (core, input) => {
    const spans = await storeFor(core, input.source).query('trace', input.traceId);
    if (spans.length === 0) throw new ChokepointError('NOT_FOUND', `no trace with id ${input.traceId}`);
    return spans;
  },
  traceOutline: async (core, input) => {
    const spans = await storeFor(core, input.source).query('traceOutline', input.traceId);
    if (spans.length === 0) throw new ChokepointError('NOT_FOUND', `no trace with id ${input.traceId}`);
    return spans;
  },
  traceSpan: async (core, input) => {
    const span = await storeFor(core, input.source).query('traceSpan', input.traceId, input.spanId);
    if (span === null) throw new ChokepointError('NOT_FOUND', `no span ${input.spanId} in trace ${input.traceId}`);
    return span;
  },
  hostOverview: async (core, input) => {
    const store = storeFor(core, input.source);
    const nowMs = input.until === undefined ? Date.now() : Number(BigInt(input.until) / 1_000_000n);
    const fromNs = BigInt(nowMs - input.windowSeconds * 1000) * 1_000_000n;
    const toNs = BigInt(nowMs) * 1_000_000n;
    const series = new Map<string, StoredMetricPoint[]>(
      await Promise.all(
        HOST_OVERVIEW_METRICS.map(async (name) => [name, await store.query('metricSeries', name, fromNs, toNs)] as const),
      ),
    );
    // With several hosts sending system metrics, show this machine's when it is sampled here.
    const resourceKey = input.source === 'live' ? core.hostResourceKey : undefined;
    return buildHostOverview((name) => series.get(name) ?? [], nowMs, input.windowSeconds, { resourceKey });
  },
  serviceMap: (core, input) => {
    const { from, to } = rangeOf(core, input);
    // The end is exclusive; at the last storable nanosecond (until=2^63-1) one more would not bind.
    const end = to < 9_223_372_036_854_775_807n ? to + 1n : to;
    return storeFor(core, input.source).query('serviceMap', from, end, SERVICE_MAP_SPAN_LIMIT);
  },
  metrics: (core, input) => storeFor(core, input.source).query('metricCatalog'),
  metricSeries: async (core, input) => {
    const store = storeFor(core, input.source);
    const catalog = await store.query('metricCatalog');
    const info = catalog.find((metric) => metric.name === input.name);
    if (info === undefined) throw new ChokepointError('NOT_FOUND', `no metric named ${input.name}`);
    const { from, to } = rangeOf(core, input);
    const shaped = buildMetricSeries(info, await store.query('metricSeries', input.name, from, to), from, to);
    const limitName = limitMetricOf(input.name);
    const limitInfo = limitName === undefined ? undefined : catalog.find((metric) => metric.name === limitName);
    if (limitInfo === undefined) return shaped;
    const limit = buildMetricSeries(limitInfo, await store.query('metricSeries', limitInfo.name, from, to), from, to);
    return { ...shaped, limits: limit.series.map((line) => ({ ...line, key: `limit|${line.key}`, label: line.label === limitInfo.name ? 'max' : `max · ${line.label}` })) };
  },
  findings: (core, input) => {
    if (input.source === 'live') return core.liveFindings();
    const session = core.incident();
    if (session === undefined) throw new ChokepointError('NOT_FOUND', 'no incident is open');
    const state = session.state();
    const until = nanos(input.until);
    const known = until === undefined ? state.findings : state.findings.filter((f) => f.detectedAtUnixNano !== undefined && BigInt(f.detectedAtUnixNano) <= until);
    return { findings: known, evaluatedAtUnixNano: input.until ?? state.loadedUntilUnixNano };
  },
  incident: (core) => core.incident()?.state() ?? null,
  openIncident: async (core, input) => {
    const session = 'demo' in input ? await core.openIncident(demoIncidentFile(), true, input.overrides) : await core.openIncident(input.path, false, input.overrides);
    return session.state();
  },
  closeIncident: async (core) => {
    await core.closeIncident();
    return null;
  },
  rerunIncident: async (core, input) => (await core.rerunIncident(input.overrides)).state(),
  rules: () => ruleInfos(),
  uploadIncident: async (core, input) => (await core.openIncident(input.uploadedPath)).state(),
  recording: (core) => core.recordings.state(),
  startRecording: (core, input) => core.recordings.start(input.title, nowNanos()),
  stopRecording: (core) => core.recordings.stop(nowNanos()),
  recordings: (core) => core.recordings.list(),
  exportRange: (core, input) => core.recordings.exportRange(BigInt(input.fromUnixNano), BigInt(input.toUnixNano), input.title),
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
