// The spans the rule singled out, most telling first, and further trace ids; each opens its trace.
import type { Finding } from '../../../../common/findings.ts';
import { Panel } from '../../components/panel.tsx';
import { parseNanos } from '../../format/duration.ts';
import type { DataSource } from '../../routing/route.ts';
import { hrefFor } from '../../routing/route.ts';
import { DurationCell } from '../../components/duration-cell.tsx';

const MAX_ROWS = 20;

export function OffendingSpans({ finding, source }: { finding: Finding; source: DataSource }) {
  const { spans, traceIds } = finding.evidence;
  const listed = new Set(spans.map((span) => span.traceId));
  const otherTraces = traceIds.filter((traceId) => !listed.has(traceId));
  if (spans.length === 0 && otherTraces.length === 0) return null;
  let longest = 1n;
  for (const span of spans) {
    const duration = parseNanos(span.durationNano) ?? 0n;
    if (duration > longest) longest = duration;
  }
  const link = (traceId: string, spanId?: string): string => hrefFor({ view: 'trace', traceId, source, spanId });
  return (
    <Panel title="Offending spans" subtitle={`${spans.length} spans · ${new Set([...listed, ...traceIds]).size} traces`} padded={false}>
      {spans.length > 0 && (
        <table className="table offending-spans">
          <colgroup>
            <col />
            <col style={{ width: 120 }} />
            <col style={{ width: 190 }} />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">Span</th>
              <th scope="col">Trace</th>
              <th scope="col" className="align-right">
                Duration
              </th>
            </tr>
          </thead>
          <tbody>
            {spans.slice(0, MAX_ROWS).map((span) => {
              const duration = parseNanos(span.durationNano) ?? 0n;
              const share = Number((duration * 1000n) / longest) / 10;
              return (
                <tr key={`${span.traceId}:${span.spanId}`}>
                  <td className="offending-spans__name">
                    <a href={link(span.traceId, span.spanId)} title={`Open trace ${span.traceId} at this span`}>
                      {span.name || '(unnamed)'}
                    </a>
                  </td>
                  <td className="mono faint" title={span.traceId}>
                    {span.traceId.slice(0, 8)}
                  </td>
                  <td className="align-right">
                    <DurationCell durationNano={span.durationNano} sharePercent={share} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {spans.length > MAX_ROWS && <p className="offending-spans__more muted">and {spans.length - MAX_ROWS} more spans</p>}
      {otherTraces.length > 0 && (
        <div className="offending-spans__traces">
          <span className="muted">{spans.length > 0 ? 'More traces' : 'Traces'}</span>
          {otherTraces.slice(0, MAX_ROWS).map((traceId) => (
            <a key={traceId} className="mono" href={link(traceId)}>
              {traceId.slice(0, 8)}
            </a>
          ))}
        </div>
      )}
    </Panel>
  );
}
