// The dependency map drawn as SVG: a box per service, database and external host, an arrow per call path.
// Arrow width grows with the call rate; arrows with 5 % or more failed calls are red. Each box links to
// its service's traces; each arrow has its figures as a tooltip (the table below lists them too).
import { serviceColorStyle } from '../../components/service-color.ts';
import { formatPercent } from '../../format/percent.ts';
import { formatCompact } from '../../format/rate.ts';
import { hrefFor } from '../../routing/route.ts';
import type { MapLayout, PlacedEdge, PlacedNode } from './map-layout.ts';
import { NODE_HEIGHT, NODE_WIDTH } from './map-layout.ts';
import { edgeSummary, isFailingEdge } from './edge-figures.ts';

/** What fits a box at 13px; longer names are cut (the box's tooltip has the whole name). */
const MAX_LABEL_CHARS = 21;
const KIND_LABEL = { service: 'service', database: 'database', external: 'external host' } as const;

function NodeBox({ node }: { node: PlacedNode }) {
  const errorShare = node.spans > 0 ? node.errors / node.spans : 0;
  const box = (
    <g transform={`translate(${node.x},${node.y})`} className={`service-map__node service-map__node--${node.kind}`} style={node.kind === 'service' ? serviceColorStyle(node.id) : undefined}>
      <title>{`${node.label} (${KIND_LABEL[node.kind]})`}</title>
      <rect width={NODE_WIDTH} height={NODE_HEIGHT} rx={6} />
      {node.kind === 'service' && <rect className="service-map__swatch" width={4} height={NODE_HEIGHT} rx={2} />}
      <text x={12} y={19} className="service-map__label">
        {node.label.length > MAX_LABEL_CHARS ? `${node.label.slice(0, MAX_LABEL_CHARS - 1)}…` : node.label}
      </text>
      <text x={12} y={35} className="service-map__sub">
        {node.kind === 'service' ? `${node.spans === 1 ? '1 span' : `${formatCompact(node.spans)} spans`}${node.errors > 0 ? ` · ${formatPercent(errorShare)} errors` : ''}` : KIND_LABEL[node.kind]}
      </text>
    </g>
  );
  return node.kind === 'service' ? (
    <a href={hrefFor({ view: 'traces', service: node.id })} aria-label={`${node.label}: recent traces`}>
      {box}
    </a>
  ) : (
    box
  );
}

function EdgeArrow({ edge, maxRate }: { edge: PlacedEdge; maxRate: number }) {
  const width = 1.5 + 3.5 * Math.sqrt(edge.callsPerSecond / Math.max(maxRate, 1e-9));
  const failing = isFailingEdge(edge);
  return (
    <g className={`service-map__edge${failing ? ' service-map__edge--failing' : ''}`}>
      <title>{`${edge.from} → ${edge.to}: ${edgeSummary(edge)}`}</title>
      <path d={edge.path} strokeWidth={width} markerEnd={failing ? 'url(#service-map-arrow-failing)' : 'url(#service-map-arrow)'} />
      <text x={edge.labelX} y={edge.labelY} textAnchor="middle" className="service-map__edge-label">
        {`${formatCompact(edge.callsPerSecond)}/s`}
      </text>
    </g>
  );
}

export function ServiceMapGraph({ layout }: { layout: MapLayout }) {
  const maxRate = Math.max(0, ...layout.edges.map((e) => e.callsPerSecond));
  return (
    <div className="service-map__scroll">
      <svg className="service-map" width={layout.width} height={layout.height} viewBox={`0 0 ${layout.width} ${layout.height}`} role="img" aria-label={`Dependency map: ${layout.nodes.length} nodes, ${layout.edges.length} call paths`}>
        <defs>
          {(['arrow', 'arrow-failing'] as const).map((id) => (
            <marker key={id} id={`service-map-${id}`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="9" markerHeight="9" markerUnits="userSpaceOnUse" orient="auto-start-reverse" className={`service-map__marker service-map__marker--${id}`}>
              <path d="M0,0 L10,5 L0,10 z" />
            </marker>
          ))}
        </defs>
        {layout.edges.map((edge) => (
          <EdgeArrow key={`${edge.from}>${edge.to}`} edge={edge} maxRate={maxRate} />
        ))}
        {layout.nodes.map((node) => (
          <NodeBox key={node.id} node={node} />
        ))}
      </svg>
    </div>
  );
}
