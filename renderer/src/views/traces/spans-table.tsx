// Spans as rows: when, which service, what, how long, how it ended. A row opens its trace. Only the rows in
// view (and a few either side) are in the DOM: spacer rows stand in for the rest, so 500 rows scroll as
// lightly as 20.
import { useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { SpanRow } from '../../../../common/api-contract.ts';
import { serviceColorStyle } from '../../components/service-color.ts';
import { StatusBadge } from '../../components/status-badge.tsx';
import { nanosToMillis, parseNanos } from '../../format/duration.ts';
import { formatClockTime, formatRelativeTime, formatTimestamp } from '../../format/relative-time.ts';
import { hrefFor } from '../../routing/route.ts';
import { navigate } from '../../routing/use-route.ts';
import { DurationCell } from '../../components/duration-cell.tsx';

/** A row's height in px (32 px cells, 1 px border). */
const ROW_PX = 33;

export function SpansTable({ spans, now }: { spans: SpanRow[]; now: number }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: spans.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_PX, overscan: 10 });
  const items = virtualizer.getVirtualItems();
  const padTop = items[0]?.start ?? 0;
  const padBottom = items.length === 0 ? 0 : virtualizer.getTotalSize() - items[items.length - 1].end;
  let longest = 0n;
  for (const span of spans) {
    const duration = parseNanos(span.durationNano) ?? 0n;
    if (duration > longest) longest = duration;
  }

  return (
    <div className="spans-table__scroll" ref={scrollRef}>
      <table className="table spans-table" aria-rowcount={spans.length + 1}>
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
          {padTop > 0 && <tr aria-hidden="true" style={{ height: padTop }} />}
          {items.map(({ index }) => {
            const span = spans[index];
            const startMs = nanosToMillis(span.startTimeUnixNano);
            const duration = parseNanos(span.durationNano) ?? 0n;
            const share = longest > 0n ? Number((duration * 1000n) / longest) / 10 : 0;
            const href = hrefFor({ view: 'trace', traceId: span.traceId });
            return (
              <tr
                key={`${span.traceId}:${span.spanId}`}
                aria-rowindex={index + 2}
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
          {padBottom > 0 && <tr aria-hidden="true" style={{ height: padBottom }} />}
        </tbody>
      </table>
    </div>
  );
}
