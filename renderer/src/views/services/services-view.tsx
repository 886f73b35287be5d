// Services: the dependency map derived from the spans (who calls whom, with rate, failures and latency per
// call path), then the same paths as a table. Live data shows the last 15 minutes; an incident shows its
// start up to the playhead.
import { request } from '../../api/index.ts';
import { Panel } from '../../components/panel.tsx';
import { seedServiceColors, serviceColorStyle } from '../../components/service-color.ts';
import { EmptyMessage, ErrorMessage, LoadingMessage } from '../../components/state-message.tsx';
import { formatMetricValue } from '../../format/metric-value.ts';
import { formatPercent } from '../../format/percent.ts';
import { countOf } from '../../format/plural.ts';
import { formatCompact, formatCount } from '../../format/rate.ts';
import { useScopedPoll } from '../../incident/use-scoped-poll.ts';
import { hrefFor } from '../../routing/route.ts';
import { errorShare, isFailingEdge } from './edge-figures.ts';
import { layoutServiceMap } from './map-layout.ts';
import { ServiceMapGraph } from './service-map-graph.tsx';
import type { ServiceMapResponse } from '../../../../common/service-map.ts';
import './services.css';

const LIVE_POLL_MS = 5000;

function EdgesTable({ map }: { map: ServiceMapResponse }) {
  const labels = new Map(map.nodes.map((n) => [n.id, n]));
  const nameCell = (id: string) => {
    const node = labels.get(id);
    if (node === undefined || node.kind !== 'service') return <span className="muted">{node?.label ?? id}</span>;
    return (
      <a className="service-name" style={serviceColorStyle(id)} href={hrefFor({ view: 'traces', service: id })}>
        {node.label}
      </a>
    );
  };
  return (
    <div className="table-scroll">
      <table className="table services-edges">
        <colgroup>
          <col />
          <col />
          <col style={{ width: 90 }} />
          <col style={{ width: 90 }} />
          <col style={{ width: 80 }} />
          <col style={{ width: 90 }} />
          <col style={{ width: 90 }} />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">Caller</th>
            <th scope="col">Callee</th>
            <th scope="col" className="align-right">Calls</th>
            <th scope="col" className="align-right">Rate</th>
            <th scope="col" className="align-right">Failed</th>
            <th scope="col" className="align-right">p50</th>
            <th scope="col" className="align-right">p95</th>
          </tr>
        </thead>
        <tbody>
          {map.edges.map((edge) => (
            <tr key={`${edge.from}>${edge.to}`}>
              <td>{nameCell(edge.from)}</td>
              <td>{nameCell(edge.to)}</td>
              <td className="align-right num">{formatCount(edge.calls)}</td>
              <td className="align-right num">{formatCompact(edge.callsPerSecond)}/s</td>
              <td className={`align-right num${isFailingEdge(edge) ? ' text-error' : ''}`}>{formatPercent(errorShare(edge))}</td>
              <td className="align-right num">{formatMetricValue(edge.p50Ms, 'ms')}</td>
              <td className="align-right num">{formatMetricValue(edge.p95Ms, 'ms')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ServicesView() {
  const map = useScopedPoll(
    (signal, scope) => request('serviceMap', scope.source === 'live' ? {} : { source: 'incident', until: scope.until }, { signal }),
    LIVE_POLL_MS,
  );
  const data = map.data;
  if (data) seedServiceColors(data.nodes.filter((n) => n.kind === 'service').map((n) => n.id));
  const windowText = map.scope.source === 'live' ? 'last 15 minutes' : 'incident up to the playhead';
  return (
    <div className="view services-view">
      <div className="view-header">
        <h1>Services</h1>
        <div className="view-header__meta num">
          {data ? `${windowText} · ${countOf(data.spansRead, 'span')}${data.truncated ? ' (the newest only)' : ''}` : windowText}
        </div>
      </div>
      {data === undefined ? (
        <Panel title="Dependency map">{map.error ? <ErrorMessage error={map.error} onRetry={map.refresh} /> : <LoadingMessage label="Building the map…" />}</Panel>
      ) : data.nodes.length === 0 ? (
        <Panel title="Dependency map">
          <EmptyMessage title="No spans in this window">The map draws itself from spans: a child span in another service is a call between them.</EmptyMessage>
        </Panel>
      ) : (
        <>
          <Panel title="Dependency map" subtitle={`${countOf(data.nodes.length, 'node')} · ${countOf(data.edges.length, 'call path')}`} padded={false}>
            <ServiceMapGraph layout={layoutServiceMap(data.nodes, data.edges)} />
            <p className="services-view__legend muted">
              Arrow width follows the call rate; red arrows have 5% or more failed calls. Durations are the callee’s server spans, or the caller’s client spans for databases and untraced hosts.
            </p>
          </Panel>
          <Panel title="Call paths" subtitle={`${data.edges.length}`} padded={false}>
            {data.edges.length === 0 ? <EmptyMessage title="No calls between services yet">Each service here only has spans of its own.</EmptyMessage> : <EdgesTable map={data} />}
          </Panel>
        </>
      )}
    </div>
  );
}
