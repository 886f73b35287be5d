// CPU, memory, disk busy and network of this host: the current value big, the window as a sparkline.
import type { ReactNode } from 'react';
import type { HostOverviewResponse, SeriesPoint } from '../../../../common/api-contract.ts';
import type { ApiRequestError } from '../../api/index.ts';
import { Sparkline } from '../../components/sparkline.tsx';
import { formatBytesPerSecond } from '../../format/bytes.ts';
import { formatPercent } from '../../format/percent.ts';
import { useNow } from '../../hooks/use-now.ts';
import { summarizeSeries } from './series-summary.ts';

interface GaugeSpec {
  key: keyof HostOverviewResponse;
  label: string;
  color: string;
  format(value: number): string;
  domain: [number, number] | 'auto';
}

const GAUGES: GaugeSpec[] = [
  { key: 'cpuUtilization', label: 'CPU', color: 'var(--series-cpu)', format: formatPercent, domain: [0, 1] },
  { key: 'memoryUtilization', label: 'Memory', color: 'var(--series-memory)', format: formatPercent, domain: [0, 1] },
  { key: 'diskBusy', label: 'Disk busy', color: 'var(--series-disk)', format: formatPercent, domain: [0, 1] },
  {
    key: 'networkBytesPerSecond',
    label: 'Network',
    color: 'var(--series-network)',
    format: formatBytesPerSecond,
    domain: 'auto',
  },
];

export interface HostGaugesProps {
  data: HostOverviewResponse | undefined;
  error: ApiRequestError | null;
  loading: boolean;
  windowSeconds: number;
  /** False when `info` says the host sampler is off. */
  enabled: boolean;
  /** The window's end (Unix ms): the playhead in an incident; the clock when left out. */
  endMs?: number;
  /** The sparklines' time axis; by default the window ending at `endMs`. */
  timeDomain?: [number, number];
  /** The heading, e.g. "This host" or "Hosts in the incident". */
  title?: string;
}

export function HostGauges({ data, error, loading, windowSeconds, enabled, endMs, timeDomain, title = 'This host' }: HostGaugesProps) {
  const clock = useNow(2000);
  const now = endMs ?? clock;
  const replay = endMs !== undefined;
  const windowLabel = windowSeconds >= 120 ? `${Math.round(windowSeconds / 60)} min` : `${windowSeconds} s`;
  return (
    <section className="overview-section" aria-labelledby="host-heading">
      <h2 className="section-label" id="host-heading">
        {title}
      </h2>
      <div className="host-gauges">
      {GAUGES.map((gauge) => (
        <GaugeCard
          key={gauge.key}
          spec={gauge}
          points={data?.[gauge.key]}
          now={now}
          loading={loading && !data}
          failed={error !== null && !data}
          enabled={enabled}
          windowLabel={windowLabel}
          timeDomain={timeDomain ?? [now - windowSeconds * 1000, now]}
          replay={replay}
        />
      ))}
      </div>
    </section>
  );
}

interface GaugeCardProps {
  spec: GaugeSpec;
  points: SeriesPoint[] | undefined;
  now: number;
  loading: boolean;
  failed: boolean;
  enabled: boolean;
  windowLabel: string;
  timeDomain: [number, number];
  /** Incident data up to the playhead rather than live samples. */
  replay: boolean;
}

function GaugeCard({ spec, points, now, loading, failed, enabled, windowLabel, timeDomain, replay }: GaugeCardProps) {
  const summary = summarizeSeries(points ?? [], now);
  let value: ReactNode;
  let note: string;
  if (loading) {
    value = <span className="skeleton" style={{ width: '5ch' }} />;
    note = '';
  } else if (summary.current === null) {
    value = '—';
    note = failed
      ? 'Could not load host metrics'
      : replay
        ? 'No samples up to the playhead'
        : enabled
          ? 'Waiting for the first sample'
          : 'Host metrics are off';
  } else {
    value = spec.format(summary.current);
    const stats = `avg ${spec.format(summary.average ?? 0)} · peak ${spec.format(summary.peak ?? 0)}`;
    note = summary.stale ? `No new samples · ${stats}` : stats;
  }
  const label = `${spec.label} over the ${windowLabel} ${replay ? 'before the playhead' : 'just past'}`;
  return (
    <div className={`gauge-card${summary.stale ? ' gauge-card--stale' : ''}`}>
      <div className="gauge-card__top">
        <span className="gauge-card__label">
          <span className="gauge-card__swatch" style={{ background: spec.color }} aria-hidden="true" />
          {spec.label}
        </span>
        <span className="gauge-card__window faint">{windowLabel}</span>
      </div>
      <div className="gauge-card__value num">{value}</div>
      <div className="gauge-card__note num" title={note}>
        {note || '\u00a0'}
      </div>
      <Sparkline
        points={points ?? []}
        domain={spec.domain}
        timeDomain={timeDomain}
        color={spec.color}
        label={label}
      />
    </div>
  );
}
