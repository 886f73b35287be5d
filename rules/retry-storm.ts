// retry_storm: a service retries calls to a struggling dependency so often that the retries become a good
// part of the dependency's load. Counts retries per calling service and destination (resend_count, or
// identical sibling calls after a failure), the load amplification they cause, and whether the retries wait
// the same time everywhere (no jitter: the retries of many clients arrive together).
import type { EvidenceSeries } from '../common/findings.ts';
import { evidenceTree } from './evidence-tree.ts';
import type { EvidenceSpan } from './evidence.ts';
import { callsByDestination, type DestinationCalls, type RetryChain } from './retry-attempts.ts';
import type { Rule, RuleFinding } from './rule.ts';
import { mean } from './series-math.ts';
import { isFailed } from './span-outcome.ts';
import { slowestFirst, spanRefs, traceIdsOf } from './span-refs.ts';
import { childrenOf } from './span-tree.ts';
import { bucketByTime, latestRun } from './time-buckets.ts';

type Thresholds = 'minRetries' | 'maxRetryRatio' | 'maxAttemptsPerRequest' | 'criticalAmplification' | 'maxJitterCv';

const BUCKET_NANOS = 5_000_000_000n;
const pct = (v: number): string => `${Math.round(v * 100)}%`;

interface Spacing {
  /** Mean wait before the first retry (ms). */
  firstDelayMs: number;
  /** Coefficient of variation of that wait across calls: near 0 means every client waits the same. */
  cv: number;
  samples: number;
}

/** How long calls waited before their first retry, and how alike those waits were. */
function spacingOf(chains: readonly RetryChain[]): Spacing | null {
  const delays = chains.map((c) => Math.max(0, Number(c.attempts[1].startTimeUnixNano - c.attempts[0].endTimeUnixNano) / 1e6));
  if (delays.length < 3) return null;
  const m = mean(delays);
  const sd = Math.sqrt(mean(delays.map((d) => (d - m) ** 2)));
  return { firstDelayMs: m, cv: m > 0 ? sd / m : 0, samples: delays.length };
}

function spacingText(spacing: Spacing | null, t: Record<Thresholds, number>): string {
  if (spacing === null) return '';
  if (spacing.firstDelayMs < 10) return ` Retries go out at once (${spacing.firstDelayMs.toFixed(0)} ms after the failure): no backoff.`;
  if (spacing.cv <= t.maxJitterCv) return ` Every call waited the same ${spacing.firstDelayMs.toFixed(0)} ms (±${pct(spacing.cv)}) before retrying: no jitter, so retries arrive in synchronized waves.`;
  return ` Retries waited ${spacing.firstDelayMs.toFixed(0)} ms on average, with jitter (±${pct(spacing.cv)}).`;
}

function toFinding(calls: DestinationCalls, spansFrom: bigint, at: bigint, served: number, t: Record<Thresholds, number>, spansDropped: number): RuleFinding | null {
  const attempts = calls.attempts.length;
  const retries = calls.retries.length;
  const ratio = retries / attempts;
  if (retries < t.minRetries || ratio < t.maxRetryRatio) return null;
  const logical = attempts - retries;
  const amplification = attempts / Math.max(1, logical);
  const failed = calls.attempts.filter(isFailed).length;
  const spacing = spacingOf(calls.chains);
  const overCap = calls.maxAttempts > t.maxAttemptsPerRequest;
  const critical = amplification >= t.criticalAmplification || overCap;

  const retryIds = new Set(calls.retries.map((s) => s.spanId));
  const buckets = bucketByTime(calls.attempts, (s) => s.startTimeUnixNano, spansFrom, at, BUCKET_NANOS);
  const shareIn = (items: readonly EvidenceSpan[]) => items.filter((s) => retryIds.has(s.spanId)).length / items.length;
  const run = latestRun(buckets, (b) => (b.items.length < 5 ? undefined : shareIn(b.items) >= t.maxRetryRatio));
  const retriesInRun = run === null ? calls.retries : buckets.slice(run.first, run.last + 1).flatMap((b) => b.items.filter((s) => retryIds.has(s.spanId)));
  const onsetSpans = retriesInRun.length > 0 ? retriesInRun : calls.retries;
  const onset = onsetSpans.reduce((a, s) => (s.startTimeUnixNano < a ? s.startTimeUnixNano : a), onsetSpans[0].startTimeUnixNano);
  const end = calls.attempts.reduce((a, s) => (s.endTimeUnixNano > a ? s.endTimeUnixNano : a), 0n);
  const series: EvidenceSeries[] = [
    {
      metric: `share of calls to ${calls.destination} that were retries`,
      unit: '1',
      attributes: { service: calls.service, destination: calls.destination },
      points: buckets.filter((b) => b.items.length > 0).map((b) => ({ timeUnixNano: b.endUnixNano.toString(), value: Number(shareIn(b.items).toFixed(4)) })),
      threshold: t.maxRetryRatio,
    },
  ];
  // The most telling spans: retries from the longest chains first, then the other retries.
  const longest = [...calls.chains].sort((a, b) => b.attempts.length - a.attempts.length).flatMap((c) => c.attempts);
  const offending = [...new Set([...longest, ...slowestFirst(calls.retries)])];
  const servedText = served > 0 ? ` The callee recorded ${served} server spans for them.` : '';
  const capText = overCap ? ` Some calls took ${calls.maxAttempts} attempts, over the ${t.maxAttemptsPerRequest}-attempt cap.` : '';
  return {
    key: `${calls.service}->${calls.destination}`,
    severity: critical ? 'critical' : 'warning',
    score: Math.min(1, 0.5 + Math.min(0.3, (amplification - 1) * 0.3) + (overCap ? 0.1 : 0) + Math.min(0.1, retries / 1000)),
    // Higher when the callee is traced too: its server spans confirm the extra load arrived.
    confidence: 0.8 + (served > 0 ? 0.1 : 0) - (spansDropped > 0 ? 0.1 : 0),
    title: `Retry storm: ${calls.service} → ${calls.destination}, ${pct(ratio)} of calls are retries`,
    summary:
      `${retries} of ${attempts} calls from ${calls.service} to ${calls.destination} were retries (${pct(ratio)}, budget ${pct(t.maxRetryRatio)}): ` +
      `${amplification.toFixed(1)}× the load of the ${logical} calls the service meant to make; ${pct(failed / attempts)} of attempts failed.${capText}${spacingText(spacing, t)}${servedText}`,
    service: calls.service,
    resource: calls.destination,
    onsetUnixNano: onset,
    endUnixNano: end,
    evidence: {
      series,
      spans: spanRefs(offending),
      traceIds: traceIdsOf(offending),
      numbers: {
        attempts,
        retries,
        'retry.ratio': ratio,
        amplification,
        'attempts.max_per_call': calls.maxAttempts,
        'attempts.failed_share': failed / attempts,
        ...(spacing === null ? {} : { 'retry.first_delay_ms': spacing.firstDelayMs, 'retry.delay_cv': spacing.cv }),
        ...(served > 0 ? { 'callee.server_spans': served } : {}),
      },
    },
    why: {
      'retries-with-backoff': `${pct(ratio)} of calls to ${calls.destination} are retries${spacing !== null && spacing.cv <= t.maxJitterCv ? `, all after the same ${spacing.firstDelayMs.toFixed(0)} ms` : ''}: back off exponentially with jitter, cap at ${t.maxAttemptsPerRequest} attempts and keep retries under a ${pct(t.maxRetryRatio)} budget.`,
      'circuit-breakers': `${pct(failed / attempts)} of attempts failed: a breaker stops sending (and retrying) into a failing ${calls.destination} and lets it recover.`,
      'rate-limiting': `Limit retries per client (a retry budget or token bucket) so a struggling ${calls.destination} sees about ${pct(t.maxRetryRatio)} extra load instead of ${amplification.toFixed(1)}×.`,
      idempotency: `Retried calls run twice when the first attempt did succeed on the server: make them idempotent (idempotency keys) before tuning the retries.`,
    },
    notYet: [`Do not add capacity to ${calls.destination} to absorb the retries: ${amplification.toFixed(1)}× of its load is self-inflicted. Fix the retry policy first.`],
  };
}

export const retryStorm: Rule<Thresholds> = {
  id: 'retry-storm',
  kind: 'retry_storm',
  title: 'Retry storm',
  needs: { metrics: [], spans: true, description: 'client spans with http.request.resend_count, or repeated sibling calls after failures; the callee’s server spans when traced' },
  thresholds: {
    minRetries: { value: 10, source: 'Convention (volume floor): fewer than 10 retries in the 2-minute span window is noise' },
    maxRetryRatio: { value: 0.1, source: 'Google SRE book, Handling Overload: a per-client retry budget keeps retries under 10% of requests' },
    maxAttemptsPerRequest: { value: 3, source: 'Google SRE book, Handling Overload: cap a request at 3 attempts; more is critical' },
    criticalAmplification: { value: 2, source: 'Convention: retries that double the callee’s load (attempts ÷ intended calls ≥ 2) turn an overload into an outage' },
    maxJitterCv: { value: 0.1, source: 'Convention: first-retry delays varying less than 10% across calls mean a fixed delay without jitter (synchronized retries)' },
  },
  techniques: ['retries-with-backoff', 'circuit-breakers', 'rate-limiting', 'idempotency'],
  evaluate(evidence, t) {
    const findings: RuleFinding[] = [];
    // Only groups with enough retries come back as spans; the tree is needed only for them.
    for (const calls of callsByDestination(evidence.columns(), t.minRetries)) {
      const tree = evidenceTree(evidence);
      const served = calls.attempts.reduce((n, s) => n + childrenOf(tree, s).filter((c) => c.kind === 'server').length, 0);
      const finding = toFinding(calls, evidence.spansFromUnixNano, evidence.atUnixNano, served, t, evidence.spansDropped);
      if (finding !== null) findings.push(finding);
    }
    return findings;
  },
};
