// cpu_saturation: the host's CPUs are busy near their limit for a sustained stretch. Busy excludes idle and
// iowait, so a disk-bound host is not mistaken for a CPU-bound one. Latency of server spans before and during
// the stretch is compared as corroboration.
import type { Evidence } from './evidence.ts';
import { hostCpu, CPU_TIME_NAMES, CPU_UTILIZATION_NAMES } from './host-cpu.ts';
import type { Rule, RuleFinding } from './rule.ts';
import { evidencePoints, nanosToSeconds, percentile, sustainedRun } from './series-math.ts';

type Thresholds = 'warningBusyRatio' | 'criticalBusyRatio' | 'sustainSeconds';

function latencyComparison(evidence: Evidence, onset: bigint): { before: number; after: number } | null {
  const server = evidence.spans.filter((s) => s.kind === 'server' && s.parentSpanId === '');
  const ms = (list: typeof server) => percentile(list.map((s) => Number(s.endTimeUnixNano - s.startTimeUnixNano) / 1e6), 95);
  const before = server.filter((s) => s.startTimeUnixNano < onset);
  const after = server.filter((s) => s.startTimeUnixNano >= onset);
  if (before.length < 10 || after.length < 10) return null;
  return { before: ms(before), after: ms(after) };
}

export const cpuSaturation: Rule<Thresholds> = {
  id: 'cpu-saturation',
  kind: 'cpu_saturation',
  title: 'CPU saturated',
  needs: { metrics: [...CPU_UTILIZATION_NAMES, ...CPU_TIME_NAMES], spans: true, description: 'host CPU busy share by mode; server span latency to corroborate' },
  thresholds: {
    warningBusyRatio: { value: 0.85, source: 'Netdata stock alert 10-min CPU usage warn > 85% (awesome-prometheus-alerts HostHighCpuLoad uses 80%)' },
    criticalBusyRatio: { value: 0.95, source: 'Netdata stock alert 10-min CPU usage crit > 95%' },
    sustainSeconds: { value: 20, source: 'awesome-prometheus-alerts holds HostHighCpuLoad for 10m; shortened so a replayed incident is caught within 30 s' },
  },
  techniques: ['profiling', 'vertical-scaling', 'horizontal-scaling', 'offload-cpu-work', 'caching', 'autoscaling'],
  evaluate(evidence, t) {
    const findings: RuleFinding[] = [];
    for (const cpu of hostCpu(evidence)) {
      const run = sustainedRun(cpu.busy, t.warningBusyRatio, t.sustainSeconds);
      if (run === null) continue;
      const critical = run.mean >= t.criticalBusyRatio;
      const seconds = nanosToSeconds(run.endUnixNano - run.onsetUnixNano);
      const latency = latencyComparison(evidence, run.onsetUnixNano);
      const pct = (v: number) => `${Math.round(v * 100)}%`;
      const latencyText = latency === null ? '' : ` Server p95 latency went from ${latency.before.toFixed(0)} ms to ${latency.after.toFixed(0)} ms.`;
      findings.push({
        key: cpu.resourceKey,
        severity: critical ? 'critical' : 'warning',
        score: Math.min(1, 0.5 + (run.mean - t.warningBusyRatio) * 2 + Math.min(0.2, seconds / 600)),
        confidence: cpu.iowait.length > 0 ? 0.9 : 0.7,
        title: `CPU on ${cpu.hostName} is ${pct(run.mean)} busy`,
        summary: `CPU was ${pct(run.mean)} busy on average (peak ${pct(run.peak)}) for ${seconds.toFixed(0)} s on ${cpu.hostName}, above the ${pct(t.warningBusyRatio)} line.${latencyText}`,
        resource: cpu.hostName,
        onsetUnixNano: run.onsetUnixNano,
        endUnixNano: run.endUnixNano,
        evidence: {
          series: [{ metric: `${cpu.source} (busy share)`, unit: '1', attributes: { host: cpu.hostName }, points: evidencePoints(cpu.busy), threshold: t.warningBusyRatio }],
          spans: [],
          traceIds: [],
          numbers: { 'cpu.busy.mean': run.mean, 'cpu.busy.peak': run.peak, 'duration.seconds': seconds },
          ...(latency === null ? {} : { comparison: [{ label: 'server p95 latency', before: latency.before, after: latency.after, unit: 'ms' }] }),
        },
        why: {
          profiling: `CPU held ${pct(run.mean)} for ${seconds.toFixed(0)} s: a profile shows which code burns it, and removing that work is cheaper than buying cores.`,
          'vertical-scaling': `If the work is necessary, a bigger machine buys headroom at once; ${pct(run.mean)} busy leaves none.`,
          'horizontal-scaling': 'When one machine is not enough and the service is stateless, spread requests over several instances.',
        },
        notYet: ['Do not shard or split into services for CPU alone: profile first; a hot loop or a missing cache is the usual culprit.'],
      });
    }
    return findings;
  },
};
