// A finding as ticket-ready Markdown: what, where and when, the evidence with its numbers, the traces to
// look at, the recommended technique and why, the alternatives and what not to do yet.
import type { Finding } from '../../../common/findings.ts';
import { nanosToMillis } from '../format/duration.ts';
import { formatMetricValue } from '../format/metric-value.ts';
import {
  describeChange,
  confidenceLevel,
  describeWhere,
  findingDuration,
  formatNamedNumber,
  seriesLabel,
  summarizeEvidenceSeries,
} from './finding-facts.ts';

const MAX_TRACES = 10;

/** "2026-11-23 06:54:12 UTC": tickets are read in other time zones. */
export function formatUtc(unixNano: string): string {
  const ms = nanosToMillis(unixNano);
  if (!Number.isFinite(ms)) return '—';
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** Backticks and line breaks would break the Markdown around them. */
function inline(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/`/g, "'");
}

function evidenceLines(finding: Finding): string[] {
  const lines: string[] = [];
  for (const change of finding.evidence.comparison ?? []) {
    const how = describeChange(change.before, change.after);
    lines.push(
      `- ${inline(change.label)}: ${formatMetricValue(change.before, change.unit)} → ${formatMetricValue(change.after, change.unit)}${how ? ` (${how})` : ''}`,
    );
  }
  for (const [name, value] of Object.entries(finding.evidence.numbers)) {
    lines.push(`- \`${inline(name)}\`: ${formatNamedNumber(name, value)}`);
  }
  for (const series of finding.evidence.series) {
    const { peak } = summarizeEvidenceSeries(series);
    const parts = [peak === null ? 'no points' : `peak ${formatMetricValue(peak, series.unit)}`];
    if (series.threshold !== undefined) parts.push(`threshold ${formatMetricValue(series.threshold, series.unit)}`);
    lines.push(`- \`${inline(seriesLabel(series))}\`: ${parts.join(', ')}`);
  }
  return lines;
}

function traceLines(finding: Finding): string[] {
  const lines: string[] = [];
  const seen = new Set<string>();
  for (const span of finding.evidence.spans) {
    if (seen.size >= MAX_TRACES || seen.has(span.traceId)) continue;
    seen.add(span.traceId);
    lines.push(`- \`${span.traceId}\` ${inline(span.name)} (${formatMetricValue(Number(span.durationNano) / 1e6, 'ms')})`);
  }
  for (const traceId of finding.evidence.traceIds) {
    if (seen.size >= MAX_TRACES || seen.has(traceId)) continue;
    seen.add(traceId);
    lines.push(`- \`${traceId}\``);
  }
  return lines;
}

export function findingToMarkdown(finding: Finding): string {
  const out: string[] = [`## [${finding.severity.toUpperCase()}] ${inline(finding.title)}`, '', finding.summary.trim(), ''];
  const where = describeWhere(finding);
  if (where) out.push(`- **Where:** ${inline(where)}`);
  out.push(`- **When:** ${formatUtc(finding.onsetUnixNano)} → ${formatUtc(finding.endUnixNano)} (${findingDuration(finding)})`);
  out.push(`- **Confidence:** ${confidenceLevel(finding.confidence)} (${Math.round(finding.confidence * 100)}%)`);

  const evidence = evidenceLines(finding);
  if (evidence.length > 0) out.push('', '### Evidence', '', ...evidence);
  const traces = traceLines(finding);
  if (traces.length > 0) out.push('', '### Traces', '', ...traces);

  const [primary, ...alternatives] = finding.techniques;
  if (primary) {
    out.push('', `### Recommended: ${inline(primary.name)}`, '', primary.why.trim());
    if (alternatives.length > 0) {
      out.push('', 'Alternatives:', '', ...alternatives.map((technique) => `- **${inline(technique.name)}**: ${inline(technique.why)}`));
    }
  }
  if (finding.notYet && finding.notYet.length > 0) {
    out.push('', '### Not yet', '', ...finding.notYet.map((note) => `- ${inline(note)}`));
  }
  out.push('', `_Found by Chokepoint, rule \`${finding.ruleId}\`, finding \`${inline(finding.id)}\`._`);
  return `${out.join('\n')}\n`;
}
