// cascading_failure: a dependency slows down or fails and drags its callers with it. For each dependency
// (database, cache or service behind client spans), 5 s buckets of its p95 latency and failure share are
// compared with its own healthy level; when it degrades for a sustained stretch and the requests that called
// it (the callers' server spans) slow down or fail with it, the failure is spreading.
import type { EvidenceSeries } from '../common/findings.ts';
import { callSlowdowns } from './call-slowdown.ts';
import { dependencyOf } from './dependency-of.ts';
import { evidenceTree } from './evidence-tree.ts';
import type { EvidenceSpan } from './evidence.ts';
import type { Rule, RuleFinding } from './rule.ts';
import { pearson, percentile } from './series-math.ts';
import { durationMs } from './span-attributes.ts';
import { isFailed, isTimeout } from './span-outcome.ts';
import { slowestFirst, spanRefs, traceIdsOf } from './span-refs.ts';
import { byStart } from './span-timing.ts';
import { entrySpanOf, spanKey, type SpanTree } from './span-tree.ts';
import { bucketByTime, latestRun, type TimeBucket } from './time-buckets.ts';

type Thresholds = 'latencyJumpRatio' | 'minLatencyIncreaseMs' | 'dependencyFailureShare' | 'callerJumpRatio' | 'criticalCallerFailureShare' | 'minCalls' | 'sustainSeconds';

const BUCKET_NANOS = 5_000_000_000n;
const MIN_BUCKET_CALLS = 3;
/** Share of a bucket's calls that must be slow for the bucket to count as degraded (most of them, not a tail). */
const SLOW_SHARE = 0.75;
const pct = (v: number): string => `${Math.round(v * 100)}%`;
const p95 = (spans: readonly EvidenceSpan[]): number => percentile(spans.map(durationMs), 95);
const failedShare = (spans: readonly EvidenceSpan[]): number => (spans.length === 0 ? 0 : spans.filter(isFailed).length / spans.length);

interface Side {
  calls: EvidenceSpan[];
  callers: EvidenceSpan[];
}

function groupByDependency(spans: readonly EvidenceSpan[]): Map<string, EvidenceSpan[]> {
  const groups = new Map<string, EvidenceSpan[]>();
  for (const span of spans) {
    const dependency = dependencyOf(span);
    if (dependency === undefined) continue;
    const list = groups.get(dependency);
    if (list === undefined) groups.set(dependency, [span]);
    else list.push(span);
  }
  return groups;
}

/** The callers' entry spans (one per request) for these calls, skipping calls whose entry span is not in the window. */
function callersOf(tree: SpanTree, calls: readonly EvidenceSpan[]): EvidenceSpan[] {
  const entries = new Map<string, EvidenceSpan>();
  for (const call of calls) {
    const entry = entrySpanOf(tree, call);
    if (entry !== call) entries.set(spanKey(entry), entry);
  }
  return [...entries.values()];
}

/** Share of the callers' time spent waiting on the dependency (median over requests). */
function dependencyShare(tree: SpanTree, calls: readonly EvidenceSpan[], callers: readonly EvidenceSpan[]): number {
  const waited = new Map<string, number>();
  for (const call of calls) {
    const entry = entrySpanOf(tree, call);
    const id = spanKey(entry);
    waited.set(id, (waited.get(id) ?? 0) + durationMs(call));
  }
  return percentile(callers.map((c) => Math.min(1, (waited.get(spanKey(c)) ?? 0) / Math.max(0.001, durationMs(c)))), 50);
}

/** Correlation, across 5 s buckets, of the dependency's median call time and its callers' median request time. */
function latencyCorrelation(tree: SpanTree, buckets: readonly TimeBucket<EvidenceSpan>[]): number {
  const pairs: [number, number][] = [];
  for (const bucket of buckets) {
    const callers = callersOf(tree, bucket.items);
    if (bucket.items.length >= MIN_BUCKET_CALLS && callers.length >= MIN_BUCKET_CALLS) pairs.push([percentile(bucket.items.map(durationMs), 50), percentile(callers.map(durationMs), 50)]);
  }
  return pairs.length < 4 ? Number.NaN : pearson(pairs);
}

function evaluateDependency(dependency: string, calls: EvidenceSpan[], tree: SpanTree, from: bigint, at: bigint, t: Record<Thresholds, number>, dropped: number): RuleFinding | null {
  const buckets = bucketByTime(calls, (s) => s.startTimeUnixNano, from, at, BUCKET_NANOS);
  const judged = buckets.filter((b) => b.items.length >= MIN_BUCKET_CALLS);
  if (judged.length < 3) return null;
  const baseFailed = percentile(judged.map((b) => failedShare(b.items)), 25);
  const slowdowns = callSlowdowns(buckets);
  const isSlow = (s: EvidenceSpan) => {
    const slowdown = slowdowns.get(s);
    return slowdown !== undefined && slowdown.factor >= t.latencyJumpRatio && slowdown.extraMs >= t.minLatencyIncreaseMs;
  };
  // Degraded: most calls (3 in 4) ran far slower than their own operation normally does, or half failed.
  const slowShare = (b: TimeBucket<EvidenceSpan>) => {
    const known = b.items.filter((s) => slowdowns.has(s));
    return known.length < MIN_BUCKET_CALLS ? 0 : known.filter(isSlow).length / known.length;
  };
  const degraded = (b: TimeBucket<EvidenceSpan>) => slowShare(b) >= SLOW_SHARE || (failedShare(b.items) >= t.dependencyFailureShare && baseFailed < t.dependencyFailureShare / 2);
  const run = latestRun(buckets, (b) => (b.items.length < MIN_BUCKET_CALLS ? undefined : degraded(b)));
  if (run === null) return null;
  // The stretch runs from the first to the last call that was itself slow or failed. The bucket before the run
  // can straddle the change: its calls that were already bad at its end belong to the stretch.
  const isBad = (s: EvidenceSpan) => isSlow(s) || isFailed(s);
  const bad = buckets.slice(run.first, run.last + 1).flatMap((b) => b.items.filter(isBad));
  const straddling = run.first > 0 ? [...buckets[run.first - 1].items].sort(byStart) : [];
  for (let i = straddling.length - 1; i >= 0 && isBad(straddling[i]); i -= 1) bad.push(straddling[i]);
  if (bad.length === 0) return null;
  const onset = bad.reduce((a, s) => (s.startTimeUnixNano < a ? s.startTimeUnixNano : a), bad[0].startTimeUnixNano);
  const lastBad = bad.reduce((a, s) => (s.startTimeUnixNano > a ? s.startTimeUnixNano : a), onset);
  if (Number(lastBad - onset) / 1e9 < t.sustainSeconds) return null;
  const inRun = buckets.slice(Math.max(0, run.first - 1), run.last + 1).flatMap((b) => b.items).filter((s) => s.startTimeUnixNano >= onset);
  const healthyBuckets = judged.filter((b) => !degraded(b) && b.startUnixNano < onset);
  const before: Side = { calls: healthyBuckets.flatMap((b) => b.items).filter((s) => s.startTimeUnixNano < onset), callers: [] };
  const after: Side = { calls: inRun, callers: [] };
  if (after.calls.length < t.minCalls || before.calls.length < MIN_BUCKET_CALLS) return null;
  before.callers = callersOf(tree, before.calls);
  after.callers = callersOf(tree, after.calls);
  if (before.callers.length < MIN_BUCKET_CALLS || after.callers.length < MIN_BUCKET_CALLS) return null;

  const dep = { before: p95(before.calls), after: p95(after.calls), failedBefore: failedShare(before.calls), failedAfter: failedShare(after.calls) };
  const caller = { before: p95(before.callers), after: p95(after.callers), failedBefore: failedShare(before.callers), failedAfter: failedShare(after.callers) };
  const share = dependencyShare(tree, after.calls, after.callers);
  const callersSlowed = caller.after >= t.callerJumpRatio * caller.before && share >= 0.5;
  const callersFailing = caller.failedAfter >= t.criticalCallerFailureShare && caller.failedAfter >= 2 * caller.failedBefore;
  if (!callersSlowed && !callersFailing) return null;

  const correlation = latencyCorrelation(tree, buckets);
  const services = [...new Set(after.callers.map((c) => c.resource.serviceName))];
  const timeouts = after.calls.filter(isTimeout).length + after.callers.filter(isTimeout).length;
  const end = inRun.reduce((a, s) => (s.endTimeUnixNano > a ? s.endTimeUnixNano : a), 0n);
  const seconds = Number(end - onset) / 1e9;
  const depText = dep.failedAfter >= t.dependencyFailureShare && dep.failedBefore < t.dependencyFailureShare / 2
    ? `failed ${pct(dep.failedAfter)} of ${after.calls.length} calls (was ${pct(dep.failedBefore)}), p95 ${dep.before.toFixed(0)} → ${dep.after.toFixed(0)} ms`
    : `slowed from p95 ${dep.before.toFixed(0)} ms to ${dep.after.toFixed(0)} ms over ${after.calls.length} calls`;
  const callerText = `requests of ${services.join(', ')} that called it went from p95 ${caller.before.toFixed(0)} ms to ${caller.after.toFixed(0)} ms` +
    `${caller.failedAfter > 0 ? `, ${pct(caller.failedAfter)} failing (was ${pct(caller.failedBefore)})` : ''}, spending ${pct(share)} of their time waiting on it` +
    `${correlation >= 0.5 ? ` (their latency moved with it, r = ${correlation.toFixed(2)})` : ''}`;
  const series: EvidenceSeries[] = [
    {
      metric: `share of calls to ${dependency} ${t.latencyJumpRatio}× slower than usual (from spans)`,
      unit: '1',
      attributes: { dependency },
      points: judged.map((b) => ({ timeUnixNano: b.endUnixNano.toString(), value: Number(slowShare(b).toFixed(4)) })),
      threshold: SLOW_SHARE,
    },
  ];
  const offending = [...slowestFirst(after.callers).slice(0, 10), ...slowestFirst(after.calls).slice(0, 10)];
  return {
    key: dependency,
    severity: callersFailing ? 'critical' : 'warning',
    score: Math.min(1, 0.5 + (callersFailing ? 0.2 : 0) + Math.min(0.2, (caller.after / Math.max(1, caller.before) - 1) * 0.05) + Math.min(0.1, timeouts / 100)),
    confidence: 0.8 - (dropped > 0 ? 0.1 : 0),
    title: `${dependency} is dragging ${services.join(', ')}`,
    summary: `For ${seconds.toFixed(0)} s, ${dependency} ${depText}; the ${callerText}.${timeouts > 0 ? ` ${timeouts} spans timed out.` : ''}`,
    service: services[0],
    resource: dependency,
    onsetUnixNano: onset,
    endUnixNano: end,
    evidence: {
      series,
      spans: spanRefs(offending),
      traceIds: traceIdsOf(offending),
      numbers: {
        'dependency.p95_ms.before': dep.before,
        'dependency.p95_ms.after': dep.after,
        'dependency.failed_share': dep.failedAfter,
        'callers.p95_ms.before': caller.before,
        'callers.p95_ms.after': caller.after,
        'callers.failed_share': caller.failedAfter,
        'callers.time_share_in_dependency': share,
        ...(Number.isFinite(correlation) ? { 'callers.latency_correlation': correlation } : {}),
        timeouts,
      },
      comparison: [
        { label: `${dependency} p95`, before: dep.before, after: dep.after, unit: 'ms' },
        { label: 'callers p95', before: caller.before, after: caller.after, unit: 'ms' },
        { label: 'callers failing', before: caller.failedBefore, after: caller.failedAfter, unit: '1' },
      ],
    },
    why: {
      timeouts: `Callers waited up to ${caller.after.toFixed(0)} ms (p95) on ${dependency}: a timeout just above its healthy p95 (${dep.before.toFixed(0)} ms) frees them instead of letting them pile up.`,
      'circuit-breakers': `${dependency} ${depText}: a breaker fails fast while it is unhealthy so callers keep their threads and connections for other work.`,
      bulkheads: `Give calls to ${dependency} their own bounded pool so its slowness cannot use up every worker of ${services.join(', ')}.`,
      'load-shedding': `When ${dependency} is degraded, reject or defer low-priority requests early rather than queue them behind it.`,
    },
    notYet: [`Do not scale ${services.join(', ')} out for this: more callers waiting on a degraded ${dependency} only add load to it. Bound the wait first.`],
  };
}

export const cascadingFailure: Rule<Thresholds> = {
  id: 'cascading-failure',
  kind: 'cascading_failure',
  title: 'Failing dependency dragging its callers',
  needs: { metrics: [], spans: true, description: 'client spans to each dependency (server.address, peer.service, db.*) and the callers’ server spans in the same traces' },
  thresholds: {
    latencyJumpRatio: { value: 3, source: 'Convention (inferred): a 3× jump of a dependency’s p95 over its own healthy level is well outside bucket-to-bucket noise' },
    minLatencyIncreaseMs: { value: 100, source: 'Convention: an increase under 100 ms rarely backs callers up' },
    dependencyFailureShare: { value: 0.5, source: 'Hystrix errorThresholdPercentage and resilience4j failureRateThreshold default to 50% failed calls' },
    callerJumpRatio: { value: 2, source: 'Convention: callers’ p95 at least doubling, with most of their time spent in the dependency' },
    criticalCallerFailureShare: { value: 0.05, source: 'Convention: 1 request in 20 failing is an outage for users (far below any availability SLO)' },
    minCalls: { value: 20, source: 'Hystrix requestVolumeThreshold: 20 calls in the window before judging a dependency' },
    sustainSeconds: { value: 10, source: 'Convention: slow or failing calls seen over 10 s (first to last); short enough to detect within 30 s of onset' },
  },
  techniques: ['timeouts', 'circuit-breakers', 'bulkheads', 'load-shedding'],
  evaluate(evidence, t) {
    const tree = evidenceTree(evidence);
    const findings: RuleFinding[] = [];
    for (const [dependency, calls] of groupByDependency(evidence.spans)) {
      if (calls.length < t.minCalls) continue;
      const finding = evaluateDependency(dependency, calls, tree, evidence.spansFromUnixNano, evidence.atUnixNano, t, evidence.spansDropped);
      if (finding !== null) findings.push(finding);
    }
    return findings;
  },
};
