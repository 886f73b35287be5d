// While an incident is open: a banner saying so (what it is, how far it has loaded, whether live data is
// arriving meanwhile, and the way back to live) with the incident's timeline beneath it.
import { useState } from 'react';
import type { IncidentState } from '../../../common/api-contract.ts';
import type { TelemetryCounts } from '../../../common/telemetry.ts';
import { describeError } from '../api/index.ts';
import { formatClockTime } from '../format/relative-time.ts';
import { formatCount } from '../format/rate.ts';
import { useIncident } from '../incident/incident-context.tsx';
import { loadingProgress } from '../incident/incident-findings.ts';
import { useLive } from '../live/live-context.tsx';
import { Timeline } from '../timeline/timeline.tsx';
import { BacktestPanel } from './backtest-panel.tsx';
import { Icon } from './icon.tsx';
import './incident-bar.css';

function countsText(counts: TelemetryCounts): string {
  return `${formatCount(counts.spans)} spans · ${formatCount(counts.metricPoints)} metric points · ${formatCount(counts.logs)} logs`;
}

function LoadingLine({ incident }: { incident: IncidentState }) {
  const progress = loadingProgress(incident);
  return (
    <div className="incident-bar__loading" role="status">
      <div
        className={`incident-bar__progress${progress.fraction === null ? ' incident-bar__progress--unknown' : ''}`}
        role="progressbar"
        aria-label="Loading the incident"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={progress.fraction === null ? undefined : Math.round(progress.fraction * 100)}
      >
        <span style={progress.fraction === null ? undefined : { transform: `scaleX(${progress.fraction})` }} />
      </div>
      <span className="num">
        Loading… {countsText(incident.counts)}
        {progress.loadedUntilMs !== null && (
          <span className="muted"> · read up to {formatClockTime(progress.loadedUntilMs, false)}</span>
        )}
        {progress.fraction !== null && <span className="muted"> ({Math.round(progress.fraction * 100)}%)</span>}
      </span>
    </div>
  );
}

export function IncidentBar() {
  const { incident, busy, actionError, close, playhead } = useIncident();
  const live = useLive();
  const [backtesting, setBacktesting] = useState(false);
  if (!incident) {
    // Opening failed before there was an incident to show (a missing file, say): say so here.
    if (!actionError) return null;
    return (
      <div className="banner banner--error" role="alert">
        <Icon name="alert" />
        <div className="banner__text">
          <strong>Could not open the incident.</strong> <span>{describeError(actionError)}</span>
        </div>
      </div>
    );
  }

  const liveCounts = live.counts;
  const liveArriving = liveCounts !== null && liveCounts.spans + liveCounts.logs > 0;
  return (
    <section className={`incident-bar incident-bar--${incident.status}`} aria-label="Incident">
      <div className="incident-bar__banner">
        <Icon name="replay" />
        <div className="incident-bar__what">
          <span className="incident-bar__kind">{incident.demo ? 'Demo incident' : 'Incident'}</span>
          <strong className="incident-bar__title" title={incident.notes || incident.file}>
            {incident.title}
          </strong>
          {incident.status === 'ready' && (
            <span className="incident-bar__counts muted num">{countsText(incident.counts)}</span>
          )}
          {incident.problems > 0 && (
            <span className="incident-bar__problems num">{formatCount(incident.problems)} unreadable lines skipped</span>
          )}
        </div>
        {liveArriving && (
          <span className="incident-bar__live num" title="Your own telemetry keeps being stored while the incident is open">
            <span className="incident-bar__live-dot" aria-hidden="true" />
            Live data is arriving ({formatCount(liveCounts.spans)} spans stored)
          </span>
        )}
        {actionError && <span className="incident-bar__error">{describeError(actionError)}</span>}
        {incident.status === 'ready' && (
          <button
            type="button"
            className={`button button--small button--ghost${Object.keys(incident.overrides).length > 0 ? ' incident-bar__backtested' : ''}`}
            aria-expanded={backtesting}
            onClick={() => setBacktesting(!backtesting)}
            title="Re-run the rules over this incident with other thresholds"
          >
            {Object.keys(incident.overrides).length > 0 ? `Backtest (${Object.keys(incident.overrides).length} changed)` : 'Backtest'}
          </button>
        )}
        <button type="button" className="button button--small" onClick={() => void close()} disabled={busy}>
          <Icon name="back" size={14} />
          Back to live
        </button>
      </div>
      {incident.status === 'loading' && <LoadingLine incident={incident} />}
      {incident.status === 'failed' && (
        <div className="incident-bar__failed" role="alert">
          Could not open {incident.file}: {incident.message || 'unknown error'}
        </div>
      )}
      {backtesting && incident.status === 'ready' && <BacktestPanel onClose={() => setBacktesting(false)} />}
      {incident.status === 'ready' && <Timeline playhead={playhead} findings={incident.findings} />}
    </section>
  );
}
