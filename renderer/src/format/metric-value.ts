// Metric values in the unit they came with (OpenTelemetry / UCUM units): ratios as percentages, times
// as durations, bytes in SI, annotated counts ("{request}") as plain numbers.
import { formatBytes, formatBytesPerSecond } from './bytes.ts';
import { formatDuration } from './duration.ts';
import { formatPercent } from './percent.ts';
import { formatCompact, formatCount } from './rate.ts';

const TIME_UNITS: Record<string, number> = { ns: 1, us: 1e3, µs: 1e3, ms: 1e6, s: 1e9, min: 60e9, h: 3600e9 };

/** Whole numbers exactly ("1,805"); others to three significant digits, no exponent, no trailing zeros. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return '—';
  if (Number.isInteger(value)) return formatCount(value);
  if (Math.abs(value) >= 1000) return formatCompact(value);
  const text = Math.abs(value) >= 100 ? value.toFixed(0) : Math.abs(value) >= 10 ? value.toFixed(1) : Math.abs(value) >= 1 ? value.toFixed(2) : value.toPrecision(2);
  return text.includes('.') && !text.includes('e') ? text.replace(/\.?0+$/, '') : text;
}

export function formatMetricValue(value: number, unit: string): string {
  if (!Number.isFinite(value)) return '—';
  const trimmed = unit.trim();
  if (trimmed === '1') return formatPercent(value);
  if (trimmed === '%') return `${formatNumber(value)}%`;
  const perSecond = trimmed.endsWith('/s');
  const base = perSecond ? trimmed.slice(0, -2) : trimmed;
  const scale = TIME_UNITS[base];
  if (scale !== undefined && !perSecond) return value === 0 ? `0 ${base}` : formatDuration(Math.round(value * scale));
  if (base === 'By') return perSecond ? formatBytesPerSecond(value) : formatBytes(value);
  // UCUM annotations ("{connection}") name what is counted; the metric's name already says it.
  if (base === '' || /^\{.*\}$/.test(base)) return `${formatNumber(value)}${perSecond ? '/s' : ''}`;
  return `${formatNumber(value)} ${base}${perSecond ? '/s' : ''}`;
}

/** A short unit label for an axis: "%", "ms", "B", "" for plain counts. */
export function unitLabel(unit: string): string {
  const trimmed = unit.trim();
  if (trimmed === '1') return '%';
  if (trimmed.startsWith('By')) return trimmed.replace('By', 'B');
  return trimmed.replace(/\{[^}]*\}/g, '');
}
