// thundering_herd: many requests wake at once on the same event and all do the same expensive work — a hot
// cache key expires and every request in flight misses it and recomputes it (cache stampede), many keys cached
// together expire together, or a dependency that was failing comes back and is flooded at once. Seen in traces
// as a burst of one operation, in many traces within seconds, far above its usual rate, right after cache
// misses or right after that operation was failing.
import { cacheActivity, cacheMissBefore, type CacheActivity, type CacheMiss } from './cache-misses.ts';
import { isDbQuerySpan } from './db-spans.ts';
import type { EvidenceSpan } from './evidence.ts';
import type { Rule, RuleFinding } from './rule.ts';
import { percentile } from './series-math.ts';
import { memoizeBySpan } from './span-memo.ts';
import { callTarget, isOutboundCall } from './outbound-calls.ts';
import { dbSystemOf, durationMs } from './span-attributes.ts';
import { isFailed } from './span-outcome.ts';
import { slowestFirst, spanRefs, traceIdsOf } from './span-refs.ts';
import { distinctTraces, largestTraceBurst, medianPerWindow } from './trace-bursts.ts';

type Thresholds = 'burstWindowSeconds' | 'minBurstTraces' | 'burstToBaselineRatio' | 'minBaselineSeconds' | 'minMissShare' | 'minBurstWorkMs' | 'criticalBurstWorkMs' | 'criticalBurstTraces';

const NANOS = 1e9;
/** Failures before a burst that make it a recovery flood: at least this many, and half of the calls. */
const MIN_FAILURES_BEFORE = 3;

/** One expensive operation: a statement on a database, or one method on one HTTP destination. */
interface Operation {
  service: string;
  /** "postgresql", or "http" for calls to another service. */
  system: string;
  label: string;
  spans: EvidenceSpan[];
}

interface Burst {
  cause: 'cache' | 'recovery';
  spans: EvidenceSpan[];
  misses: CacheMiss[];
  traces: number;
  baselinePerWindow: number | null;
  sameKey: { key: string; traces: number } | null;
  distinctKeys: number;
  failuresBefore: number;
}

interface OperationKey {
  id: string;
  system: string;
  label: string;
}
/** One shared key per distinct operation: spans of the same operation get the same object, not a copy each. */
const operationKeys = new Map<string, Map<string, Map<string, OperationKey>>>();
function operationKey(service: string, system: string, label: string): OperationKey {
  let bySystem = operationKeys.get(service);
  if (bySystem === undefined) operationKeys.set(service, (bySystem = new Map<string, Map<string, OperationKey>>()));
  let byLabel = bySystem.get(system);
  if (byLabel === undefined) bySystem.set(system, (byLabel = new Map<string, OperationKey>()));
  let key = byLabel.get(label);
  if (key === undefined) {
    // Bounded: a flood of distinct labels (unnormalized URLs) stops being interned and is keyed per span.
    key = { id: `${service}\u0000${system}\u0000${label}`, system, label };
    if (byLabel.size < 10_000) byLabel.set(label, key);
  }
  return key;
}

/** The operation a span runs (null when it is neither a query nor an outbound call), worked out once per span. */
const operationOf = memoizeBySpan((span: EvidenceSpan): OperationKey | null => {
  if (span.normalizedStatement !== null && isDbQuerySpan(span)) return operationKey(span.resource.serviceName, dbSystemOf(span) ?? 'database', span.normalizedStatement);
  if (isOutboundCall(span)) return operationKey(span.resource.serviceName, 'http', callTarget(span).label);
  return null;
});

function operations(spans: readonly EvidenceSpan[]): Operation[] {
  const groups = new Map<string, Operation>();
  for (const span of spans) {
    const op = operationOf(span);
    if (op === null) continue;
    const group = groups.get(op.id);
    if (group === undefined) groups.set(op.id, { service: span.resource.serviceName, system: op.system, label: op.label, spans: [span] });
    else group.spans.push(span);
  }
  return [...groups.values()];
}

function keysOf(misses: readonly { span: EvidenceSpan; miss: CacheMiss }[]): Pick<Burst, 'sameKey' | 'distinctKeys'> {
  const tracesByKey = new Map<string, Set<string>>();
  for (const { span, miss } of misses) {
    if (miss.key === undefined) continue;
    const set = tracesByKey.get(miss.key) ?? new Set<string>();
    set.add(span.traceId);
    tracesByKey.set(miss.key, set);
  }
  let sameKey: Burst['sameKey'] = null;
  for (const [key, traces] of tracesByKey) if (sameKey === null || traces.size > sameKey.traces) sameKey = { key, traces: traces.size };
  return { sameKey, distinctKeys: tracesByKey.size };
}

function findBurst(op: Operation, cache: CacheActivity, historyFrom: bigint, t: Record<Thresholds, number>): Burst | null {
  const windowNanos = BigInt(Math.round(t.burstWindowSeconds * NANOS));
  const all = largestTraceBurst(op.spans.map((span) => ({ span })), windowNanos);
  if (all.traces < t.minBurstTraces) return null;
  const baselineAt = (start: bigint): number | null =>
    Number(start - historyFrom) / NANOS >= t.minBaselineSeconds ? medianPerWindow(op.spans, historyFrom, start, windowNanos) : null;
  const aboveBaseline = (traces: number, baseline: number | null) => baseline !== null && traces >= t.burstToBaselineRatio * Math.max(1, baseline);

  // Cache stampede: the burst among executions that followed a cache miss.
  const missed = op.spans.flatMap((span) => {
    const miss = cacheMissBefore(span, cache);
    return miss === null ? [] : [{ span, miss }];
  });
  const herd = largestTraceBurst(missed, windowNanos);
  if (herd.traces >= t.minBurstTraces) {
    const start = herd.items[0].span.startTimeUnixNano;
    const until = start + windowNanos;
    const inWindow = op.spans.filter((s) => s.startTimeUnixNano >= start && s.startTimeUnixNano <= until);
    const baseline = baselineAt(start);
    const keys = keysOf(herd.items);
    // Without history only many misses of one and the same key tell a stampede from a cold start.
    const oneKey = keys.sameKey !== null && keys.sameKey.traces >= t.minBurstTraces;
    if (herd.traces / distinctTraces(inWindow) >= t.minMissShare && (aboveBaseline(herd.traces, baseline) || oneKey)) {
      return { cause: 'cache', spans: herd.items.map((e) => e.span), misses: herd.items.map((e) => e.miss), traces: herd.traces, baselinePerWindow: baseline, ...keys, failuresBefore: 0 };
    }
  }

  // Recovery flood: the operation was failing just before, then many traces ran it at once.
  const start = all.items[0].span.startTimeUnixNano;
  const lookback = BigInt(Math.round(t.minBaselineSeconds * NANOS));
  const since = start - lookback;
  const before = op.spans.filter((s) => s.startTimeUnixNano < start && s.startTimeUnixNano >= since);
  const failures = before.filter(isFailed).length;
  const baseline = baselineAt(start);
  if (failures < MIN_FAILURES_BEFORE || failures < before.length / 2 || !aboveBaseline(all.traces, baseline)) return null;
  return { cause: 'recovery', spans: all.items.map((e) => e.span), misses: [], traces: all.traces, baselinePerWindow: baseline, sameKey: null, distinctKeys: 0, failuresBefore: failures };
}

const short = (s: string): string => (s.length > 60 ? `${s.slice(0, 57)}…` : s);

/** Distinct traces that started the operation in each `bucketNanos` step across its spans: the burst as a spike. */
function tracesPerBucket(spans: readonly EvidenceSpan[], bucketNanos: bigint): { timeUnixNano: string; value: number }[] {
  if (spans.length === 0) return [];
  let first = spans[0].startTimeUnixNano;
  for (const s of spans) if (s.startTimeUnixNano < first) first = s.startTimeUnixNano;
  const buckets = new Map<bigint, Set<string>>();
  for (const s of spans) {
    const bucket = first + ((s.startTimeUnixNano - first) / bucketNanos) * bucketNanos;
    const traces = buckets.get(bucket) ?? new Set<string>();
    traces.add(s.traceId);
    buckets.set(bucket, traces);
  }
  const last = [...buckets.keys()].reduce((a, b) => (b > a ? b : a), first);
  if ((last - first) / bucketNanos > 1_000n) return [];
  const points: { timeUnixNano: string; value: number }[] = [];
  // Empty steps count as zero, so quiet stretches show as quiet.
  for (let at = first; at <= last; at += bucketNanos) points.push({ timeUnixNano: at.toString(), value: buckets.get(at)?.size ?? 0 });
  return points;
}

function toFinding(op: Operation, burst: Burst, t: Record<Thresholds, number>, spansDropped: number): RuleFinding | null {
  const spans = burst.spans;
  const workMs = spans.reduce((sum, s) => sum + durationMs(s), 0);
  if (workMs < t.minBurstWorkMs) return null;
  const onset = spans[0].startTimeUnixNano;
  const end = spans.reduce((a, s) => (s.endTimeUnixNano > a ? s.endTimeUnixNano : a), 0n);
  const seconds = Number(spans[spans.length - 1].startTimeUnixNano - onset) / NANOS;
  const inBurst = new Set(spans.map((s) => s.spanId));
  const others = op.spans.filter((s) => !inBurst.has(s.spanId));
  const p50 = percentile(spans.map(durationMs), 50);
  const otherP50 = percentile(others.map(durationMs), 50);
  const what = op.system === 'http' ? `call ${op.label}` : `${op.system} query`;
  const timeOf = op.system === 'http' ? `time in ${op.label}` : 'database time';
  const refilled = burst.misses.filter((m) => m.refilled).length;
  const trigger = burst.cause === 'recovery'
    ? `right after ${burst.failuresBefore} failed calls (it had been failing)`
    : burst.sameKey === null
      ? 'after cache misses (keys not recorded)'
      : burst.distinctKeys === 1 ? `after a cache miss on ${burst.sameKey.key}` : `after cache misses on ${burst.distinctKeys} keys (${burst.sameKey.key} in ${burst.sameKey.traces})`;
  const base = burst.baselinePerWindow;
  const usual = base === null ? '' : base < 1 ? `; it usually runs less than once per ${t.burstWindowSeconds} s` : `, ${(burst.traces / base).toFixed(0)}× its usual ${base} per ${t.burstWindowSeconds} s`;
  const refillText = burst.cause === 'cache' ? ` ${refilled} of them wrote the cache back afterwards.` : '';
  const compare = others.length >= 5 ? ` against ${otherP50.toFixed(0)} ms outside the burst` : '';
  const redundant = burst.cause === 'cache' ? burst.traces - Math.max(1, burst.distinctKeys) : burst.traces - 1;
  const saved = ((workMs * redundant) / burst.traces / 1000).toFixed(1);
  const manyKeys = burst.distinctKeys > 1 && (burst.sameKey?.traces ?? 0) < burst.traces / 2;
  return {
    key: `${op.service}:${op.system}:${op.label.slice(0, 200)}`,
    severity: workMs >= t.criticalBurstWorkMs || burst.traces >= t.criticalBurstTraces ? 'critical' : 'warning',
    score: Math.min(1, 0.5 + Math.min(0.25, burst.traces / 200) + Math.min(0.2, workMs / 50_000)),
    confidence: (burst.sameKey !== null || burst.cause === 'recovery' ? 0.85 : 0.7) - (spansDropped > 0 ? 0.1 : 0),
    title: burst.cause === 'cache' ? `Cache stampede: ${burst.traces} requests ran ${short(op.label)} at once` : `Thundering herd on ${short(op.label)} as it recovered`,
    summary:
      `Within ${seconds.toFixed(1)} s, ${burst.traces} requests to ${op.service} each ran the same ${what} ${trigger}${usual}.${refillText} ` +
      `Together they cost ${(workMs / 1000).toFixed(1)} s of ${timeOf} (p50 ${p50.toFixed(0)} ms each${compare}).`,
    service: op.service,
    resource: `${op.system} ${short(op.label)}`,
    onsetUnixNano: onset,
    endUnixNano: end,
    evidence: {
      series: [
        {
          metric: 'operation.traces_per_window',
          unit: '{request}',
          attributes: { service: op.service, operation: short(op.label) },
          points: tracesPerBucket(op.spans, BigInt(Math.round(t.burstWindowSeconds * NANOS))),
          threshold: t.minBurstTraces,
        },
      ],
      spans: spanRefs(slowestFirst(spans)),
      traceIds: traceIdsOf(spans),
      numbers: {
        'burst.traces': burst.traces,
        'burst.seconds': seconds,
        'burst.work_ms': workMs,
        'burst.p50_ms': p50,
        'keys.distinct': burst.distinctKeys,
        ...(burst.sameKey === null ? {} : { 'keys.top_traces': burst.sameKey.traces }),
        ...(burst.baselinePerWindow === null ? {} : { 'baseline.per_window': burst.baselinePerWindow }),
        ...(burst.cause === 'recovery' ? { 'failures.before': burst.failuresBefore } : {}),
      },
      ...(others.length >= 5 ? { comparison: [{ label: 'p50 outside → inside the burst', before: otherP50, after: p50, unit: 'ms' }] } : {}),
    },
    why: {
      'request-coalescing': `${burst.traces} requests did the same work within ${seconds.toFixed(1)} s: let one do it while the others wait for its result (single-flight or a lock per key), saving about ${saved} s of ${timeOf} per burst.`,
      'probabilistic-early-refresh': `Refresh ${burst.sameKey?.key ?? 'hot keys'} shortly before expiry (probabilistic early expiration, Vattani et al.) so it never goes missing under load.`,
      'ttl-jitter': manyKeys
        ? `${burst.distinctKeys} keys missed together because they were cached together with one TTL: add random jitter so their expiries spread out.`
        : 'If many keys are written together, jitter their TTLs so they do not expire together.',
      caching: `Each recomputation costs ${p50.toFixed(0)} ms: cache it longer, or precompute it off the request path.`,
      'gradual-ramp-up': burst.cause === 'recovery'
        ? `${op.label} had ${burst.failuresBefore} failures, then ${burst.traces} requests within ${seconds.toFixed(1)} s: let traffic back in gradually (jittered retries, slow start) after a recovery.`
        : 'After a cache flush or a deploy, warm the cache before sending full traffic.',
    },
    notYet: [`Do not scale the ${op.system === 'http' ? 'dependency' : 'database'} for this: the burst is ${burst.traces} copies of the same work. Coalesce it first.`],
  };
}

export const thunderingHerd: Rule<Thresholds> = {
  id: 'thundering-herd',
  kind: 'thundering_herd',
  title: 'Thundering herd',
  needs: { metrics: [], spans: true, description: 'cache client spans (redis/memcached, with keys) followed by database query spans with db.query.text; HTTP client spans with status' },
  thresholds: {
    burstWindowSeconds: { value: 2, source: 'Detection method in the reference notes: a stampede shows within 1–5 s; 2 s catches one expiry without merging separate ones' },
    minBurstTraces: { value: 10, source: 'Convention: 10 requests recomputing at once is a herd, not a coincidence of a few misses' },
    burstToBaselineRatio: { value: 5, source: 'Reference notes: the statement’s distinct-trace count jumps several times over its baseline; here 5× the median window before the burst' },
    minBaselineSeconds: { value: 10, source: 'Convention: under 10 s of history cannot tell a burst from a cold start, so then only many misses of one key count' },
    minMissShare: { value: 0.5, source: 'Convention: at least half of the burst must follow cache misses, or it is ordinary traffic' },
    minBurstWorkMs: { value: 500, source: 'Convention: below half a second of database time the burst is harmless (e.g. 10 × 50 ms)' },
    criticalBurstWorkMs: { value: 5_000, source: 'Convention: 5 s of database time within seconds keeps several connections busy recomputing one result' },
    criticalBurstTraces: { value: 50, source: 'Convention: 50 requests doing the same work at once (5× the herd line) is critical whatever each costs' },
  },
  techniques: ['request-coalescing', 'probabilistic-early-refresh', 'ttl-jitter', 'caching', 'gradual-ramp-up'],
  evaluate(evidence, t) {
    if (evidence.spans.length === 0) return [];
    const cache = cacheActivity(evidence.spans);
    // History starts where the data does: the window's start, or later when the recording began later.
    const firstSeen = evidence.spans.reduce((a, s) => (s.startTimeUnixNano < a ? s.startTimeUnixNano : a), evidence.atUnixNano);
    const historyFrom = firstSeen > evidence.spansFromUnixNano ? firstSeen : evidence.spansFromUnixNano;
    const findings: RuleFinding[] = [];
    for (const op of operations(evidence.spans)) {
      const burst = findBurst(op, cache, historyFrom, t);
      const finding = burst === null ? null : toFinding(op, burst, t, evidence.spansDropped);
      if (finding !== null) findings.push(finding);
    }
    return findings;
  },
};
