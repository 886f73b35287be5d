// Choices the Metrics view makes for the user: which metric to open first, how the list is filtered, and
// which findings belong on the chart.
import type { Finding } from '../../../../common/findings.ts';
import type { MetricInfo } from '../../../../common/metric-view.ts';

/** Opened first when no metric is chosen, in this order: the ones most bottleneck hunts start from. */
const FIRST_CHOICES = ['system.cpu.utilization', 'db.client.connection.count', 'http.server.request.duration', 'system.memory.utilization'];

export function defaultMetric(metrics: readonly MetricInfo[]): string | undefined {
  for (const name of FIRST_CHOICES) if (metrics.some((m) => m.name === name)) return name;
  return metrics[0]?.name;
}

/** Metrics whose name or description contains every word of the filter (any case). */
export function filterMetrics(metrics: readonly MetricInfo[], filter: string): MetricInfo[] {
  const words = filter.toLowerCase().split(/\s+/).filter((word) => word !== '');
  if (words.length === 0) return [...metrics];
  return metrics.filter((m) => {
    const text = `${m.name} ${m.description}`.toLowerCase();
    return words.every((word) => text.includes(word));
  });
}

export interface ChartFinding {
  id: string;
  title: string;
  fromMs: number;
  toMs: number;
  /** True when the finding's own evidence is this metric. */
  aboutThisMetric: boolean;
}

/** Findings that overlap [fromMs, toMs], those whose evidence is this metric first. */
export function findingsOnChart(findings: readonly Finding[], metric: string, fromMs: number, toMs: number): ChartFinding[] {
  const out: ChartFinding[] = [];
  for (const f of findings) {
    const start = Number(BigInt(f.onsetUnixNano) / 1_000_000n);
    const end = Number(BigInt(f.endUnixNano) / 1_000_000n);
    if (end < fromMs || start > toMs) continue;
    out.push({ id: f.id, title: f.title, fromMs: Math.max(start, fromMs), toMs: Math.min(Math.max(end, start), toMs), aboutThisMetric: f.evidence.series.some((s) => s.metric === metric) });
  }
  return out.sort((a, b) => Number(b.aboutThisMetric) - Number(a.aboutThisMetric) || a.fromMs - b.fromMs);
}
