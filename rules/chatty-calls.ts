// chatty_calls: a request talks to another service in many small calls where one would do. Two shapes, after
// Sentry's detectors: N+1 API calls — ≥ 10 calls to the same endpoint template under one parent, ≥ 300 ms in
// total (Sentry looks for them only in browsers and only when they start within 5 ms of each other; a backend
// loop makes them one after another, so any timing counts here) — and consecutive HTTP — ≥ 3 slow calls
// (≥ 500 ms each) one right after another (gaps ≤ 500 ms) that, run in parallel, would save ≥ 2 s. Retried
// attempts and groups that mostly fail are left to the retry-storm rule.
import type { EvidenceSpan } from './evidence.ts';
import { evidenceTree } from './evidence-tree.ts';
import { operationName } from './operation-name.ts';
import { callTarget, isOutboundCall, isRetry } from './outbound-calls.ts';
import type { Rule, RuleFinding } from './rule.ts';
import { percentile } from './series-math.ts';
import { shortHash } from './short-hash.ts';
import { isFailed } from './span-outcome.ts';
import { spanRefs, traceIdsOf } from './span-refs.ts';
import { byStart, nanosToMs, runsAfter, spanNanos, summedNanos, timeRange } from './span-timing.ts';
import { entrySpanOf, parentOf } from './span-tree.ts';

type Thresholds = 'minCallsPerParent' | 'minTotalMs' | 'minSequentialCalls' | 'minCallMs' | 'maxGapMs' | 'minSavedMs' | 'minTraces' | 'criticalShare';

interface Occurrence {
  shape: 'repeated' | 'sequential';
  service: string;
  target: string;
  calls: EvidenceSpan[];
  /** Time spent in the calls (summed); for sequential calls, what running them side by side would save. */
  totalMs: number;
  savedMs: number;
  request: EvidenceSpan | undefined;
  share: number;
}

const spanMs = (span: EvidenceSpan): number => nanosToMs(spanNanos(span));
const median = (values: number[]): number => percentile(values.filter(Number.isFinite), 50);
const ms = (value: number): string => (value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${value.toFixed(0)} ms`);

/** Runs of slow calls that each started soon after the previous one ended (earliest start first). */
function sequentialRuns(calls: readonly EvidenceSpan[], t: Record<Thresholds, number>): EvidenceSpan[][] {
  const runs: EvidenceSpan[][] = [];
  let run: EvidenceSpan[] = [];
  const close = () => {
    if (run.length >= t.minSequentialCalls) runs.push(run);
    run = [];
  };
  for (const call of calls) {
    if (spanMs(call) < t.minCallMs) {
      close();
      continue;
    }
    const last = run.length > 0 ? run[run.length - 1] : undefined;
    if (last !== undefined && (!runsAfter(last, call) || nanosToMs(call.startTimeUnixNano - last.endTimeUnixNano) > t.maxGapMs)) close();
    run.push(call);
  }
  close();
  return runs;
}

function occurrencesUnder(children: readonly EvidenceSpan[], t: Record<Thresholds, number>): Omit<Occurrence, 'request' | 'share'>[] {
  const calls = children.filter((s) => isOutboundCall(s) && !isRetry(s));
  if (calls.length < Math.min(t.minCallsPerParent, t.minSequentialCalls)) return [];
  const found: Omit<Occurrence, 'request' | 'share'>[] = [];
  const byTarget = new Map<string, { label: string; calls: EvidenceSpan[] }>();
  for (const call of calls) {
    const target = callTarget(call);
    const known = byTarget.get(target.key);
    if (known === undefined) byTarget.set(target.key, { label: target.label, calls: [call] });
    else known.calls.push(call);
  }
  for (const { label, calls: same } of byTarget.values()) {
    if (same.length < t.minCallsPerParent || same.filter(isFailed).length * 2 >= same.length) continue;
    const totalMs = nanosToMs(summedNanos(same));
    if (totalMs >= t.minTotalMs) found.push({ shape: 'repeated', service: same[0].resource.serviceName, target: label, calls: same, totalMs, savedMs: totalMs - Math.max(...same.map(spanMs)) });
  }
  // Slow calls already reported as repeated calls to one endpoint are not reported twice.
  const repeated = new Set(found.flatMap((o) => o.calls));
  for (const run of sequentialRuns([...calls].sort(byStart), t)) {
    if (run.every((call) => repeated.has(call))) continue;
    const durations = run.map(spanMs);
    const totalMs = durations.reduce((a, b) => a + b, 0);
    const savedMs = totalMs - Math.max(...durations);
    if (savedMs < t.minSavedMs || run.filter(isFailed).length * 2 >= run.length) continue;
    const labels = [...new Set(run.map((c) => callTarget(c).label))];
    found.push({ shape: 'sequential', service: run[0].resource.serviceName, target: labels.length === 1 ? labels[0] : `${labels.length} endpoints`, calls: run, totalMs, savedMs });
  }
  return found;
}

export const chattyCalls: Rule<Thresholds> = {
  id: 'chatty-calls',
  kind: 'chatty_calls',
  title: 'Chatty calls',
  needs: { metrics: [], spans: true, description: 'HTTP/RPC client spans with url.full (or url.template, rpc.method) under their parent spans' },
  thresholds: {
    minCallsPerParent: { value: 10, source: 'Sentry N+1 API calls detector: count = 10 calls to the same parameterized URL under one parent' },
    minTotalMs: { value: 300, source: 'Sentry N+1 API calls detector: n_plus_one_api_calls_total_duration_threshold = 300 ms (its 5 ms start window is dropped: backend loops call one after another)' },
    minSequentialCalls: { value: 3, source: 'Sentry consecutive HTTP detector: consecutive_count_threshold = 3' },
    minCallMs: { value: 500, source: 'Sentry consecutive HTTP detector: span_duration_threshold = 500 ms per call' },
    maxGapMs: { value: 500, source: 'Sentry consecutive HTTP detector: max_duration_between_spans = 500 ms' },
    minSavedMs: { value: 2000, source: 'Sentry consecutive HTTP detector: consecutive_http_spans_min_time_saved_threshold = 2000 ms (sum of the calls minus the longest)' },
    minTraces: { value: 2, source: 'Chokepoint convention: one trace may be a one-off (info); the same pattern in a second trace makes it a warning' },
    criticalShare: { value: 0.5, source: 'Chokepoint convention: critical when the calls take at least half of their request in the median trace' },
  },
  techniques: ['call-batching', 'keep-alive', 'caching'],
  evaluate(evidence, t) {
    const tree = evidenceTree(evidence);
    const groups = new Map<string, Occurrence[]>();
    for (const children of tree.children.values()) {
      for (const found of occurrencesUnder(children, t)) {
        const parent = parentOf(tree, found.calls[0]);
        const request = parent === undefined ? undefined : entrySpanOf(tree, parent);
        const range = timeRange(found.calls);
        const requestMs = request === undefined ? Number.NaN : spanMs(request);
        const occurrence: Occurrence = { ...found, request, share: requestMs > 0 ? Math.min(1, nanosToMs(range.endUnixNano - range.startUnixNano) / requestMs) : Number.NaN };
        const key = `${found.service}\u0000${found.shape}\u0000${found.target}\u0000${request === undefined ? '' : operationName(request)}`;
        const group = groups.get(key);
        if (group === undefined) groups.set(key, [occurrence]);
        else group.push(occurrence);
      }
    }
    const findings: RuleFinding[] = [];
    for (const group of groups.values()) {
      const { service, shape, target } = group[0];
      const request = group.find((o) => o.request !== undefined)?.request;
      const operation = request === undefined ? 'A request' : operationName(request);
      const traces = new Set(group.map((o) => o.calls[0].traceId)).size;
      const calls = median(group.map((o) => o.calls.length));
      const totalMs = median(group.map((o) => o.totalMs));
      const savedMs = median(group.map((o) => o.savedMs));
      const share = median(group.map((o) => o.share));
      const worst = [...group].sort((a, b) => b.totalMs - a.totalMs)[0];
      const severity = traces < t.minTraces ? 'info' : Number.isFinite(share) && share >= t.criticalShare ? 'critical' : 'warning';
      const shareText = Number.isFinite(share) ? `, ${Math.round(share * 100)}% of the request` : '';
      const tracesText = `${traces} trace${traces === 1 ? '' : 's'}`;
      const summary =
        shape === 'repeated'
          ? `${operation} calls ${target} ${calls} times (up to ${worst.calls.length}) in ${tracesText}; the calls take ${ms(totalMs)} in total${shareText}.`
          : `${operation} makes ${calls} slow calls to ${target} one after another in ${tracesText} (${ms(totalMs)}${shareText}); run side by side they would save about ${ms(savedMs)}.`;
      const range = timeRange(group.flatMap((o) => o.calls));
      findings.push({
        key: `${service}:${shape}:${shortHash(`${target} ${operation}`)}`,
        severity,
        score: Math.min(1, 0.4 + 0.4 * (Number.isFinite(share) ? share : 0.3) + 0.2 * Math.min(1, traces / 20)),
        confidence: (request === undefined ? 0.7 : 0.85) * (evidence.spansDropped > 0 ? 0.9 : 1),
        title: shape === 'repeated' ? `Chatty calls from ${operation} to ${target}` : `Sequential slow calls in ${operation}`,
        summary,
        service,
        resource: target,
        onsetUnixNano: range.startUnixNano,
        endUnixNano: range.endUnixNano,
        evidence: {
          series: [],
          spans: spanRefs(worst.calls),
          traceIds: traceIdsOf([...group].sort((a, b) => b.totalMs - a.totalMs).map((o) => o.calls[0])),
          numbers: { traces, 'calls.median': calls, 'calls.max': worst.calls.length, 'calls.total_median_ms': totalMs, ...(shape === 'sequential' ? { 'saved_if_parallel.median_ms': savedMs } : {}), ...(Number.isFinite(share) ? { 'request.share': share } : {}) },
        },
        why: {
          'call-batching':
            shape === 'repeated'
              ? `${calls} calls to ${target} per request cost ${ms(totalMs)}: ask for all the ids in one bulk call (or a data loader) instead.`
              : `These ${calls} calls do not depend on each other's answers? Then start them together: the request would take about ${ms(savedMs)} less.`,
          'keep-alive': `With ${calls} calls per request, make sure the client reuses connections so each call does not pay a new TCP/TLS handshake.`,
          caching: `If ${target} answers the same ids again and again, caching its responses saves calls outright.`,
        },
        notYet: ['Do not scale out the called service first: the round trips, not its capacity, are the cost here.'],
      });
    }
    return findings;
  },
};
