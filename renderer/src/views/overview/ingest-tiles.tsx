// Ingest rates and stored totals per signal, from the live channel (or health polling), each
// with the last two minutes of its rate as a sparkline.
import type { SeriesPoint } from '../../../../common/api-contract.ts';
import type { TelemetryCounts } from '../../../../common/telemetry.ts';
import { Sparkline } from '../../components/sparkline.tsx';
import { formatCompact, formatCount } from '../../format/rate.ts';
import { useLive } from '../../live/live-context.tsx';
import type { RateSample } from '../../live/live-context.tsx';

const HISTORY_WINDOW_MS = 120_000;

const SIGNALS: { key: keyof TelemetryCounts; label: string; color: string }[] = [
  { key: 'spans', label: 'Spans', color: 'var(--accent)' },
  { key: 'metricPoints', label: 'Metric points', color: 'var(--accent)' },
  { key: 'logs', label: 'Logs', color: 'var(--accent)' },
];

function seriesOf(history: RateSample[], key: keyof TelemetryCounts): SeriesPoint[] {
  return history.map((sample) => ({ t: sample.t, v: sample[key] }));
}

export function IngestTiles() {
  const { counts, rates, source, history, updatedAt } = useLive();
  // The history is this page's own; until it spans the window, let it fill the width rather than
  // squeeze a few seconds into the right edge.
  const end = updatedAt ?? 0;
  const covered = history.length > 0 && (history[0]?.t ?? end) <= end - HISTORY_WINDOW_MS;
  const timeDomain: [number, number] | undefined = covered ? [end - HISTORY_WINDOW_MS, end] : undefined;
  const waiting = counts === null && source !== 'offline';
  return (
    <section className="overview-section" aria-labelledby="ingest-heading">
      <h2 className="section-label" id="ingest-heading">
        Ingest
      </h2>
      <div className="ingest-tiles">
      {SIGNALS.map(({ key, label, color }) => (
        <div className="stat-tile" key={key}>
          <div className="stat-tile__text">
            <div className="stat-tile__label">{label}</div>
            <div className="stat-tile__value num">
              {rates ? (
                <>
                  {formatCompact(rates[key])}
                  <span className="stat-tile__unit">/s</span>
                </>
              ) : waiting ? (
                <span className="skeleton" />
              ) : (
                '—'
              )}
            </div>
            <div className="stat-tile__sub num">
              {counts ? (
                <>
                  {formatCount(counts[key])} <span className="faint">stored</span>
                </>
              ) : waiting ? (
                <span className="skeleton" style={{ width: '9ch' }} />
              ) : (
                <span className="faint">unknown</span>
              )}
            </div>
          </div>
          <div className="stat-tile__chart">
            <Sparkline
              points={seriesOf(history, key)}
              domain="auto"
              timeDomain={timeDomain}
              color={color}
              label={`${label} per second, recent history`}
              height={48}
            />
          </div>
        </div>
      ))}
      </div>
    </section>
  );
}
