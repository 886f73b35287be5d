// The evidence: before/after the onset, one chart per series, and the rule's named numbers.
import type { Finding } from '../../../../common/findings.ts';
import { Panel } from '../../components/panel.tsx';
import { nanosToMillis } from '../../format/duration.ts';
import { formatMetricValue } from '../../format/metric-value.ts';
import { describeChange, formatNamedNumber, summarizeEvidenceSeries } from '../../findings/finding-facts.ts';
import { EvidenceChart } from './evidence-chart.tsx';

function Comparison({ finding }: { finding: Finding }) {
  const rows = finding.evidence.comparison ?? [];
  if (rows.length === 0) return null;
  return (
    <div className="comparison">
      {rows.map((row) => {
        const change = describeChange(row.before, row.after);
        const worse = row.after > row.before;
        return (
          <div className="comparison__item" key={row.label}>
            <div className="comparison__label">{row.label}</div>
            <div className="comparison__values num">
              <span className="comparison__before">{formatMetricValue(row.before, row.unit)}</span>
              <span className="comparison__arrow" aria-label="became">
                →
              </span>
              <span className="comparison__after">{formatMetricValue(row.after, row.unit)}</span>
              {change && <span className={`comparison__change${worse ? ' comparison__change--up' : ''}`}>{change}</span>}
            </div>
            <div className="comparison__caption faint">before → after the onset</div>
          </div>
        );
      })}
    </div>
  );
}

function NamedNumbers({ numbers }: { numbers: Record<string, number> }) {
  const entries = Object.entries(numbers);
  if (entries.length === 0) return null;
  return (
    <dl className="named-numbers">
      {entries.map(([name, value]) => (
        <div key={name}>
          <dt className="mono">{name}</dt>
          <dd className="num">{formatNamedNumber(name, value)}</dd>
        </div>
      ))}
    </dl>
  );
}

export function EvidencePanel({ finding, playheadMs }: { finding: Finding; playheadMs: number | null }) {
  const onsetMs = nanosToMillis(finding.onsetUnixNano);
  const endMs = nanosToMillis(finding.endUnixNano);
  const { series, numbers } = finding.evidence;
  return (
    <Panel title="Evidence" className="evidence-panel">
      <Comparison finding={finding} />
      {series.map((entry, index) => {
        const { peak } = summarizeEvidenceSeries(entry);
        const attributes = Object.entries(entry.attributes);
        return (
          <figure className="evidence-series" key={`${entry.metric}:${index}`}>
            <figcaption className="evidence-series__caption">
              <span className="evidence-series__metric">{entry.metric}</span>
              {attributes.map(([key, value]) => (
                <span className="evidence-series__attribute mono" key={key}>
                  {key}={value}
                </span>
              ))}
              <span className="evidence-series__stats num">
                {peak !== null && <>peak {formatMetricValue(peak, entry.unit)}</>}
                {entry.threshold !== undefined && <> · threshold {formatMetricValue(entry.threshold, entry.unit)}</>}
              </span>
            </figcaption>
            <EvidenceChart series={entry} onsetMs={onsetMs} endMs={endMs} playheadMs={playheadMs} />
          </figure>
        );
      })}
      <NamedNumbers numbers={numbers} />
      {series.length === 0 && Object.keys(numbers).length === 0 && (finding.evidence.comparison ?? []).length === 0 && (
        <p className="muted">The rule recorded no series or numbers for this finding.</p>
      )}
    </Panel>
  );
}
