// Recent traces: the newest root spans, optionally for one service, refreshed every 5 s unless paused. With
// an incident open: the incident's newest root spans up to the playhead.
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
import { navigate } from '../../routing/use-route.ts';
import { Icon } from '../../shell/icon.tsx';
import { appServices } from '../overview/has-app-data.ts';
import { SpansTable } from './spans-table.tsx';
import './traces.css';

const LIMIT = 100;
const REFRESH_MS = 5000;

export function TracesView({ service }: { service?: string }) {
  const [paused, setPaused] = useState(false);
  const now = useNow(1000);
  const spans = useScopedPoll(
    (signal, scope) =>
      request(
        'recentSpans',
        scope.source === 'live'
          ? { limit: LIMIT, rootsOnly: 'true', service }
          : { limit: LIMIT, rootsOnly: 'true', service, source: 'incident', until: scope.until },
        { signal },
      ),
    paused ? 0 : REFRESH_MS,
    service ?? '',
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
  if (service && !serviceNames.includes(service)) serviceNames.unshift(service);

  return (
    <div className="view traces">
      <div className="view-header">
        <h1>{scope.source === 'incident' ? 'Incident traces' : 'Recent traces'}</h1>
        <div className="traces__controls">
          <label className="select-field">
            <span className="muted">Service</span>
            <select
              value={service ?? ''}
              onChange={(event) => navigate(hrefFor({ view: 'traces', service: event.target.value || undefined }))}
            >
              <option value="">All services</option>
              {serviceNames.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </label>
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

      <Panel
        title="Root spans"
        subtitle={
          spans.data
            ? `${spans.data.length === LIMIT ? `latest ${LIMIT}` : spans.data.length}${
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
            <LoadingMessage label="Loading recent traces…" />
          )
        ) : spans.data.length === 0 ? (
          scope.source === 'incident' ? (
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
