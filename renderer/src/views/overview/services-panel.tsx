// Services that sent spans: volume, errors and when each was last heard from.
import type { ServiceSummary } from '../../../../common/api-contract.ts';
import type { ApiRequestError } from '../../api/index.ts';
import { Panel } from '../../components/panel.tsx';
import { seedServiceColors, serviceColorStyle } from '../../components/service-color.ts';
import { EmptyMessage, ErrorMessage, LoadingMessage } from '../../components/state-message.tsx';
import { nanosToMillis } from '../../format/duration.ts';
import { formatPercent } from '../../format/percent.ts';
import { formatCount } from '../../format/rate.ts';
import { formatRelativeTime, formatTimestamp } from '../../format/relative-time.ts';
import { useNow } from '../../hooks/use-now.ts';
import { hrefFor } from '../../routing/route.ts';

export interface ServicesPanelProps {
  services: ServiceSummary[] | undefined;
  error: ApiRequestError | null;
  onRetry: () => void;
  /** "now" for "last seen": the playhead in an incident; the clock when left out. */
  nowMs?: number;
}

export function ServicesPanel({ services, error, onRetry, nowMs }: ServicesPanelProps) {
  const clock = useNow(1000);
  const now = nowMs ?? clock;
  const sorted = services ? [...services].sort((a, b) => b.spanCount - a.spanCount) : undefined;
  if (sorted) seedServiceColors(sorted.map((service) => service.serviceName));
  return (
    <Panel
      title="Services"
      subtitle={sorted ? `${sorted.length}` : undefined}
      padded={false}
    >
      {sorted === undefined ? (
        error ? (
          <ErrorMessage error={error} onRetry={onRetry} />
        ) : (
          <LoadingMessage label="Loading services…" />
        )
      ) : sorted.length === 0 ? (
        <EmptyMessage title="No services yet">Services appear as soon as their first spans arrive.</EmptyMessage>
      ) : (
        <div className="table-scroll">
          <table className="table services-table">
            <colgroup>
              <col />
              <col style={{ width: 110 }} />
              <col style={{ width: 96 }} />
              <col style={{ width: 96 }} />
              <col style={{ width: 112 }} />
            </colgroup>
            <thead>
              <tr>
                <th scope="col">Service</th>
                <th scope="col" className="align-right">
                  Spans
                </th>
                <th scope="col" className="align-right">
                  Errors
                </th>
                <th scope="col" className="align-right">
                  Error rate
                </th>
                <th scope="col" className="align-right">
                  Last seen
                </th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((service) => {
                const lastSeen = nanosToMillis(service.lastSeenUnixNano);
                const errorRate = service.spanCount > 0 ? service.errorCount / service.spanCount : 0;
                return (
                  <tr key={service.serviceName}>
                    <td>
                      <a
                        className="service-name"
                        style={serviceColorStyle(service.serviceName)}
                        href={hrefFor({ view: 'traces', service: service.serviceName })}
                        title={`Recent traces of ${service.serviceName}`}
                      >
                        {service.serviceName}
                      </a>
                    </td>
                    <td className="align-right num">{formatCount(service.spanCount)}</td>
                    <td className={`align-right num${service.errorCount > 0 ? ' text-error' : ''}`}>
                      {formatCount(service.errorCount)}
                    </td>
                    <td className={`align-right num${errorRate > 0 ? ' text-error' : ' faint'}`}>
                      {service.spanCount > 0 ? formatPercent(errorRate) : '—'}
                    </td>
                    <td className="align-right num muted" title={formatTimestamp(lastSeen)}>
                      {formatRelativeTime(lastSeen, now)}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}
