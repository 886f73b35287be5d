// chatty_calls: a request talks to another service in many small calls where one would do. Two shapes, after
// Sentry's detectors: N+1 API calls — ≥ 10 calls to the same endpoint template under one parent, ≥ 300 ms in
// total (Sentry looks for them only in browsers and only when they start within 5 ms of each other; a backend
// loop makes them one after another, so any timing counts here) — and consecutive HTTP — ≥ 3 slow calls
// (≥ 500 ms each) one right after another (gaps ≤ 500 ms) that, run in parallel, would save ≥ 2 s. Retried
// attempts and groups that mostly fail are left to the retry-storm rule.
import type { Evidence, EvidenceSpan } from './evidence.ts';
import { evidenceTree } from './evidence-tree.ts';
import { operationName } from './operation-name.ts';
import { callTarget } from './outbound-calls.ts';
import type { Rule, RuleFinding } from './rule.ts';
import { percentile } from './series-math.ts';
import { shortHash } from './short-hash.ts';
import type { SpanColumns } from './span-columns.ts';
import { CALL_TARGET, FAILED, OUTBOUND_CALL, RETRY } from './span-facts.ts';
import { spanRefs, traceIdsOf } from './span-refs.ts';
import { nanosToMs, spanNanos, timeRange } from './span-timing.ts';
import { entrySpanOf, parentOf, type SpanTree } from './span-tree.ts';

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

/** What the search reads of the window: the columns, and the facts it needs only once there are candidates. */
class Calls {
  readonly spans: readonly EvidenceSpan[];
  private retryColumn: Int32Array | undefined;
  private failedColumn: Int32Array | undefined;
  private targetColumn: Int32Array | undefined;

  constructor(readonly columns: SpanColumns) {
    this.spans = columns.spans;
  }

  get retry(): Int32Array {
    return (this.retryColumn ??= this.columns.fact(RETRY));
  }

  get failed(): Int32Array {
    return (this.failedColumn ??= this.columns.fact(FAILED));
  }

  get target(): Int32Array {
    return (this.targetColumn ??= this.columns.fact(CALL_TARGET));
  }

  /** The row's own duration in ms (spanNanos: 0 when it ends before it starts). */
  ms(row: number): number {
    return Math.max(0, this.columns.endNs[row] - this.columns.startNs[row]) / 1e6;
  }

  failedCount(rows: readonly number[]): number {
    let count = 0;
    for (const row of rows) count += this.failed[row];
    return count;
  }
}

/**
 * The outbound calls (not retries) under each parent span with at least `min` of them, as rows in the order the
 * span tree keeps children (start time, then arrival), keyed by the tree's parent key. Only traces that hold
 * `min` outbound calls at all are looked at span by span.
 */
function callsByParent(calls: Calls, min: number): Map<string, number[]> {
  const { columns, spans } = calls;
  const outbound = columns.fact(OUTBOUND_CALL);
  const trace = columns.trace;
  // Outbound calls per trace, indexed by the trace's string id: an array lookup where a Map would hash and grow
  // with every trace of the window.
  const perTrace = new Int32Array(columns.strings.size);
  for (let row = 0; row < outbound.length; row += 1) if (outbound[row] === 1) perTrace[trace[row]] += 1;
  const byParent = new Map<string, number[]>();
  for (let row = 0; row < outbound.length; row += 1) {
    if (outbound[row] !== 1 || perTrace[trace[row]] < min) continue;
    const span = spans[row];
    if (span.parentSpanId === '' || calls.retry[row] === 1) continue;
    // The span tree's key for the parent (span-tree.ts).
    const key = `${span.traceId}/${span.parentSpanId}`;
    const list = byParent.get(key);
    if (list === undefined) byParent.set(key, [row]);
    else list.push(row);
  }
  const { startNs } = columns;
  for (const [key, rows] of byParent) {
    if (rows.length < min) byParent.delete(key);
    else rows.sort((a, b) => startNs[a] - startNs[b] || a - b);
  }
  return byParent;
}

/** Runs of slow calls that each started soon after the previous one ended (earliest start first). */
function sequentialRuns(calls: Calls, rows: readonly number[], t: Record<Thresholds, number>): number[][] {
  const { startNs, endNs } = calls.columns;
  const runs: number[][] = [];
  let run: number[] = [];
  const close = () => {
    if (run.length >= t.minSequentialCalls) runs.push(run);
    run = [];
  };
  for (const call of rows) {
    if (calls.ms(call) < t.minCallMs) {
      close();
      continue;
    }
    const last = run.length > 0 ? run[run.length - 1] : undefined;
    // runsAfter (span-timing.ts): starts after the previous one ended, give or take 1 ms of timestamp slack.
    if (last !== undefined && (!(startNs[call] + 1_000_000 >= endNs[last]) || (startNs[call] - endNs[last]) / 1e6 > t.maxGapMs)) close();
    run.push(call);
  }
  close();
  return runs;
}

function occurrencesUnder(calls: Calls, rows: readonly number[], t: Record<Thresholds, number>): Omit<Occurrence, 'request' | 'share'>[] {
  const { spans } = calls;
  const { startNs, endNs } = calls.columns;
  const found: Omit<Occurrence, 'request' | 'share'>[] = [];
  const byTarget = new Map<number, number[]>();
  for (const row of rows) {
    const known = byTarget.get(calls.target[row]);
    if (known === undefined) byTarget.set(calls.target[row], [row]);
    else known.push(row);
  }
  const repeated = new Set<number>();
  for (const same of byTarget.values()) {
    if (same.length < t.minCallsPerParent || calls.failedCount(same) * 2 >= same.length) continue;
    let nanos = 0;
    let longestMs = Number.NEGATIVE_INFINITY;
    for (const row of same) {
      nanos += Math.max(0, endNs[row] - startNs[row]);
      longestMs = Math.max(longestMs, calls.ms(row));
    }
    const totalMs = nanos / 1e6;
    if (totalMs < t.minTotalMs) continue;
    const first = spans[same[0]];
    found.push({ shape: 'repeated', service: first.resource.serviceName, target: callTarget(first).label, calls: same.map((row) => spans[row]), totalMs, savedMs: totalMs - longestMs });
    for (const row of same) repeated.add(row);
  }
  // Slow calls already reported as repeated calls to one endpoint are not reported twice.
  const byStart = [...rows].sort((a, b) => startNs[a] - startNs[b] || endNs[a] - endNs[b]);
  for (const run of sequentialRuns(calls, byStart, t)) {
    if (run.every((call) => repeated.has(call))) continue;
    const durations = run.map((row) => calls.ms(row));
    const totalMs = durations.reduce((a, b) => a + b, 0);
    const savedMs = totalMs - Math.max(...durations);
    if (savedMs < t.minSavedMs || calls.failedCount(run) * 2 >= run.length) continue;
    const runSpans = run.map((row) => spans[row]);
    const labels = [...new Set(runSpans.map((c) => callTarget(c).label))];
    found.push({ shape: 'sequential', service: runSpans[0].resource.serviceName, target: labels.length === 1 ? labels[0] : `${labels.length} endpoints`, calls: runSpans, totalMs, savedMs });
  }
  return found;
}

/** The occurrences under each parent, parents in the order the span tree lists them (as a walk of the tree finds them). */
function occurrencesInTreeOrder(tree: SpanTree, byParent: Map<string, Omit<Occurrence, 'request' | 'share'>[]>): Omit<Occurrence, 'request' | 'share'>[] {
  if (byParent.size <= 1) return [...byParent.values()].flat();
  const ordered: Omit<Occurrence, 'request' | 'share'>[] = [];
  let left = byParent.size;
  for (const key of tree.children.keys()) {
    const found = byParent.get(key);
    if (found === undefined) continue;
    ordered.push(...found);
    left -= 1;
    if (left === 0) break;
  }
  return ordered;
}

function occurrencesIn(evidence: Evidence, t: Record<Thresholds, number>): { tree: SpanTree; found: Omit<Occurrence, 'request' | 'share'>[] } | null {
  const calls = new Calls(evidence.columns());
  const byParent = new Map<string, Omit<Occurrence, 'request' | 'share'>[]>();
  for (const [key, rows] of callsByParent(calls, Math.min(t.minCallsPerParent, t.minSequentialCalls))) {
    const found = occurrencesUnder(calls, rows, t);
    if (found.length > 0) byParent.set(key, found);
  }
  if (byParent.size === 0) return null;
  const tree = evidenceTree(evidence);
  return { tree, found: occurrencesInTreeOrder(tree, byParent) };
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
    const occurrences = occurrencesIn(evidence, t);
    if (occurrences === null) return [];
    const { tree } = occurrences;
    const groups = new Map<string, Occurrence[]>();
    for (const found of occurrences.found) {
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
