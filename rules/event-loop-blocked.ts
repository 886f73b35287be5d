// event_loop_blocked: a Node service's event loop is held by synchronous work (or GC) long enough that
// every request queues behind it. Reads @opentelemetry/instrumentation-runtime-node's delay percentiles and
// utilization (prom-client's nodejs_eventloop_lag_* too) and checks server spans of that service for the jump.
//
// Quirks handled (seen in real recordings):
// - monitorEventLoopDelay records the whole timer interval, so an idle loop reports ~10 ms (the sampling
//   resolution): the lowest p50 in the window is taken as that floor and subtracted. (delay.min is no guide:
//   timers that fire back to back after a stall report well under 1 ms, even on an idle loop.)
// - runtime-node skips the delay metrics when fewer than 5 samples were taken in an export interval, i.e. when
//   the loop is blocked worst; utilization (always reported) covers those stretches, and a gap never ends a run.
import type { Evidence, MetricSeries } from './evidence.ts';
import type { Rule, RuleFinding } from './rule.ts';
import { byResource } from './series-attributes.ts';
import { evidencePoints, nanosToSeconds, rates, sustainedRun, type Run, type TimedValue } from './series-math.ts';
import { serverLatencyShift } from './server-latency.ts';
import { spanRefs, traceIdsOf } from './span-refs.ts';

type Thresholds = 'delayP99Ms' | 'criticalDelayP99Ms' | 'utilizationRatio' | 'sustainSeconds';

const P99_NAMES = ['nodejs.eventloop.delay.p99', 'nodejs_eventloop_lag_p99_seconds'];
const MAX_NAMES = ['nodejs.eventloop.delay.max', 'nodejs_eventloop_lag_max_seconds'];
const P50_NAMES = ['nodejs.eventloop.delay.p50', 'nodejs_eventloop_lag_p50_seconds'];
const UTILIZATION_NAMES = ['nodejs.eventloop.utilization'];
const TIME_NAMES = ['nodejs.eventloop.time'];
/** The sampling floor is at most this: monitorEventLoopDelay defaults to 10 ms, and a larger "floor" is delay. */
const MAX_RESOLUTION_MS = 20;

interface Loop {
  resourceKey: string;
  service: string;
  /** Delay p99 in ms, net of the sampling floor. */
  p99Ms: TimedValue[];
  maxMs: TimedValue[];
  resolutionMs: number;
  utilization: TimedValue[];
}

function toMs(series: MetricSeries): TimedValue[] {
  const factor = series.unit === 'ms' ? 1 : series.unit === 'ns' ? 1e-6 : series.unit === 'us' ? 1e-3 : 1000;
  return series.points.map((p) => ({ timeUnixNano: p.timeUnixNano, value: p.value * factor }));
}

/** Active share from the nodejs.eventloop.time counters (by nodejs.eventloop.state), when the gauge is missing. */
function utilizationFromTime(group: MetricSeries[]): TimedValue[] {
  const state = (s: MetricSeries) => s.attributes['nodejs.eventloop.state'] ?? s.attributes.state;
  const active = group.find((s) => state(s) === 'active');
  const idle = group.find((s) => state(s) === 'idle');
  if (active === undefined || idle === undefined) return [];
  const idleAt = new Map(rates(idle).map((p) => [p.timeUnixNano, p.value]));
  return rates(active).flatMap((p) => {
    const total = p.value + (idleAt.get(p.timeUnixNano) ?? Number.NaN);
    return total > 0 ? [{ timeUnixNano: p.timeUnixNano, value: p.value / total }] : [];
  });
}

function loopsOf(evidence: Evidence): Loop[] {
  const loops = new Map<string, Loop>();
  const loopFor = (s: MetricSeries): Loop => {
    let loop = loops.get(s.resourceKey);
    if (loop === undefined) {
      loop = { resourceKey: s.resourceKey, service: s.serviceName, p99Ms: [], maxMs: [], resolutionMs: 0, utilization: [] };
      loops.set(s.resourceKey, loop);
    }
    return loop;
  };
  for (const s of evidence.series(P50_NAMES)) {
    const lowest = Math.min(...toMs(s).map((p) => p.value).filter((v) => Number.isFinite(v) && v > 0));
    if (Number.isFinite(lowest)) loopFor(s).resolutionMs = Math.min(MAX_RESOLUTION_MS, lowest);
  }
  for (const s of evidence.series(P99_NAMES)) loopFor(s).p99Ms = toMs(s);
  for (const s of evidence.series(MAX_NAMES)) loopFor(s).maxMs = toMs(s);
  for (const s of evidence.series(UTILIZATION_NAMES)) loopFor(s).utilization = s.points.map((p) => ({ timeUnixNano: p.timeUnixNano, value: p.value }));
  for (const [, group] of byResource(evidence.series(TIME_NAMES))) {
    const loop = loopFor(group[0]);
    if (loop.utilization.length === 0) loop.utilization = utilizationFromTime(group);
  }
  for (const loop of loops.values()) {
    const net = (list: TimedValue[]) => list.map((p) => ({ timeUnixNano: p.timeUnixNano, value: Math.max(0, p.value - loop.resolutionMs) }));
    loop.p99Ms = net(loop.p99Ms);
    loop.maxMs = net(loop.maxMs);
  }
  return [...loops.values()];
}

export const eventLoopBlocked: Rule<Thresholds> = {
  id: 'event-loop-blocked',
  kind: 'event_loop_blocked',
  title: 'Event loop blocked',
  needs: {
    metrics: [...P99_NAMES, ...MAX_NAMES, ...P50_NAMES, ...UTILIZATION_NAMES, ...TIME_NAMES],
    spans: true,
    description: 'Node event-loop delay percentiles and utilization (instrumentation-runtime-node or prom-client); server spans of the service to corroborate',
  },
  thresholds: {
    delayP99Ms: {
      value: 100,
      source: 'Clinic Doctor (NearForm) flags a Node process whose event-loop delay reaches 100 ms; applied to p99 (not max) so a single GC pause does not count, net of the ~10 ms sampling interval the histogram includes',
    },
    criticalDelayP99Ms: { value: 500, source: 'convention: a half-second stall on every request breaks the common 1 s response budget; five times the warning line' },
    utilizationRatio: { value: 0.9, source: 'the 90% "in use" line Netdata uses for RAM, applied to event-loop utilization (ELU): above it the loop has under 10% idle time to pick up new I/O' },
    sustainSeconds: { value: 20, source: 'same hold as cpu-saturation: long enough to skip one slow request or GC, short enough to detect within 30 s at 2–5 s runtime-metric intervals' },
  },
  techniques: ['offload-cpu-work', 'profiling', 'async-io', 'horizontal-scaling', 'load-shedding'],
  evaluate(evidence, t) {
    const findings: RuleFinding[] = [];
    for (const loop of loopsOf(evidence)) {
      const delayRun = sustainedRun(loop.p99Ms, t.delayP99Ms, t.sustainSeconds);
      const busyRun = sustainedRun(loop.utilization, t.utilizationRatio, t.sustainSeconds);
      if (delayRun === null && busyRun === null) continue;
      const runs = [delayRun, busyRun].filter((r): r is Run => r !== null);
      const onset = runs.reduce((a, r) => (r.onsetUnixNano < a ? r.onsetUnixNano : a), runs[0].onsetUnixNano);
      const end = runs.reduce((a, r) => (r.endUnixNano > a ? r.endUnixNano : a), runs[0].endUnixNano);
      const seconds = nanosToSeconds(end - onset);
      const overlap = delayRun !== null && busyRun !== null && delayRun.onsetUnixNano <= busyRun.endUnixNano && busyRun.onsetUnixNano <= delayRun.endUnixNano;
      const critical = (delayRun !== null && delayRun.mean >= t.criticalDelayP99Ms) || overlap;
      const inRun = (list: TimedValue[]) => list.filter((p) => p.timeUnixNano >= onset && p.timeUnixNano <= end && Number.isFinite(p.value)).map((p) => p.value);
      const p99s = inRun(loop.p99Ms);
      const maxes = inRun(loop.maxMs);
      const elus = inRun(loop.utilization);
      const p99Mean = p99s.length > 0 ? p99s.reduce((a, b) => a + b, 0) / p99s.length : Number.NaN;
      const maxPeak = maxes.length > 0 ? Math.max(...maxes) : Number.NaN;
      const eluMean = elus.length > 0 ? elus.reduce((a, b) => a + b, 0) / elus.length : Number.NaN;
      const latency = serverLatencyShift(evidence, onset, { service: loop.service });
      const corroborated = latency !== null && latency.afterP95Ms >= 1.5 * latency.beforeP95Ms;
      const ms = (v: number) => `${v.toFixed(v < 10 ? 1 : 0)} ms`;
      const pct = (v: number) => `${Math.round(v * 100)}%`;
      const parts: string[] = [];
      if (Number.isFinite(p99Mean)) parts.push(`its p99 delay averaged ${ms(p99Mean)}${Number.isFinite(maxPeak) ? ` (worst stall ${ms(maxPeak)})` : ''}`);
      if (Number.isFinite(eluMean)) parts.push(`the loop was busy ${pct(eluMean)} of the time`);
      const latencyText = latency === null ? '' : ` Server p95 latency went from ${ms(latency.beforeP95Ms)} to ${ms(latency.afterP95Ms)}.`;
      const offending = latency === null ? [] : latency.slowest;
      findings.push({
        key: loop.resourceKey,
        severity: critical ? 'critical' : 'warning',
        score: Math.min(1, 0.5 + (critical ? 0.2 : 0) + Math.min(0.2, seconds / 300) + (corroborated ? 0.1 : 0)),
        // Delay is the direct measure; utilization alone says "busy", not how long requests waited.
        confidence: (delayRun !== null ? 0.75 : 0.6) + (corroborated ? 0.15 : 0),
        title: `Event loop of ${loop.service} is blocked`,
        summary: `For ${seconds.toFixed(0)} s the event loop of ${loop.service} could not keep up: ${parts.join(', and ')}.${latencyText}`,
        service: loop.service,
        onsetUnixNano: onset,
        endUnixNano: end,
        evidence: {
          series: [
            ...(loop.p99Ms.length > 0 ? [{ metric: 'nodejs.eventloop.delay.p99 (net of sampling interval)', unit: 'ms', attributes: { service: loop.service }, points: evidencePoints(loop.p99Ms), threshold: t.delayP99Ms }] : []),
            ...(loop.utilization.length > 0 ? [{ metric: 'nodejs.eventloop.utilization', unit: '1', attributes: { service: loop.service }, points: evidencePoints(loop.utilization), threshold: t.utilizationRatio }] : []),
          ],
          spans: spanRefs(offending),
          traceIds: traceIdsOf(offending),
          numbers: {
            'eventloop.delay.p99.mean_ms': p99Mean,
            'eventloop.delay.max.peak_ms': maxPeak,
            'eventloop.utilization.mean': eluMean,
            'eventloop.sampling_interval_ms': loop.resolutionMs,
            'duration.seconds': seconds,
          },
          ...(latency === null ? {} : { comparison: [{ label: `${loop.service} server p95 latency`, before: latency.beforeP95Ms, after: latency.afterP95Ms, unit: 'ms' }] }),
        },
        why: {
          'offload-cpu-work': `The loop of ${loop.service} was held for ${seconds.toFixed(0)} s${Number.isFinite(p99Mean) ? ` (p99 delay ${ms(p99Mean)})` : ''}: move the synchronous work (hashing, big JSON, compression) to worker threads so requests stop queueing behind it.`,
          profiling: `A CPU profile of ${loop.service} taken during such a stretch names the function that holds the loop; fixing it may be all that is needed.`,
          'async-io': 'If the profile shows synchronous calls (fs.*Sync, zlib/crypto *Sync), their async forms release the loop while the work runs.',
          'horizontal-scaling': `JavaScript in one Node process runs on one core${Number.isFinite(eluMean) ? `; at ${pct(eluMean)} loop utilization` : ''} more processes (cluster or replicas) spread the load once the hot path is lean.`,
          'load-shedding': 'Rejecting new requests while the loop lags (e.g. @fastify/under-pressure) keeps the accepted ones fast.',
        },
        notYet: ['Do not add instances first: a loop blocked by one slow function is blocked on every instance. Profile it (node --cpu-prof) and move that work off the loop.'],
      });
    }
    return findings;
  },
};
