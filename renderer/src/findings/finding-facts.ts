// The numbers of a finding in words: named numbers with the unit their name implies, before/after changes,
// the peak of an evidence series, the confidence level, where and when.
import type { EvidenceSeries, Finding } from '../../../common/findings.ts';
import { formatDuration, nanosToMillis, parseNanos } from '../format/duration.ts';
import { formatMetricValue, formatNumber } from '../format/metric-value.ts';

/** The unit a named number's key implies ("waiting.p95_ms" → ms), or '' when it says none. */
export function unitFromName(name: string): string {
  const last = name.toLowerCase().split(/[._]/).pop() ?? '';
  if (['ms', 'millis', 'milliseconds'].includes(last)) return 'ms';
  if (['s', 'sec', 'seconds'].includes(last)) return 's';
  if (['bytes', 'by'].includes(last)) return 'By';
  if (['pct', 'percent'].includes(last)) return '%';
  if (/(^|[._])(ratio|share|utilization|busy)([._]|$)/.test(name.toLowerCase())) return '1';
  return '';
}

export function formatNamedNumber(name: string, value: number): string {
  const unit = unitFromName(name);
  return unit === '' ? formatNumber(value) : formatMetricValue(value, unit);
}

/** "×3.5" for big changes, "+46%" / "−20%" for smaller ones; '' when it cannot be said. */
export function describeChange(before: number, after: number): string {
  if (!Number.isFinite(before) || !Number.isFinite(after) || before <= 0) return '';
  const ratio = after / before;
  if (ratio >= 2) return `×${formatNumber(ratio)}`;
  const percent = Math.round((ratio - 1) * 100);
  if (percent === 0) return 'unchanged';
  return percent > 0 ? `+${percent}%` : `−${Math.abs(percent)}%`;
}

export interface SeriesSummary {
  peak: number | null;
  /** The first time the series crossed its threshold. */
  crossedAtMs: number | null;
}

export function summarizeEvidenceSeries(series: EvidenceSeries): SeriesSummary {
  let peak: number | null = null;
  let crossedAtMs: number | null = null;
  for (const point of series.points) {
    if (!Number.isFinite(point.value)) continue;
    if (peak === null || point.value > peak) peak = point.value;
    if (crossedAtMs === null && series.threshold !== undefined && point.value > series.threshold) {
      crossedAtMs = nanosToMillis(point.timeUnixNano);
    }
  }
  return { peak, crossedAtMs };
}

/** "system.cpu.utilization {host=vm}". */
export function seriesLabel(series: EvidenceSeries): string {
  const attributes = Object.entries(series.attributes).map(([key, value]) => `${key}=${value}`);
  return attributes.length > 0 ? `${series.metric} {${attributes.join(', ')}}` : series.metric;
}

export type ConfidenceLevel = 'high' | 'medium' | 'low';

export function confidenceLevel(confidence: number): ConfidenceLevel {
  return confidence >= 0.85 ? 'high' : confidence >= 0.6 ? 'medium' : 'low';
}

/** "medium confidence (70%)". */
export function describeConfidence(confidence: number): string {
  return `${confidenceLevel(confidence)} confidence (${Math.round(Math.min(Math.max(confidence, 0), 1) * 100)}%)`;
}

/** "service shop · pg-pool", or '' when the finding names neither. */
export function describeWhere(finding: Pick<Finding, 'service' | 'resource'>): string {
  return [finding.service, finding.resource].filter((part) => part !== undefined && part !== '').join(' · ');
}

/** How long the finding's condition held, e.g. "36 s". */
export function findingDuration(finding: Pick<Finding, 'onsetUnixNano' | 'endUnixNano'>): string {
  const onset = parseNanos(finding.onsetUnixNano);
  const end = parseNanos(finding.endUnixNano);
  if (onset === null || end === null || end < onset) return '—';
  return formatDuration(end - onset);
}
