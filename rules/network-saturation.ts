// network_saturation: an interface carries as much as it can. Three kinds of evidence:
// - throughput near a known link speed (Prometheus node_network_speed_bytes), or errors/drops among packets;
// - without a speed (the usual case: semconv has none, and veth/virtual links report a fictitious one), a flat
//   top — traffic rose, then held one level while server latency climbed — that is not explained by a busy
//   CPU. Any limit makes throughput flat, so a flat top alone is only info; it counts when it is as flat as
//   a shaper holds it or when span duration grows with payload size;
// - payload sizes on spans (often absent: the http instrumentation does not record body sizes by default).
// Loopback is never judged (see host-network.ts): it has no link to saturate.
import type { Evidence, EvidenceSpan } from './evidence.ts';
import { CPU_TIME_NAMES, CPU_UTILIZATION_NAMES, hostCpu } from './host-cpu.ts';
import { hostNetworks, HOST_NETWORK_NAMES, ratioWhere, type InterfaceFlow } from './host-network.ts';
import { payloadEvidence, type PayloadEvidence } from './payload-spans.ts';
import type { Rule, RuleFinding } from './rule.ts';
import { between, evidencePoints, mean, nanosToSeconds, sustainedRun } from './series-math.ts';
import { serverLatencyShiftOf } from './saturation-latency-shift.ts';
import { spanRefs, traceIdsOf } from './span-refs.ts';
import { latestPlateau } from './throughput-plateau.ts';

type Thresholds =
  | 'linkUtilizationRatio'
  | 'plateauVariation'
  | 'ceilingVariation'
  | 'minPlateauBytesPerSecond'
  | 'riseRatio'
  | 'latencyRiseRatio'
  | 'errorRatio'
  | 'dropRatio'
  | 'minPacketsPerSecond'
  | 'largePayloadBytes'
  | 'largePayloadMs'
  | 'sustainSeconds';

type Severity = RuleFinding['severity'];
const RANK: Record<Severity, number> = { info: 1, warning: 2, critical: 3 };
/** Duration that follows payload size this closely (Pearson r) is time spent moving bytes. */
const STRONG_CORRELATION = 0.7;
/** CPU this busy during the flat top makes the CPU the likelier limit. */
const CPU_BOUND_RATIO = 0.85; // cpu-saturation's warning line (Netdata 10-min CPU warn 85%)

const rate = (bytesPerSecond: number) => `${((bytesPerSecond * 8) / 1e6).toFixed(1)} Mbit/s`;
const pct = (v: number) => `${(v * 100).toFixed(v < 0.1 ? 1 : 0)}%`;

interface Assessment {
  flow: InterfaceFlow;
  severity: Severity;
  onset: bigint;
  end: bigint;
  parts: string[];
  numbers: Record<string, number>;
  threshold?: number;
}

function assess(flow: InterfaceFlow, evidence: Evidence, busy: (from: bigint, to: bigint) => number, t: Record<Thresholds, number>): Assessment | null {
  const found: { severity: Severity; onset: bigint; end: bigint; part: string }[] = [];
  const numbers: Record<string, number> = {};
  const where = `${flow.interfaceName} (${flow.direction})`;
  const speed = flow.speedBytesPerSecond;
  if (speed !== null) {
    const utilization = flow.bytesPerSecond.map((p) => ({ timeUnixNano: p.timeUnixNano, value: p.value / speed }));
    const run = sustainedRun(utilization, t.linkUtilizationRatio, t.sustainSeconds);
    if (run !== null) {
      const shift = serverLatencyShiftOf(evidence, run.onsetUnixNano);
      const risen = shift !== null && shift.afterP95Ms >= t.latencyRiseRatio * shift.beforeP95Ms;
      found.push({ severity: risen ? 'critical' : 'warning', onset: run.onsetUnixNano, end: run.endUnixNano, part: `${where} ran at ${pct(run.mean)} of its ${rate(speed)} link` });
      numbers['link.utilization.mean'] = run.mean;
    }
  }
  for (const [counts, line, label] of [[flow.errorsPerSecond, t.errorRatio, 'had errors'], [flow.droppedPerSecond, t.dropRatio, 'were dropped']] as const) {
    const run = sustainedRun(ratioWhere(counts, flow.packetsPerSecond, t.minPacketsPerSecond), line, t.sustainSeconds);
    if (run === null) continue;
    found.push({ severity: 'warning', onset: run.onsetUnixNano, end: run.endUnixNano, part: `${pct(run.mean)} of packets on ${where} ${label}` });
    numbers[`packets.${label === 'had errors' ? 'error' : 'drop'}_ratio`] = run.mean;
  }
  const plateau = latestPlateau(flow.bytesPerSecond, { minSeconds: t.sustainSeconds, tolerance: t.plateauVariation, minLevel: t.minPlateauBytesPerSecond });
  // A ceiling: traffic rose to it (riseRatio over the level before) and never ran higher earlier in the window.
  if (plateau !== null && plateau.level >= t.riseRatio * plateau.baseline && !(plateau.priorPeak > plateau.level * (1 + t.plateauVariation))) {
    const shift = serverLatencyShiftOf(evidence, plateau.onsetUnixNano);
    const risen = shift !== null && shift.afterP95Ms >= t.latencyRiseRatio * shift.beforeP95Ms;
    const cpuBusy = busy(plateau.onsetUnixNano, plateau.endUnixNano);
    // Payload size matters while the link is full, not before: judge the spans of the plateau.
    const during = payloadEvidence(evidence.columns(), t.largePayloadBytes, t.largePayloadMs, plateau.onsetUnixNano);
    const bytesBound = (during.sizeDurationCorrelation ?? 0) >= STRONG_CORRELATION || during.large.length > 0;
    const severity: Severity = cpuBusy >= CPU_BOUND_RATIO ? 'info' : risen && bytesBound ? 'critical' : risen && plateau.variation <= t.ceilingVariation ? 'warning' : 'info';
    const seconds = nanosToSeconds(plateau.endUnixNano - plateau.onsetUnixNano);
    let part = `traffic on ${where} rose from ${rate(plateau.baseline)} to ${rate(plateau.level)} and held flat there (±${pct(plateau.variation)}) for ${seconds.toFixed(0)} s`;
    if (cpuBusy >= CPU_BOUND_RATIO) part += `, but the CPU was ${pct(cpuBusy)} busy, so the limit may be the CPU`;
    found.push({ severity, onset: plateau.onsetUnixNano, end: plateau.endUnixNano, part });
    Object.assign(numbers, { 'throughput.plateau_bytes_per_second': plateau.level, 'throughput.baseline_bytes_per_second': plateau.baseline, 'throughput.plateau_variation': plateau.variation, 'cpu.busy.mean': cpuBusy });
  }
  if (found.length === 0) return null;
  const severity = found.reduce<Severity>((a, f) => (RANK[f.severity] > RANK[a] ? f.severity : a), 'info');
  const onset = found.reduce((a, f) => (f.onset < a ? f.onset : a), found[0].onset);
  const end = found.reduce((a, f) => (f.end > a ? f.end : a), found[0].end);
  return { flow, severity, onset, end, parts: found.map((f) => f.part), numbers, threshold: speed === null ? undefined : speed * t.linkUtilizationRatio };
}

function finding(key: string, host: string | undefined, a: Assessment | null, evidence: Evidence, payload: PayloadEvidence, t: Record<Thresholds, number>): RuleFinding {
  const onset = a?.onset ?? payload.large.reduce((m, s) => (s.span.startTimeUnixNano < m ? s.span.startTimeUnixNano : m), evidence.atUnixNano);
  const end = a?.end ?? evidence.atUnixNano;
  const shift = serverLatencyShiftOf(evidence, onset);
  // Sizes and durations of the spans since the onset: before it, size may not have mattered.
  const recent = a === null ? payload : payloadEvidence(evidence.columns(), t.largePayloadBytes, t.largePayloadMs, onset);
  const correlation = recent.sizeDurationCorrelation;
  const payloadParts: string[] = [];
  if (correlation !== null && correlation >= STRONG_CORRELATION) payloadParts.push(`span duration grows with payload size (r = ${correlation.toFixed(2)} over ${recent.sized.length} spans)`);
  if (recent.large.length > 0) payloadParts.push(`${recent.large.length} requests moved more than ${(t.largePayloadBytes / 1000).toFixed(0)} KB and took over ${t.largePayloadMs} ms (largest ${(recent.large[0].bytes / 1e6).toFixed(1)} MB)`);
  const offending: EvidenceSpan[] = [...recent.large.map((s) => s.span), ...(shift?.slowest ?? [])];
  const severity = a?.severity ?? 'info';
  const subject = a === null ? 'HTTP payloads' : `${a.flow.interfaceName} on ${host ?? 'host'}`;
  const text = [...(a?.parts ?? []), ...payloadParts];
  const latencyText = shift === null ? '' : ` Server p95 latency went from ${shift.beforeP95Ms.toFixed(0)} ms to ${shift.afterP95Ms.toFixed(0)} ms.`;
  const services = [...new Set(recent.large.map((s) => s.span.resource.serviceName))];
  return {
    key,
    severity,
    score: Math.min(1, 0.4 + RANK[severity] * 0.15 + (payloadParts.length > 0 ? 0.05 : 0)),
    confidence: Math.min(0.95, (a !== null && a.flow.speedBytesPerSecond !== null ? 0.7 : 0.45) + (shift !== null ? 0.1 : 0) + (payloadParts.length > 0 ? 0.15 : 0)),
    title: a === null ? `Large HTTP payloads in ${services.join(', ')}` : `Network ${subject} at its limit`,
    summary: `${host !== undefined ? `On ${host}` : `In ${services.join(', ')}`}: ${text.join('; ')}.${latencyText}`,
    ...(host !== undefined ? { resource: host } : services.length === 1 ? { service: services[0] } : {}),
    onsetUnixNano: onset,
    endUnixNano: end,
    evidence: {
      series: a === null ? [] : [{ metric: 'system.network.io (bytes per second)', unit: 'By/s', attributes: { host: host ?? '', interface: a.flow.interfaceName, direction: a.flow.direction }, points: evidencePoints(a.flow.bytesPerSecond), ...(a.threshold !== undefined ? { threshold: a.threshold } : {}) }],
      spans: spanRefs(offending),
      traceIds: traceIdsOf(offending),
      numbers: { ...(a?.numbers ?? {}), 'payload.sized_spans': recent.sized.length, 'payload.large_spans': recent.large.length, 'payload.size_duration_r': correlation ?? Number.NaN },
      ...(shift === null ? {} : { comparison: [{ label: 'server p95 latency', before: shift.beforeP95Ms, after: shift.afterP95Ms, unit: 'ms' }] }),
    },
    why: {
      compression: `Fewer bytes per response is the direct fix when ${a === null ? 'payloads are this large' : `${a.flow.interfaceName} is full`}: gzip or Brotli shrink JSON several times over.`,
      pagination: recent.large.length > 0 ? `Responses up to ${(recent.large[0].bytes / 1e6).toFixed(1)} MB: return pages instead of whole result sets.` : 'Bounded pages keep any one response from filling the link.',
      'http-caching': 'Responses the client already has (ETag, Cache-Control) need not cross the link again.',
      cdn: 'Static or shared responses served from the edge never reach this link.',
      'vertical-scaling': 'If the bytes are all needed, a faster link (or instance class with more bandwidth) raises the ceiling.',
    },
    notYet: ['Do not add servers behind the same link first: they share its bandwidth. Shrink what crosses it (compression, pagination, caching), then buy bandwidth.'],
  };
}

export const networkSaturation: Rule<Thresholds> = {
  id: 'network-saturation',
  kind: 'network_saturation',
  title: 'Network saturated',
  needs: { metrics: [...HOST_NETWORK_NAMES, ...CPU_UTILIZATION_NAMES, ...CPU_TIME_NAMES], spans: true, description: 'interface throughput, packets, errors and drops (loopback excluded), link speed when known; server latency and HTTP body sizes on spans' },
  thresholds: {
    linkUtilizationRatio: { value: 0.8, source: 'awesome-prometheus-alerts HostUnusualNetworkThroughputIn/Out: > 80% of link speed (Netdata warns at 90% of received)' },
    plateauVariation: { value: 0.1, source: 'chosen: a plateau keeps every 1 s sample within ±10% of its median (export jitter in recorded lab traffic stays inside it)' },
    ceilingVariation: { value: 0.03, source: 'chosen: a token-bucket shaper or a full link holds throughput within ~3% (coefficient of variation); application-limited plateaus recorded in the lab varied 5–13% (pool-exhaustion 5.2%, cache-stampede 12.8%)' },
    minPlateauBytesPerSecond: { value: 125_000, source: 'chosen: 1 Mbit/s; flatter, lower traffic is keep-alives and metric exports, not a transfer' },
    riseRatio: { value: 2, source: 'chosen: the plateau must be at least twice the traffic before it, so steady background load is not read as a ceiling' },
    latencyRiseRatio: { value: 2, source: 'chosen: server p95 at least doubled since the plateau began (demand queueing behind the link)' },
    errorRatio: { value: 0.01, source: 'awesome-prometheus-alerts HostNetworkReceiveErrors / HostNetworkTransmitErrors: errors / packets > 1% (for 2m, shortened to sustainSeconds)' },
    dropRatio: { value: 0.02, source: 'Netdata stock alert: packets dropped ≥ 2% (10 min, shortened to sustainSeconds)' },
    minPacketsPerSecond: { value: 10, source: 'chosen: ratios over fewer packets per second are noise (one error in five packets is not 20% loss)' },
    largePayloadBytes: { value: 300_000, source: 'Sentry large HTTP payload detector: payload > 300 KB' },
    largePayloadMs: { value: 100, source: 'Sentry large HTTP payload detector: span ≥ 100 ms' },
    sustainSeconds: { value: 20, source: 'the rules hold 2m; shortened so a replayed incident is caught within 30 s at 5 s ticks' },
  },
  techniques: ['compression', 'pagination', 'http-caching', 'cdn', 'vertical-scaling'],
  evaluate(evidence, t) {
    const payload = payloadEvidence(evidence.columns(), t.largePayloadBytes, t.largePayloadMs);
    const cpus = hostCpu(evidence);
    const findings: RuleFinding[] = [];
    for (const host of hostNetworks(evidence)) {
      const cpu = cpus.find((c) => c.resourceKey === host.resourceKey) ?? cpus.find((c) => c.hostName === host.hostName);
      const busy = (from: bigint, to: bigint) => (cpu === undefined ? Number.NaN : mean(between(cpu.busy, from, to).map((p) => p.value)));
      const assessments = host.flows.map((flow) => assess(flow, evidence, busy, t)).filter((a): a is Assessment => a !== null);
      if (assessments.length === 0) continue;
      const worst = assessments.reduce((a, b) => (RANK[b.severity] > RANK[a.severity] || (RANK[b.severity] === RANK[a.severity] && b.parts.length > a.parts.length) ? b : a));
      findings.push(finding(host.resourceKey, host.hostName, worst, evidence, payload, t));
    }
    if (findings.length === 0 && payload.large.length > 0) findings.push(finding('payload', undefined, null, evidence, payload, t));
    return findings;
  },
};
