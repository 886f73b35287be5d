// Root spans as rows: when, which service, what, how long, how it ended. A row opens its trace.
import type { SpanRow } from '../../../../common/api-contract.ts';
import { serviceColorStyle } from '../../components/service-color.ts';
import { StatusBadge } from '../../components/status-badge.tsx';
import { nanosToMillis, parseNanos } from '../../format/duration.ts';
import { formatClockTime, formatRelativeTime, formatTimestamp } from '../../format/relative-time.ts';
import { hrefFor } from '../../routing/route.ts';
import { navigate } from '../../routing/use-route.ts';
import { DurationCell } from '../../components/duration-cell.tsx';

export function SpansTable({ spans, now }: { spans: SpanRow[]; now: number }) {
  let longest = 0n;
  for (const span of spans) {
    const duration = parseNanos(span.durationNano) ?? 0n;
    if (duration > longest) longest = duration;
  }

  return (
    <table className="table spans-table">
      <caption className="visually-hidden">Recent traces, newest first. Select an operation to open its trace.</caption>
      <colgroup>
        <col style={{ width: 176 }} />
        <col style={{ width: '22%' }} />
        <col />
        <col style={{ width: 100 }} />
        <col style={{ width: 190 }} />
        <col style={{ width: 92 }} />
      </colgroup>
      <thead>
        <tr>
          <th scope="col">Time</th>
          <th scope="col">Service</th>
          <th scope="col">Operation</th>
          <th scope="col">Trace</th>
          <th scope="col" className="align-right">
            Duration
          </th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {spans.map((span) => {
          const startMs = nanosToMillis(span.startTimeUnixNano);
          const duration = parseNanos(span.durationNano) ?? 0n;
          const share = longest > 0n ? Number((duration * 1000n) / longest) / 10 : 0;
          const href = hrefFor({ view: 'trace', traceId: span.traceId });
          return (
            <tr
              key={`${span.traceId}:${span.spanId}`}
              className={`spans-table__row${span.statusCode === 'error' ? ' spans-table__row--error' : ''}`}
              onClick={(event) => {
                if (event.target instanceof HTMLElement && event.target.closest('a')) return;
                navigate(href);
              }}
            >
              <td className="num" title={formatTimestamp(startMs)}>
                <span>{formatClockTime(startMs)}</span>{' '}
                <span className="faint spans-table__age">{formatRelativeTime(startMs, now)}</span>
              </td>
              <td>
                <span className="service-name" style={serviceColorStyle(span.serviceName)} title={span.serviceName}>
                  {span.serviceName}
                </span>
              </td>
              <td className="spans-table__operation">
                <a href={href} title={span.name}>
                  {span.name || <span className="faint">(unnamed)</span>}
                </a>
              </td>
              <td className="mono faint" title={span.traceId}>
                {span.traceId.slice(0, 8)}
              </td>
              <td className="align-right">
                <DurationCell durationNano={span.durationNano} sharePercent={share} />
              </td>
              <td>
                <StatusBadge status={span.statusCode} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
