// cascading_failure: a dependency slows down or fails and drags its callers with it. For each dependency
// (database, cache or service behind client spans), 5 s buckets of its p95 latency and failure share are
// compared with its own healthy level; when it degrades for a sustained stretch and the requests that called
// it (the callers' server spans) slow down or fail with it, the failure is spreading.
// The calls are judged on the window's columns (rows of the calls, their times and facts); span objects and the
// span tree are read only for the calls of a dependency that degraded, to find their callers.
import type { EvidenceSeries } from '../common/findings.ts';
import { healthyDurations, isSlowerThan, operationsOf, type Operations } from './call-slowdown.ts';
import { bucketRows, type RowBuckets } from './cascading-failure-buckets.ts';
import { Callers, dependencyShare, latencyCorrelation } from './cascading-failure-callers.ts';
import { rowsDurationPercentile } from './cascading-failure-percentile.ts';
import { evidenceTree } from './evidence-tree.ts';
import type { Evidence, EvidenceSpan } from './evidence.ts';
import type { Rule, RuleFinding } from './rule.ts';
import { percentile } from './series-math.ts';
import { durationMs } from './span-attributes.ts';
import type { SpanColumns } from './span-columns.ts';
import { DEPENDENCY, FAILED } from './span-facts.ts';
import { isFailed, isTimeout } from './span-outcome.ts';
import { slowestFirst, spanRefs, traceIdsOf } from './span-refs.ts';
import type { SpanTree } from './span-tree.ts';
import { latestRunOf } from './time-buckets.ts';

type Thresholds = 'latencyJumpRatio' | 'minLatencyIncreaseMs' | 'dependencyFailureShare' | 'callerJumpRatio' | 'criticalCallerFailureShare' | 'minCalls' | 'sustainSeconds';

const BUCKET_NANOS = 5_000_000_000n;
const MIN_BUCKET_CALLS = 3;
/** Share of a bucket's calls that must be slow for the bucket to count as degraded (most of them, not a tail). */
const SLOW_SHARE = 0.75;
const pct = (v: number): string => `${Math.round(v * 100)}%`;
const p95 = (spans: readonly EvidenceSpan[]): number => percentile(spans.map(durationMs), 95);
const failedShare = (spans: readonly EvidenceSpan[]): number => (spans.length === 0 ? 0 : spans.filter(isFailed).length / spans.length);

/** The rows of each dependency's calls (in window order), dependencies in order of their first call. */
function rowsByDependency(dependency: Int32Array): Map<number, number[]> {
  const groups = new Map<number, number[]>();
  // Calls to one dependency often come in a row: keep its list at hand rather than look it up.
  let lastId = -1;
  let last: number[] = [];
  for (let row = 0; row < dependency.length; row += 1) {
    const id = dependency[row];
    if (id < 0) continue;
    if (id !== lastId) {
      let list = groups.get(id);
      if (list === undefined) {
        list = [];
        groups.set(id, list);
      }
      lastId = id;
      last = list;
    }
    last.push(row);
  }
  return groups;
}

/** What one evaluation reads of the window: columns, failure flags, and the span tree once calls need callers. */
interface Window {
  columns: SpanColumns;
  failed: Int32Array;
  tree: () => SpanTree;
}

function rowsFailedShare(failed: Int32Array, rows: readonly number[]): number {
  let count = 0;
  for (const row of rows) count += failed[row];
  return rows.length === 0 ? 0 : count / rows.length;
}

/** The rows slowest first (slowestFirst of span-refs.ts: ties keep their order). */
function slowestRowsFirst(columns: SpanColumns, rows: readonly number[]): number[] {
  const nanos = (row: number) => Math.max(0, columns.endNs[row] - columns.startNs[row]);
  return [...rows].sort((a, b) => nanos(b) - nanos(a));
}

interface Verdicts {
  /** Per bucket: its failed calls, its calls whose operation has a healthy level, and those of them that were slow. */
  failedIn: Int32Array;
  knownIn: Int32Array;
  slowIn: Int32Array;
  /** Per position of the buckets' rows: 1 for a slow call. */
  slow: Uint8Array;
}

/**
 * Every call judged in one pass: failed, slow against its operation's healthy level. Its own small function so
 * that V8 optimizes it early in a first evaluation (see call-slowdown.ts).
 */
function judgeCalls({ columns, failed }: Window, buckets: RowBuckets, operations: Operations, t: Record<Thresholds, number>): Verdicts {
  const { rows, offsets, count } = buckets;
  const { startNs, endNs } = columns;
  const healthy = healthyDurations(columns, buckets, operations);
  const op = operations.of;
  const ratio = t.latencyJumpRatio;
  const minExtraMs = t.minLatencyIncreaseMs;
  // A local binding: compiled to CommonJS (tsx), each read of an imported name goes through a getter.
  const slower = isSlowerThan;
  const failedIn = new Int32Array(count);
  const knownIn = new Int32Array(count);
  const slowIn = new Int32Array(count);
  const slow = new Uint8Array(rows.length);
  for (let b = 0; b < count; b += 1) {
    for (let k = offsets[b]; k < offsets[b + 1]; k += 1) {
      const row = rows[k];
      failedIn[b] += failed[row];
      const base = healthy[op[k]];
      if (base !== base) continue; // NaN: no healthy level
      knownIn[b] += 1;
      if (slower((endNs[row] - startNs[row]) / 1e6, base, ratio, minExtraMs)) {
        slow[k] = 1;
        slowIn[b] += 1;
      }
    }
  }
  return { failedIn, knownIn, slowIn, slow };
}

function evaluateDependency(dependency: string, calls: readonly number[], window: Window, evidence: Evidence, t: Record<Thresholds, number>): RuleFinding | null {
  const { columns, failed } = window;
  const { startNs, endNs } = columns;
  const buckets = bucketRows(calls, columns, evidence.spansFromUnixNano, evidence.atUnixNano, BUCKET_NANOS);
  const { rows, offsets, count } = buckets;
  const size = (b: number) => offsets[b + 1] - offsets[b];
  const judged: number[] = [];
  for (let b = 0; b < count; b += 1) if (size(b) >= MIN_BUCKET_CALLS) judged.push(b);
  if (judged.length < 3) return null;
  const { failedIn, knownIn, slowIn, slow } = judgeCalls(window, buckets, operationsOf(columns, rows), t);
  const bucketFailedShare = (b: number) => (size(b) === 0 ? 0 : failedIn[b] / size(b));
  const baseFailed = percentile(judged.map(bucketFailedShare), 25);
  // Degraded: most calls (3 in 4) ran far slower than their own operation normally does, or half failed.
  const slowShare = (b: number) => (knownIn[b] < MIN_BUCKET_CALLS ? 0 : slowIn[b] / knownIn[b]);
  const degraded = (b: number) => slowShare(b) >= SLOW_SHARE || (bucketFailedShare(b) >= t.dependencyFailureShare && baseFailed < t.dependencyFailureShare / 2);
  const run = latestRunOf(count, (b) => (size(b) < MIN_BUCKET_CALLS ? undefined : degraded(b)));
  if (run === null) return null;
  // The stretch runs from the first to the last call that was itself slow or failed. The bucket before the run
  // can straddle the change: its calls that were already bad at its end belong to the stretch.
  const isBad = (k: number) => slow[k] === 1 || failed[rows[k]] === 1;
  let badCount = 0;
  let onsetNs = Number.POSITIVE_INFINITY;
  let lastBadNs = Number.NEGATIVE_INFINITY;
  const countBad = (k: number) => {
    badCount += 1;
    onsetNs = Math.min(onsetNs, startNs[rows[k]]);
    lastBadNs = Math.max(lastBadNs, startNs[rows[k]]);
  };
  for (let k = offsets[run.first]; k < offsets[run.last + 1]; k += 1) if (isBad(k)) countBad(k);
  if (run.first > 0) {
    // Latest first by start, then end (byStart of span-timing.ts); equal ones keep their order.
    const straddling = Array.from({ length: size(run.first - 1) }, (_, i) => offsets[run.first - 1] + i);
    straddling.sort((a, b) => startNs[rows[a]] - startNs[rows[b]] || endNs[rows[a]] - endNs[rows[b]]);
    for (let i = straddling.length - 1; i >= 0 && isBad(straddling[i]); i -= 1) countBad(straddling[i]);
  }
  if (badCount === 0) return null;
  if ((lastBadNs - onsetNs) / 1e9 < t.sustainSeconds) return null;
  const inRun: number[] = [];
  for (let k = offsets[Math.max(0, run.first - 1)]; k < offsets[run.last + 1]; k += 1) if (startNs[rows[k]] >= onsetNs) inRun.push(rows[k]);
  const beforeCalls: number[] = [];
  for (const b of judged) {
    if (degraded(b) || !(buckets.startNs(b) < onsetNs)) continue;
    for (let k = offsets[b]; k < offsets[b + 1]; k += 1) if (startNs[rows[k]] < onsetNs) beforeCalls.push(rows[k]);
  }
  const afterCalls = inRun;
  if (afterCalls.length < t.minCalls || beforeCalls.length < MIN_BUCKET_CALLS) return null;
  const spans = columns.spans;
  const callers = new Callers(window.tree(), spans);
  const beforeCallers = callers.of(beforeCalls);
  const afterCallers = callers.of(afterCalls);
  if (beforeCallers.length < MIN_BUCKET_CALLS || afterCallers.length < MIN_BUCKET_CALLS) return null;

  const dep = { before: rowsDurationPercentile(columns, beforeCalls, 95), after: rowsDurationPercentile(columns, afterCalls, 95), failedBefore: rowsFailedShare(failed, beforeCalls), failedAfter: rowsFailedShare(failed, afterCalls) };
  const caller = { before: p95(beforeCallers), after: p95(afterCallers), failedBefore: failedShare(beforeCallers), failedAfter: failedShare(afterCallers) };
  const share = dependencyShare(columns, callers, afterCalls, afterCallers);
  const callersSlowed = caller.after >= t.callerJumpRatio * caller.before && share >= 0.5;
  const callersFailing = caller.failedAfter >= t.criticalCallerFailureShare && caller.failedAfter >= 2 * caller.failedBefore;
  if (!callersSlowed && !callersFailing) return null;

  const correlation = latencyCorrelation(columns, callers, buckets);
  const services = [...new Set(afterCallers.map((c) => c.resource.serviceName))];
  const timeouts = afterCalls.filter((row) => isTimeout(spans[row])).length + afterCallers.filter(isTimeout).length;
  let endNsMax = Number.NEGATIVE_INFINITY;
  for (const row of inRun) endNsMax = Math.max(endNsMax, endNs[row]);
  const onset = columns.toUnixNano(onsetNs);
  const end = columns.toUnixNano(endNsMax);
  const seconds = Number(end - onset) / 1e9;
  const depText = dep.failedAfter >= t.dependencyFailureShare && dep.failedBefore < t.dependencyFailureShare / 2
    ? `failed ${pct(dep.failedAfter)} of ${afterCalls.length} calls (was ${pct(dep.failedBefore)}), p95 ${dep.before.toFixed(0)} → ${dep.after.toFixed(0)} ms`
    : `slowed from p95 ${dep.before.toFixed(0)} ms to ${dep.after.toFixed(0)} ms over ${afterCalls.length} calls`;
  const callerText = `requests of ${services.join(', ')} that called it went from p95 ${caller.before.toFixed(0)} ms to ${caller.after.toFixed(0)} ms` +
    `${caller.failedAfter > 0 ? `, ${pct(caller.failedAfter)} failing (was ${pct(caller.failedBefore)})` : ''}, spending ${pct(share)} of their time waiting on it` +
    `${correlation >= 0.5 ? ` (their latency moved with it, r = ${correlation.toFixed(2)})` : ''}`;
  const series: EvidenceSeries[] = [
    {
      metric: `share of calls to ${dependency} ${t.latencyJumpRatio}× slower than usual (from spans)`,
      unit: '1',
      attributes: { dependency },
      points: judged.map((b) => ({ timeUnixNano: buckets.endUnixNano(b).toString(), value: Number(slowShare(b).toFixed(4)) })),
      threshold: SLOW_SHARE,
    },
  ];
  const offending = [...slowestFirst(afterCallers).slice(0, 10), ...slowestRowsFirst(columns, afterCalls).slice(0, 10).map((row) => spans[row])];
  return {
    key: dependency,
    severity: callersFailing ? 'critical' : 'warning',
    score: Math.min(1, 0.5 + (callersFailing ? 0.2 : 0) + Math.min(0.2, (caller.after / Math.max(1, caller.before) - 1) * 0.05) + Math.min(0.1, timeouts / 100)),
    confidence: 0.8 - (evidence.spansDropped > 0 ? 0.1 : 0),
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
    const columns = evidence.columns();
    const findings: RuleFinding[] = [];
    const groups = rowsByDependency(columns.fact(DEPENDENCY));
    if (groups.size === 0) return findings;
    let tree: SpanTree | undefined;
    const window: Window = { columns, failed: columns.fact(FAILED), tree: () => (tree ??= evidenceTree(evidence)) };
    for (const [dependency, calls] of groups) {
      if (calls.length < t.minCalls) continue;
      const finding = evaluateDependency(columns.strings.value(dependency), calls, window, evidence, t);
      if (finding !== null) findings.push(finding);
    }
    return findings;
  },
};
