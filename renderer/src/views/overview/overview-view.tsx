// Overview: ingest, host gauges, then either the services list or — before any app has sent
// data — the guide to sending some. Findings get their own panel once rules exist.
import { useCallback } from 'react';
import { request } from '../../api/index.ts';
import { usePoll } from '../../hooks/use-poll.ts';
import { useLive } from '../../live/live-context.tsx';
import { formatRelativeTime } from '../../format/relative-time.ts';
import { useNow } from '../../hooks/use-now.ts';
import { FindingsPanel } from './findings-panel.tsx';
import { appServices, hasAppData } from './has-app-data.ts';
import { HostGauges } from './host-gauges.tsx';
import { IngestTiles } from './ingest-tiles.tsx';
import { SendDataGuide } from './send-data-guide.tsx';
import { ServicesPanel } from './services-panel.tsx';
import './overview.css';

const HOST_WINDOW_SECONDS = 300;

export function OverviewView() {
  const live = useLive();
  const now = useNow(1000);
  const services = usePoll(useCallback((signal: AbortSignal) => request('services', {}, { signal }), []), 5000);
  const info = usePoll(useCallback((signal: AbortSignal) => request('info', {}, { signal }), []), 30_000);
  const host = usePoll(
    useCallback(
      (signal: AbortSignal) => request('hostOverview', { windowSeconds: HOST_WINDOW_SECONDS }, { signal }),
      [],
    ),
    3000,
  );

  const appData = hasAppData(live.counts, services.data);
  const showGuide = appData === false;

  return (
    <div className="view overview">
      <div className="view-header">
        <h1>Overview</h1>
        <div className="view-header__meta num">
          {live.updatedAt !== null && <span>Updated {formatRelativeTime(live.updatedAt, now)}</span>}
          {info.data && <span className="faint">v{info.data.version}</span>}
        </div>
      </div>

      <IngestTiles />
      <HostGauges
        data={host.data}
        error={host.error}
        loading={host.loading}
        windowSeconds={HOST_WINDOW_SECONDS}
        enabled={info.data?.hostMetrics.enabled ?? true}
      />

      <div className="overview__columns">
        {showGuide ? (
          <SendDataGuide info={info.data} infoFailed={info.error !== null} />
        ) : (
          <ServicesPanel
            services={services.data ? appServices(services.data) : undefined}
            error={services.error}
            onRetry={services.refresh}
          />
        )}
        <FindingsPanel />
      </div>
    </div>
  );
}
