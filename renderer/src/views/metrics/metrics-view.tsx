// Metrics: every stored metric (host and application), one at a time over a chosen window — gauges as
// reported, counters as rates, histograms as p50/p95/p99 — with the findings of that time shaded on it.
// In an incident the chart spans the whole incident and fills up to the playhead.
import { useState } from 'react';
import { request } from '../../api/index.ts';
import { Panel } from '../../components/panel.tsx';
import { EmptyMessage, ErrorMessage, LoadingMessage } from '../../components/state-message.tsx';
import { unitLabel } from '../../format/metric-value.ts';
import { countOf } from '../../format/plural.ts';
import { findingsAtPlayhead } from '../../incident/incident-findings.ts';
import { useScopedPoll } from '../../incident/use-scoped-poll.ts';
import { useLive } from '../../live/live-context.tsx';
import { hrefFor } from '../../routing/route.ts';
import { MetricChart } from './metric-chart.tsx';
import { MetricList } from './metric-list.tsx';
import { defaultMetric, findingsOnChart } from './metric-picks.ts';
import './metrics.css';

const LIVE_WINDOWS = [
  { seconds: 300, label: '5 min' },
  { seconds: 900, label: '15 min' },
  { seconds: 3600, label: '1 h' },
  { seconds: 6 * 3600, label: '6 h' },
] as const;

const MIN_LIVE_SPAN_MS = 60_000;

const MEANING_TEXT = {
  value: 'as reported',
  rate: 'increase per second',
  percentile: 'p50 / p95 / p99 of each interval',
} as const;

export function MetricsView({ name }: { name?: string }) {
  const live = useLive();
  const [windowSeconds, setWindowSeconds] = useState<number>(900);
  const catalog = useScopedPoll((signal, scope) => request('metrics', { source: scope.source }, { signal }), 15_000);
  const chosen = name ?? (catalog.data ? defaultMetric(catalog.data) : undefined);
  const series = useScopedPoll(
    (signal, scope) => {
      if (chosen === undefined) return Promise.resolve(null);
      return request('metricSeries', scope.source === 'live' ? { name: chosen, windowSeconds } : { name: chosen, source: 'incident', until: scope.until }, { signal });
    },
    5000,
    `${chosen ?? ''}|${windowSeconds}`,
  );
  const scope = series.scope;
  const incident = scope.source === 'incident' ? scope : null;
  const playheadMs = incident?.untilMs ?? null;
  const data = series.data ?? undefined;
  const toMs = incident?.toMs ?? (data ? Number(BigInt(data.toUnixNano) / 1_000_000n) : Date.now());
  // Live data younger than the window is shown from its first point (with a minute at least), not squeezed
  // against the right edge.
  const firstMs = data ? Math.min(...data.series.map((line) => line.points[0]?.t ?? Number.POSITIVE_INFINITY)) : Number.POSITIVE_INFINITY;
  const fromMs = incident?.fromMs ?? Math.max(toMs - windowSeconds * 1000, Math.min(firstMs, toMs - MIN_LIVE_SPAN_MS));
  const findings =
    incident === null ? (live.findings?.findings ?? []) : incident.incident.status === 'ready' && playheadMs !== null ? findingsAtPlayhead(incident.incident.findings, playheadMs) : [];
  const shaded = chosen === undefined ? [] : findingsOnChart(findings, chosen, fromMs, toMs);

  return (
    <div className="view metrics-view">
      <div className="view-header">
        <h1>Metrics</h1>
        {incident === null ? (
          <div className="segmented" role="group" aria-label="Time window">
            {LIVE_WINDOWS.map((w) => (
              <button key={w.seconds} type="button" className={`segmented__item${w.seconds === windowSeconds ? ' segmented__item--active' : ''}`} aria-pressed={w.seconds === windowSeconds} onClick={() => setWindowSeconds(w.seconds)}>
                {w.label}
              </button>
            ))}
          </div>
        ) : (
          <div className="view-header__meta">whole incident, filled up to the playhead</div>
        )}
      </div>
      <div className="metrics-view__layout">
        <Panel title="Metrics" subtitle={catalog.data ? `${catalog.data.length}` : undefined} padded={false} className="metrics-view__list">
          {catalog.data === undefined ? (
            catalog.error ? <ErrorMessage error={catalog.error} onRetry={catalog.refresh} /> : <LoadingMessage label="Loading metrics…" />
          ) : catalog.data.length === 0 ? (
            <EmptyMessage title="No metrics yet">Host metrics appear within seconds when sampling is on; apps send theirs over OTLP to /v1/metrics.</EmptyMessage>
          ) : (
            <MetricList metrics={catalog.data} selected={chosen} />
          )}
        </Panel>
        <Panel
          title={chosen ?? 'No metric chosen'}
          subtitle={data ? `${data.info.type.replace('_', ' ')} · ${MEANING_TEXT[data.meaning]}${unitLabel(data.unit) === '' ? '' : ` · ${unitLabel(data.unit)}`}` : undefined}
          className="metrics-view__chart"
        >
          {chosen === undefined ? (
            <EmptyMessage title="Pick a metric">Choose one from the list to chart it.</EmptyMessage>
          ) : data === undefined ? (
            series.error ? <ErrorMessage error={series.error} onRetry={series.refresh} /> : <LoadingMessage label="Loading the series…" />
          ) : data.series.every((s) => s.points.length === 0) ? (
            <EmptyMessage title="No points in this window">{incident === null ? 'Try a longer window.' : 'Move the playhead on, or play the incident.'}</EmptyMessage>
          ) : (
            <>
              {data.info.description !== '' && <p className="metrics-view__description muted">{data.info.description}</p>}
              {data.sharedLabel !== '' && <p className="metrics-view__shared num">{data.sharedLabel}</p>}
              <MetricChart data={data} fromMs={fromMs} toMs={toMs} findings={shaded} playheadMs={playheadMs} />
              <p className="metrics-view__foot muted num">
                {countOf(data.points, 'point')}
                {data.hiddenSeries > 0 && ` · ${countOf(data.hiddenSeries, 'quieter series', 'quieter series')} not drawn`}
              </p>
            </>
          )}
          {shaded.length > 0 && (
            <ul className="metrics-view__findings" aria-label="Findings in this window">
              {shaded.map((f) => (
                <li key={f.id}>
                  <span className={`metrics-view__swatch${f.aboutThisMetric ? ' metrics-view__swatch--about' : ''}`} aria-hidden="true" />
                  <a href={hrefFor({ view: 'finding', findingId: f.id })}>{f.title}</a>
                  {f.aboutThisMetric && <span className="muted"> · its evidence is this metric</span>}
                </li>
              ))}
            </ul>
          )}
        </Panel>
      </div>
    </div>
  );
}
