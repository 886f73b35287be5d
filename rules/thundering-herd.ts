// thundering_herd: many requests wake at once on the same event and all do the same expensive work — a hot
// cache key expires and every request in flight misses it and recomputes it (cache stampede), many keys cached
// together expire together, or a dependency that was failing comes back and is flooded at once. Seen in traces
// as a burst of one operation, in many traces within seconds, far above its usual rate, right after cache
// misses or right after that operation was failing.
import { CacheActivity, missKey, missRefilled } from './cache-misses.ts';
import type { Rule, RuleFinding } from './rule.ts';
import { percentile } from './series-math.ts';
import { isFailed } from './span-outcome.ts';
import { NONE, type SpanColumns } from './span-columns.ts';
import { slowestFirst, spanRefs, traceIdsOf } from './span-refs.ts';
import { operations, type Operation } from './thundering-herd-operations.ts';
import { distinctTracesBetween, firstStartingAt, largestTraceBurst, medianPerWindow, traceCounters, tracesPerBucket, type BurstRange } from './trace-bursts.ts';

type Thresholds = 'burstWindowSeconds' | 'minBurstTraces' | 'burstToBaselineRatio' | 'minBaselineSeconds' | 'minMissShare' | 'minBurstWorkMs' | 'criticalBurstWorkMs' | 'criticalBurstTraces';

const NANOS = 1e9;
/** Failures before a burst that make it a recovery flood: at least this many, and half of the calls. */
const MIN_FAILURES_BEFORE = 3;

interface Burst {
  cause: 'cache' | 'recovery';
  /** Rows of the burst's spans, by start. */
  rows: Int32Array;
  /** The cache miss behind each of `rows` (cache-misses.ts), empty for a recovery. */
  misses: number[];
  traces: number;
  baselinePerWindow: number | null;
  sameKey: { key: string; traces: number } | null;
  distinctKeys: number;
  failuresBefore: number;
}

/** What one evaluation shares across operations. */
interface Scan {
  columns: SpanColumns;
  cache: CacheActivity;
  counters: Int32Array;
  historyFrom: bigint;
}

function keysOf(columns: SpanColumns, rows: Int32Array, misses: readonly number[]): Pick<Burst, 'sameKey' | 'distinctKeys'> {
  const tracesByKey = new Map<number, Set<number>>();
  for (let i = 0; i < rows.length; i += 1) {
    const key = missKey(misses[i]);
    if (key === NONE) continue;
    const set = tracesByKey.get(key) ?? new Set<number>();
    set.add(columns.trace[rows[i]]);
    tracesByKey.set(key, set);
  }
  let sameKey: { key: number; traces: number } | null = null;
  for (const [key, traces] of tracesByKey) if (sameKey === null || traces.size > sameKey.traces) sameKey = { key, traces: traces.size };
  return { sameKey: sameKey === null ? null : { key: columns.strings.value(sameKey.key), traces: sameKey.traces }, distinctKeys: tracesByKey.size };
}

const rowsIn = (rows: Int32Array, range: BurstRange): Int32Array => rows.slice(range.from, range.to + 1);

function findBurst(op: Operation, scan: Scan, t: Record<Thresholds, number>): Burst | null {
  const { columns, counters, historyFrom } = scan;
  const windowNanos = BigInt(Math.round(t.burstWindowSeconds * NANOS));
  const windowNs = Number(windowNanos);
  const all = largestTraceBurst(op, windowNs, counters);
  if (all.traces < t.minBurstTraces) return null;
  const baselineAt = (start: bigint): number | null =>
    Number(start - historyFrom) / NANOS >= t.minBaselineSeconds ? medianPerWindow(op, (unixNano) => columns.toNs(unixNano), historyFrom, start, windowNanos) : null;
  const aboveBaseline = (traces: number, baseline: number | null) => baseline !== null && traces >= t.burstToBaselineRatio * Math.max(1, baseline);

  // Cache stampede: the burst among executions that followed a cache miss.
  const { rows: missedRows, misses: missedBy } = scan.cache.missedAmong(op.rows);
  const missed = { ...op, rows: missedRows };
  const herd = largestTraceBurst(missed, windowNs, counters);
  if (herd.traces >= t.minBurstTraces) {
    const startNs = columns.startNs[missed.rows[herd.from]];
    // At least this share of the traces in the burst's window followed a miss, or it is ordinary traffic.
    if (herd.traces / distinctTracesBetween(op, startNs, startNs + windowNs, counters) >= t.minMissShare) {
      const start = columns.toUnixNano(startNs);
      const rows = rowsIn(missed.rows, herd);
      const misses = missedBy.slice(herd.from, herd.to + 1);
      const baseline = baselineAt(start);
      const keys = keysOf(columns, rows, misses);
      // Without history only many misses of one and the same key tell a stampede from a cold start.
      const oneKey = keys.sameKey !== null && keys.sameKey.traces >= t.minBurstTraces;
      if (aboveBaseline(herd.traces, baseline) || oneKey) {
        return { cause: 'cache', rows, misses, traces: herd.traces, baselinePerWindow: baseline, ...keys, failuresBefore: 0 };
      }
    }
  }

  // Recovery flood: the operation was failing just before, then many traces ran it at once.
  const startNs = columns.startNs[op.rows[all.from]];
  const start = columns.toUnixNano(startNs);
  const baseline = baselineAt(start);
  // Ordinary traffic stops here, before any span object is read.
  if (!aboveBaseline(all.traces, baseline)) return null;
  const sinceNs = columns.toNs(start - BigInt(Math.round(t.minBaselineSeconds * NANOS)));
  let before = 0;
  let failures = 0;
  for (let i = firstStartingAt(op, sinceNs); i < op.rows.length && columns.startNs[op.rows[i]] < startNs; i += 1) {
    before += 1;
    // Reached only for a burst far above its baseline, and only for the lookback's rows: those spans are read
    // directly rather than a failure column computed for every span of the window.
    if (isFailed(columns.spans[op.rows[i]])) failures += 1;
  }
  if (failures < MIN_FAILURES_BEFORE || failures < before / 2) return null;
  return { cause: 'recovery', rows: rowsIn(op.rows, all), misses: [], traces: all.traces, baselinePerWindow: baseline, sameKey: null, distinctKeys: 0, failuresBefore: failures };
}

const short = (s: string): string => (s.length > 60 ? `${s.slice(0, 57)}…` : s);

function toFinding(op: Operation, burst: Burst, scan: Scan, t: Record<Thresholds, number>, spansDropped: number): RuleFinding | null {
  const { columns } = scan;
  const durationMs = (row: number): number => (columns.endNs[row] - columns.startNs[row]) / 1e6;
  let workMs = 0;
  for (const row of burst.rows) workMs += durationMs(row);
  if (workMs < t.minBurstWorkMs) return null;
  const spans = Array.from(burst.rows, (row) => columns.spans[row]);
  const onset = spans[0].startTimeUnixNano;
  const end = spans.reduce((a, s) => (s.endTimeUnixNano > a ? s.endTimeUnixNano : a), 0n);
  const seconds = Number(spans[spans.length - 1].startTimeUnixNano - onset) / NANOS;
  const inBurst = new Set(spans.map((s) => s.spanId));
  const others = op.rows.filter((row) => !inBurst.has(columns.spans[row].spanId));
  const p50 = percentile(Array.from(burst.rows, durationMs), 50);
  const otherP50 = percentile(Array.from(others, durationMs), 50);
  const what = op.system === 'http' ? `call ${op.label}` : `${op.system} query`;
  const timeOf = op.system === 'http' ? `time in ${op.label}` : 'database time';
  const refilled = burst.misses.filter(missRefilled).length;
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
          points: tracesPerBucket(op, (ns) => columns.toUnixNano(ns), BigInt(Math.round(t.burstWindowSeconds * NANOS))),
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
    const columns = evidence.columns();
    let firstNs = columns.startNs[0];
    for (let row = 1; row < columns.length; row += 1) if (columns.startNs[row] < firstNs) firstNs = columns.startNs[row];
    // History starts where the data does: the window's start, or later when the recording began later.
    const firstStart = columns.toUnixNano(firstNs);
    const firstSeen = firstStart < evidence.atUnixNano ? firstStart : evidence.atUnixNano;
    const historyFrom = firstSeen > evidence.spansFromUnixNano ? firstSeen : evidence.spansFromUnixNano;
    const ops = operations(columns, t.minBurstTraces);
    if (ops.length === 0) return [];
    const scan: Scan = { columns, cache: new CacheActivity(columns), counters: traceCounters(columns.strings.size), historyFrom };
    const findings: RuleFinding[] = [];
    for (const op of ops) {
      const burst = findBurst(op, scan, t);
      const finding = burst === null ? null : toFinding(op, burst, scan, t, evidence.spansDropped);
      if (finding !== null) findings.push(finding);
    }
    return findings;
  },
};
