// Words and thresholds for one call path of the service map, shared by the graph's tooltips and the table.
import type { ServiceMapEdge } from '../../../../common/service-map.ts';
import { formatMetricValue } from '../../format/metric-value.ts';
import { formatPercent } from '../../format/percent.ts';
import { formatCompact } from '../../format/rate.ts';

/** Share of failed calls from which a call path is drawn red. */
export const FAILING_ERROR_SHARE = 0.05;

export function errorShare(edge: ServiceMapEdge): number {
  return edge.calls > 0 ? edge.errors / edge.calls : 0;
}

export function isFailingEdge(edge: ServiceMapEdge): boolean {
  return errorShare(edge) >= FAILING_ERROR_SHARE;
}

export function edgeSummary(edge: ServiceMapEdge): string {
  return `${formatCompact(edge.callsPerSecond)} calls/s · ${formatPercent(errorShare(edge))} failed · p50 ${formatMetricValue(edge.p50Ms, 'ms')} · p95 ${formatMetricValue(edge.p95Ms, 'ms')}`;
}
