// Traces: the newest root spans (or every matching span) for a search — service, operation, minimum duration,
// status, an attribute — refreshed every 5 s unless paused. With an incident open: up to the playhead.
import { useState } from 'react';
import { request } from '../../api/index.ts';
import { Panel } from '../../components/panel.tsx';
import { seedServiceColors } from '../../components/service-color.ts';
import { EmptyMessage, ErrorMessage, LoadingMessage } from '../../components/state-message.tsx';
import { formatRelativeTime } from '../../format/relative-time.ts';
import { useNow } from '../../hooks/use-now.ts';
import { formatOffset } from '../../incident/incident-time.ts';
import { useScopedPoll } from '../../incident/use-scoped-poll.ts';
import { hrefFor } from '../../routing/route.ts';
import { isNarrowed, traceFilterQuery, type TraceFilter } from '../../routing/trace-filter.ts';
import { TraceFilterBar } from './trace-filter-bar.tsx';
import { Icon } from '../../shell/icon.tsx';
import { appServices } from '../overview/has-app-data.ts';
import { SpansTable } from './spans-table.tsx';
import './traces.css';

const LIMIT = 500;
const REFRESH_MS = 5000;

export function TracesView({ filter }: { filter: TraceFilter }) {
  const [paused, setPaused] = useState(false);
  const now = useNow(1000);
  const { service } = filter;
  const operations = useScopedPoll((signal, scope) => request('operations', { source: scope.source }, { signal }), 30_000);
  // An operation that never starts a trace (a query, a client call) lists its spans, not roots.
  const childOnly = filter.operation !== undefined && (operations.data ?? []).some((op) => op.name === filter.operation && (service === undefined || op.serviceName === service)) &&
    !(operations.data ?? []).some((op) => op.name === filter.operation && (service === undefined || op.serviceName === service) && op.rootCount > 0);
  const rootsOnly = filter.allSpans !== true && !childOnly;
  const spans = useScopedPoll(
    (signal, scope) =>
      request(
        'recentSpans',
        {
          limit: LIMIT,
          rootsOnly: rootsOnly ? 'true' : 'false',
          service,
          name: filter.operation,
          minDurationMs: filter.minMs,
          status: filter.errorsOnly === true ? 'error' : 'any',
          attribute: filter.attribute,
          ...(scope.source === 'live' ? {} : { source: 'incident' as const, until: scope.until }),
        },
        { signal },
      ),
    paused ? 0 : REFRESH_MS,
    `${traceFilterQuery(filter)}|${rootsOnly}`,
  );
  const { scope } = spans;
  const services = useScopedPoll((signal, current) => request('services', { source: current.source }, { signal }), 30_000);
  const atPlayhead =
    scope.source === 'incident' && scope.untilMs !== null && scope.fromMs !== null
      ? ` · up to ${formatOffset(scope.untilMs - scope.fromMs)} into the incident`
      : '';
  const serviceNames = appServices(services.data ?? []).map((entry) => entry.serviceName).sort();
  // Before any row renders, so colours follow the whole set rather than row order.
  seedServiceColors([...serviceNames, ...(spans.data ?? []).map((span) => span.serviceName)]);
  const narrowed = isNarrowed(filter);
  const what = rootsOnly ? 'traces' : 'spans';

  return (
    <div className="view traces">
      <div className="view-header">
        <h1>{scope.source === 'incident' ? 'Incident traces' : 'Traces'}</h1>
        <div className="traces__controls">
          {scope.source === 'live' && (
            <button
              type="button"
              className="button button--small"
              aria-pressed={paused}
              onClick={() => setPaused((value) => !value)}
            >
              <span className={`traces__live-dot${paused ? '' : ' traces__live-dot--on'}`} aria-hidden="true" />
              {paused ? 'Paused' : 'Auto-refresh'}
            </button>
          )}
          <button type="button" className="button button--small" onClick={spans.refresh} aria-label="Refresh now">
            <Icon name="refresh" size={14} />
          </button>
        </div>
      </div>
      <TraceFilterBar filter={filter} services={serviceNames} operations={operations.data ?? []} />

      <Panel
        title={rootsOnly ? 'Root spans' : 'Matching spans'}
        subtitle={
          spans.data
            ? `${spans.data.length === LIMIT ? `newest ${LIMIT}` : spans.data.length}${
                atPlayhead || (spans.updatedAt !== null ? ` · updated ${formatRelativeTime(spans.updatedAt, now)}` : '')
              }`
            : undefined
        }
        padded={false}
      >
        {spans.data === undefined ? (
          spans.error ? (
            <ErrorMessage error={spans.error} onRetry={spans.refresh} />
          ) : (
            <LoadingMessage label={`Loading ${what}…`} />
          )
        ) : spans.data.length === 0 ? (
          narrowed ? (
            <EmptyMessage title={`No ${what} match this search`}>
              {filter.errorsOnly === true || filter.attribute !== undefined ? 'Status and attribute filters look through the newest 50,000 spans. ' : ''}
              <a href={hrefFor({ view: 'traces', service })}>Clear the filters</a>
              {rootsOnly && (
                <>
                  {' · '}
                  <a href={hrefFor({ view: 'traces', ...filter, allSpans: true })}>search every span, not only roots</a>
                </>
              )}
            </EmptyMessage>
          ) : scope.source === 'incident' ? (
            <EmptyMessage title={service ? `No traces from ${service} up to the playhead` : 'No traces up to the playhead'}>
              Move the playhead further into the incident, or press play.
            </EmptyMessage>
          ) : service ? (
            <EmptyMessage title={`No traces from ${service} yet`}>
              <a href={hrefFor({ view: 'traces' })}>Show all services</a>
            </EmptyMessage>
          ) : (
            <EmptyMessage title="No traces yet">
              Send spans over OTLP and they appear here within seconds. The <a href="#/">Overview</a> shows the
              endpoints and setup snippets.
            </EmptyMessage>
          )
        ) : (
          <SpansTable spans={spans.data} now={scope.source === 'incident' && scope.untilMs !== null ? scope.untilMs : now} />
        )}
      </Panel>
    </div>
  );
}
