// The selected span: identity, timing and status at once (from the waterfall's row), then attributes,
// events and resource as soon as the span's detail arrives.
import type { ReactNode } from 'react';
import type { SpanDetail, SpanRow } from '../../../../common/api-contract.ts';
import type { ApiRequestError } from '../../api/index.ts';
import { ErrorMessage, LoadingMessage } from '../../components/state-message.tsx';
import { CopyButton } from '../../components/copy-button.tsx';
import { serviceColorStyle } from '../../components/service-color.ts';
import { StatusBadge } from '../../components/status-badge.tsx';
import { formatDuration, parseNanos } from '../../format/duration.ts';
import { Icon } from '../../shell/icon.tsx';
import { formatAttributeValue, sortedEntries } from './attribute-value.ts';

export interface SpanDetailsProps {
  span: SpanRow;
  /** The span in full; undefined while it loads. */
  detail: SpanDetail | undefined;
  detailError: ApiRequestError | null;
  onRetry: () => void;
  /** Nanoseconds from the trace start. */
  offsetNano: bigint;
  onClose: () => void;
}

function AttributeTable({ record, empty }: { record: Record<string, unknown>; empty: string }) {
  const entries = sortedEntries(record);
  if (entries.length === 0) return <p className="faint span-details__empty">{empty}</p>;
  return (
    <table className="attribute-table">
      <tbody>
        {entries.map(([key, value]) => (
          <tr key={key}>
            <th scope="row" title={key}>
              {key}
            </th>
            <td>
              <code>{formatAttributeValue(value)}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function DetailSections({ detail, start }: { detail: SpanDetail; start: bigint }) {
  return (
    <>
      <section className="span-details__section">
        <h3>Attributes</h3>
        <AttributeTable record={detail.attributes} empty="No attributes." />
      </section>

      <section className="span-details__section">
        <h3>Events {detail.events.length > 0 && <span className="faint">{detail.events.length}</span>}</h3>
        {detail.events.length === 0 ? (
          <p className="faint span-details__empty">No events.</p>
        ) : (
          <ol className="span-events">
            {detail.events.map((event, index) => {
              const at = (parseNanos(event.timeUnixNano) ?? start) - start;
              return (
                <li key={`${event.timeUnixNano}-${index}`} className={event.name === 'exception' ? 'span-events__item--error' : undefined}>
                  <div className="span-events__head">
                    <span className="span-events__name">{event.name}</span>
                    <span className="num faint">+{formatDuration(at)}</span>
                  </div>
                  {Object.keys(event.attributes).length > 0 && <AttributeTable record={event.attributes} empty="" />}
                </li>
              );
            })}
          </ol>
        )}
      </section>

      <details className="span-details__section">
        <summary>
          <h3>Resource</h3>
        </summary>
        <AttributeTable record={detail.resourceAttributes} empty="No resource attributes." />
      </details>
    </>
  );
}

export function SpanDetails({ span, detail, detailError, onRetry, offsetNano, onClose }: SpanDetailsProps) {
  const start = parseNanos(span.startTimeUnixNano) ?? 0n;
  const facts: [string, ReactNode][] = [
    ['Duration', <span className="num">{formatDuration(span.durationNano)}</span>],
    ['Starts at', <span className="num">+{formatDuration(offsetNano)}</span>],
    ['Kind', span.kind],
    [
      'Span ID',
      <span className="span-details__id">
        <code>{span.spanId}</code>
        <CopyButton text={span.spanId} label="Copy span ID" compact />
      </span>,
    ],
    ['Parent ID', span.parentSpanId ? <code>{span.parentSpanId}</code> : <span className="faint">none (root)</span>],
  ];
  return (
    <aside className="span-details panel" aria-labelledby="span-details-title">
      <div className="span-details__header">
        <div className="span-details__heading">
          <span className="service-name" style={serviceColorStyle(span.serviceName)}>
            {span.serviceName}
          </span>
          <h2 id="span-details-title" title={span.name}>
            {span.name || '(unnamed)'}
          </h2>
        </div>
        <button type="button" className="icon-button" onClick={onClose} aria-label="Close span details">
          <Icon name="close" />
        </button>
      </div>
      <div className="span-details__scroll">
        <div className="span-details__status">
          <StatusBadge status={span.statusCode} />
          {span.statusMessage && <span className="span-details__status-message">{span.statusMessage}</span>}
        </div>
        <dl className="span-details__facts">
          {facts.map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>

        {detail !== undefined && detail.spanId === span.spanId ? (
          <DetailSections detail={detail} start={start} />
        ) : detailError ? (
          <ErrorMessage error={detailError} onRetry={onRetry} />
        ) : (
          <LoadingMessage label="Loading attributes and events…" />
        )}
      </div>
    </aside>
  );
}
