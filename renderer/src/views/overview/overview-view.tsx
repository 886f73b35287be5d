// Overview: the findings first, then ingest (live) and the host gauges, then either the services list
// or — before any app has sent data — the guide to sending some. With an incident open, everything shows
// the incident up to the playhead.
import { useCallback } from 'react';
import { request } from '../../api/index.ts';
import { nanosToMillis } from '../../format/duration.ts';
import { formatRelativeTime } from '../../format/relative-time.ts';
import { useNow } from '../../hooks/use-now.ts';
import { usePoll } from '../../hooks/use-poll.ts';
import { useIncident } from '../../incident/incident-context.tsx';
import { findingsAtPlayhead } from '../../incident/incident-findings.ts';
import { formatOffset } from '../../incident/incident-time.ts';
import { useScopedPoll } from '../../incident/use-scoped-poll.ts';
import type { DataScope } from '../../incident/use-data-scope.ts';
import { useLive } from '../../live/live-context.tsx';
import { FindingsPanel } from './findings-panel.tsx';
import { appServices, hasAppData } from './has-app-data.ts';
import { HostGauges } from './host-gauges.tsx';
import { IngestTiles } from './ingest-tiles.tsx';
import { SendDataGuide } from './send-data-guide.tsx';
import { ServicesPanel } from './services-panel.tsx';
import './overview.css';

const HOST_WINDOW_SECONDS = 300;

/** Live: the last five minutes. Incident: as long as the incident (10 s to 5 min), ending at the playhead. */
function hostWindowSeconds(scope: DataScope): number {
  if (scope.source === 'live' || scope.fromMs === null || scope.toMs === null) return HOST_WINDOW_SECONDS;
  return Math.min(Math.max(Math.ceil((scope.toMs - scope.fromMs) / 1000), 10), HOST_WINDOW_SECONDS);
}

/** In a replay the sparklines fill from the incident's start, then slide once the playhead is a window in. */
function replayTimeDomain(fromMs: number | null, playheadMs: number, windowSeconds: number): [number, number] {
  const windowMs = windowSeconds * 1000;
  const start = fromMs === null ? playheadMs - windowMs : Math.max(fromMs, playheadMs - windowMs);
  return [start, start + windowMs];
}

export function OverviewView() {
  const live = useLive();
  const { open } = useIncident();
  const now = useNow(1000);
  const services = useScopedPoll((signal, scope) => request('services', { source: scope.source }, { signal }), 5000);
  const { scope } = services;
  const info = usePoll(useCallback((signal: AbortSignal) => request('info', {}, { signal }), []), 30_000);
  const windowSeconds = hostWindowSeconds(scope);
  const host = useScopedPoll(
    (signal, current) =>
      request(
        'hostOverview',
        current.source === 'live'
          ? { windowSeconds: HOST_WINDOW_SECONDS }
          : { windowSeconds: hostWindowSeconds(current), source: 'incident', until: current.until },
        { signal },
      ),
    3000,
  );

  const incident = scope.source === 'incident' ? scope : null;
  const incidentLoading = incident?.incident.status === 'loading';
  const playheadMs = incident?.untilMs ?? null;
  const findings =
    incident === null
      ? live.findings?.findings
      : incident.incident.status === 'ready' && playheadMs !== null
        ? findingsAtPlayhead(incident.incident.findings, playheadMs)
        : undefined;
  const evaluatedAt = incident === null ? live.findings?.evaluatedAtUnixNano ?? null : null;

  const appData = hasAppData(live.counts, scope.source === 'live' ? services.data : undefined);
  const showGuide = incident === null && appData === false;

  return (
    <div className="view overview">
      <div className="view-header">
        <h1>Overview</h1>
        <div className="view-header__meta num">
          {incident !== null ? (
            <span>
              {playheadMs !== null && incident.fromMs !== null
                ? `At ${formatOffset(playheadMs - incident.fromMs)} into the incident`
                : 'Loading the incident…'}
            </span>
          ) : (
            live.updatedAt !== null && <span>Updated {formatRelativeTime(live.updatedAt, now)}</span>
          )}
          {info.data && <span className="faint">v{info.data.version}</span>}
        </div>
      </div>

      <FindingsPanel
        findings={findings}
        evaluatedAtMs={evaluatedAt === null ? null : nanosToMillis(evaluatedAt)}
        nowMs={playheadMs ?? now}
        mode={incident === null ? 'live' : 'incident'}
        onOpenDemo={showGuide ? () => void open({ demo: true }) : undefined}
      />

      {incident === null && <IngestTiles />}
      <HostGauges
        data={incidentLoading ? undefined : host.data}
        error={host.error}
        loading={host.loading || incidentLoading}
        windowSeconds={windowSeconds}
        enabled={incident !== null || (info.data?.hostMetrics.enabled ?? true)}
        endMs={playheadMs ?? undefined}
        timeDomain={incident !== null && playheadMs !== null ? replayTimeDomain(incident.fromMs, playheadMs, windowSeconds) : undefined}
        title={incident === null ? 'This host' : 'Hosts in the incident'}
      />

      {showGuide ? (
        <SendDataGuide info={info.data} infoFailed={info.error !== null} />
      ) : (
        <ServicesPanel
          services={services.data ? appServices(services.data) : undefined}
          error={services.error}
          onRetry={services.refresh}
          nowMs={incident?.toMs ?? undefined}
        />
      )}
    </div>
  );
}
