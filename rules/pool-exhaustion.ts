// pool_exhaustion: requests queue for a database connection. Metric evidence: the pool at (or near) its
// maximum while requests are pending, or a rising wait_time. Trace evidence: checkout spans (pg-pool.connect,
// generic-pool.acquire) that take a material share of request time, or — without checkout spans — a gap
// before each request's first query that grows with concurrency. Pool metrics are sanity-checked first
// (instrumentation-pg 0.76 reports impossible values with several pools); bad metrics fall back to traces.
import type { Evidence, EvidenceSpan } from './evidence.ts';
import { evidenceTree } from './evidence-tree.ts';
import { hostCpu } from './host-cpu.ts';
import { POOL_METRIC_NAMES, poolMetrics, valueAt, type PoolMetrics } from './pool-metrics.ts';
import { acquireWaits, firstQueryGaps, type WaitGroup, type WaitSample } from './pool-waits.ts';
import type { Rule, RuleFinding } from './rule.ts';
import { evidencePoints, nanosToSeconds, percentile, secondsToNanos, sustainedRun, type TimedValue } from './series-math.ts';
import { serverLatencyShift } from './server-latency.ts';
import { spanRefs, traceIdsOf } from './span-refs.ts';
import { nanosToMs, spanNanos } from './span-timing.ts';
import { spanKey } from './span-tree.ts';
import { bucketByTime, latestRun } from './time-buckets.ts';

type Thresholds = 'waitP95Ms' | 'minWaitShare' | 'sustainSeconds' | 'usedShare' | 'criticalWaitShare' | 'gapGrowth';

const BUCKET_SECONDS = 5;
/** A bucket with fewer waits than this is too thin to judge and neither extends nor breaks a run. */
const MIN_SAMPLES_PER_BUCKET = 3;
/** Host CPU busy share above which a growing pre-query gap is more likely CPU than a pool (cpu-saturation's warning line). */
const CPU_BUSY_RATIO = 0.85;

interface MetricRun { pool: PoolMetrics; onset: bigint; end: bigint; usedPeak: number; max: number; pendingPeak: number; waitMeanPeakMs: number; timeouts: number; waiting: TimedValue[] }
interface TraceRun { group: WaitGroup; onset: bigint; end: bigint; samples: WaitSample[]; p95Ms: number; share: number; waiting: number; requests: number; p95Series: TimedValue[]; baselineMs: number; inFlight: number }

/** The largest finite value, NaN when there is none. */
const peakOf = (list: readonly number[]): number => list.filter(Number.isFinite).reduce((a, b) => (Number.isNaN(a) || b > a ? b : a), Number.NaN);

/** Wait summed over samples with a known request ÷ time of those requests. */
function shareOf(samples: readonly WaitSample[]): number {
  const requests = new Map<string, EvidenceSpan>();
  let wait = 0;
  for (const s of samples) {
    if (s.request === undefined) continue;
    requests.set(spanKey(s.request), s.request);
    wait += s.waitMs;
  }
  const total = [...requests.values()].reduce((sum, r) => sum + nanosToMs(spanNanos(r)), 0);
  return total > 0 ? Math.min(1, wait / total) : Number.NaN;
}

function metricRun(pool: PoolMetrics, t: Record<Thresholds, number>): MetricRun | null {
  if (pool.insane !== null) return null;
  // Requests waiting while the pool is (nearly) full; without used/max, pending alone says requests wait.
  const waiting = pool.pending.map((p) => {
    const used = valueAt(pool.used, p.timeUnixNano);
    const max = valueAt(pool.max, p.timeUnixNano);
    const full = !(Number.isFinite(used) && Number.isFinite(max) && max > 0) || used >= t.usedShare * max;
    return { timeUnixNano: p.timeUnixNano, value: full ? p.value : 0 };
  });
  const run = sustainedRun(waiting, 1, t.sustainSeconds) ?? sustainedRun(pool.waitMs, t.waitP95Ms, t.sustainSeconds);
  if (run === null) return null;
  const inRun = (list: TimedValue[]) => list.filter((p) => p.timeUnixNano >= run.onsetUnixNano && p.timeUnixNano <= run.endUnixNano).map((p) => p.value);
  const peak = (list: TimedValue[]) => peakOf(inRun(list));
  const timeouts = pool.timeoutsPerSecond.filter((p) => p.timeUnixNano > run.onsetUnixNano && p.timeUnixNano <= run.endUnixNano).reduce((sum, p) => sum + p.value, 0);
  return { pool, onset: run.onsetUnixNano, end: run.endUnixNano, usedPeak: peak(pool.used), max: peak(pool.max), pendingPeak: peak(pool.pending), waitMeanPeakMs: peak(pool.waitMs), timeouts, waiting };
}

function traceRun(group: WaitGroup, evidence: Evidence, t: Record<Thresholds, number>): TraceRun | null {
  const alone = group.samples.filter((s) => s.inFlight <= 1).map((s) => s.waitMs);
  const baselineMs = group.source === 'gap' ? (alone.length >= 5 ? percentile(alone, 50) : Number.NaN) : Number.NaN;
  // Without requests that ran alone there is no way to tell a pool wait from ordinary setup work.
  if (group.source === 'gap' && !Number.isFinite(baselineMs)) return null;
  const buckets = bucketByTime(group.samples, (s) => s.startUnixNano, evidence.spansFromUnixNano, evidence.atUnixNano, secondsToNanos(BUCKET_SECONDS));
  const hit = (items: readonly WaitSample[]): boolean | undefined => {
    if (items.length < MIN_SAMPLES_PER_BUCKET) return undefined;
    const waits = items.map((s) => s.waitMs);
    const share = shareOf(items);
    if (percentile(waits, 95) < t.waitP95Ms || (Number.isFinite(share) && share < t.minWaitShare)) return false;
    return group.source === 'acquire' || (percentile(waits, 50) >= t.gapGrowth * Math.max(baselineMs, 1) && percentile(items.map((s) => s.inFlight), 50) >= 2);
  };
  const run = latestRun(buckets, (b) => hit(b.items));
  if (run === null) return null;
  const samples = buckets.slice(run.first, run.last + 1).flatMap((b) => b.items);
  const waiting = samples.filter((s) => s.waitMs >= t.waitP95Ms);
  if (waiting.length === 0) return null;
  const onset = waiting.reduce((min, s) => (s.startUnixNano < min ? s.startUnixNano : min), waiting[0].startUnixNano);
  const end = samples.reduce((max, s) => (s.endUnixNano > max ? s.endUnixNano : max), 0n);
  if (nanosToSeconds(end - onset) < t.sustainSeconds) return null;
  if (group.source === 'gap') {
    const busy = hostCpu(evidence).flatMap((h) => h.busy.filter((p) => p.timeUnixNano >= onset && p.timeUnixNano <= end).map((p) => p.value));
    if (busy.length > 0 && percentile(busy, 50) >= CPU_BUSY_RATIO) return null;
  }
  const requests = new Set(samples.map((s) => (s.request === undefined ? s.span.spanId : spanKey(s.request))));
  return {
    group,
    onset,
    end,
    samples,
    p95Ms: percentile(samples.map((s) => s.waitMs), 95),
    share: shareOf(samples),
    waiting: new Set(waiting.map((s) => (s.request === undefined ? s.span.spanId : spanKey(s.request)))).size,
    requests: requests.size,
    p95Series: buckets.filter((b) => b.items.length > 0).map((b) => ({ timeUnixNano: b.startUnixNano, value: percentile(b.items.map((s) => s.waitMs), 95) })),
    baselineMs,
    inFlight: percentile(samples.map((s) => s.inFlight).filter(Number.isFinite), 50),
  };
}

const ms = (value: number): string => `${value.toFixed(0)} ms`;
const pct = (value: number): string => `${Math.round(value * 100)}%`;

interface Candidate { service: string; key: string; label: string; pool: PoolMetrics | undefined; metric: MetricRun | null; trace: TraceRun | null }

function candidates(evidence: Evidence, t: Record<Thresholds, number>): { list: Candidate[]; insane: Map<string, string> } {
  // Built only when there are spans to place in it (checkouts, or requests of services that query).
  const tree = () => evidenceTree(evidence);
  const pools = poolMetrics(evidence);
  const insane = new Map<string, string>();
  const byKey = new Map<string, Candidate>();
  for (const pool of pools) {
    if (pool.insane !== null && !insane.has(pool.serviceName)) insane.set(pool.serviceName, pool.insane);
    const metric = metricRun(pool, t);
    if (metric !== null) byKey.set(`${pool.serviceName}:${pool.poolName}`, { service: pool.serviceName, key: `${pool.serviceName}:${pool.poolName}`, label: pool.poolName, pool, metric, trace: null });
  }
  const acquire = acquireWaits(evidence, tree);
  const groups = [...acquire, ...firstQueryGaps(evidence, tree, new Set(acquire.map((g) => g.service)))];
  for (const group of groups) {
    const trace = traceRun(group, evidence, t);
    if (trace === null) continue;
    const sane = pools.filter((p) => p.serviceName === group.service && p.insane === null);
    const pool = sane.find((p) => p.poolName === group.target) ?? (sane.length === 1 ? sane[0] : undefined);
    const key = `${group.service}:${pool?.poolName ?? group.target}`;
    const known = byKey.get(key);
    if (known === undefined) {
      byKey.set(key, { service: group.service, key, label: group.target, pool, metric: null, trace });
    } else {
      known.trace = trace;
      // host:port/database from the spans reads better than a pool named from a connection string.
      if (group.source === 'acquire') known.label = group.target;
    }
  }
  return { list: [...byKey.values()], insane };
}

export const poolExhaustion: Rule<Thresholds> = {
  id: 'pool-exhaustion',
  kind: 'pool_exhaustion',
  title: 'Connection pool exhausted',
  needs: { metrics: POOL_METRIC_NAMES, spans: true, description: 'db.client.connection(s).* pool metrics; pg-pool.connect / generic-pool.acquire spans, or server spans with their database children' },
  thresholds: {
    waitP95Ms: { value: 50, source: 'Chokepoint convention after the OTel semconv db.client.connection.wait_time histogram: a p95 checkout wait of 50 ms is a wait a user can feel per query; well above a healthy pool’s sub-millisecond checkout' },
    minWaitShare: { value: 0.2, source: 'Chokepoint convention: waiting must be at least 20% of request time to be the bottleneck rather than noise' },
    sustainSeconds: { value: 10, source: 'awesome-prometheus-alerts PostgresqlTooManyConnections holds for 2m; shortened so a replayed incident is caught within 30 s of onset at 5 s ticks' },
    usedShare: { value: 0.8, source: 'awesome-prometheus-alerts PostgresqlTooManyConnections: more than 80% of max connections in use' },
    criticalWaitShare: { value: 0.5, source: 'Chokepoint convention: critical when requests spend at least half their time waiting for a connection (or acquire timeouts occur)' },
    gapGrowth: { value: 3, source: 'Chokepoint convention for traces without checkout spans: the gap before the first query must be 3× what it is for requests running alone' },
  },
  techniques: ['pool-sizing', 'external-pooler', 'connection-pooling', 'query-optimization', 'short-transactions', 'timeouts', 'bulkheads'],
  evaluate(evidence, t) {
    const { list, insane } = candidates(evidence, t);
    const findings: RuleFinding[] = [];
    for (const c of list) {
      const { metric, trace } = c;
      const onset = metric !== null && (trace === null || metric.onset < trace.onset) ? metric.onset : (trace?.onset ?? 0n);
      const end = [metric?.end ?? 0n, trace?.end ?? 0n].reduce((a, b) => (a > b ? a : b));
      const seconds = nanosToSeconds(end - onset);
      const share = trace?.share ?? Number.NaN;
      const gapOnly = metric === null && trace?.group.source === 'gap';
      const critical = !gapOnly && ((Number.isFinite(share) && share >= t.criticalWaitShare) || (metric?.timeouts ?? 0) > 0);
      const max = metric?.max ?? (c.pool === undefined ? Number.NaN : peakOf(c.pool.max.map((p) => p.value)));
      const poolText = Number.isFinite(max) ? `The pool of ${max} to ${c.label}` : `The pool to ${c.label}`;
      const parts: string[] = [];
      if (metric !== null) parts.push(`${poolText} had ${metric.usedPeak}/${metric.max} connections in use for ${seconds.toFixed(0)} s with up to ${metric.pendingPeak} requests waiting${metric.timeouts > 0 ? ` and ${Math.round(metric.timeouts)} acquire timeouts` : ''}.`);
      if (trace !== null && trace.group.source === 'acquire')
        parts.push(`${metric === null ? `Requests to ${c.label} queued for a connection for ${seconds.toFixed(0)} s: ` : ''}${trace.waiting} of ${trace.requests} requests waited ${ms(t.waitP95Ms)} or more; p95 wait ${ms(trace.p95Ms)}${Number.isFinite(share) ? `, ${pct(share)} of request time` : ''}.`);
      if (trace !== null && trace.group.source === 'gap')
        parts.push(`Requests of ${c.service} waited ${ms(trace.p95Ms)} at p95 before their first query with no other work running (${ms(trace.baselineMs)} when a request ran alone; ${trace.inFlight} in flight) — most likely queued for a connection; the driver records no checkout spans.`);
      const suspect = insane.get(c.service);
      if (suspect !== undefined) parts.push(`Pool metrics were set aside: ${suspect} (instrumentation-pg miscounts with several pools).`);
      const latency = serverLatencyShift(evidence, onset, { service: c.service });
      const holdMs = trace === null ? Number.NaN : percentile(trace.group.queryMs, 50);
      const spans = trace === null ? [] : [...trace.samples].sort((a, b) => b.waitMs - a.waitMs).map((s) => s.span);
      const numbers: Record<string, number> = { 'duration.seconds': seconds };
      if (Number.isFinite(max)) numbers['pool.max'] = max;
      if (metric !== null) Object.assign(numbers, { 'pool.used.peak': metric.usedPeak, 'pending.peak': metric.pendingPeak, ...(metric.timeouts > 0 ? { timeouts: metric.timeouts } : {}), ...(Number.isFinite(metric.waitMeanPeakMs) ? { 'wait.mean_peak_ms': metric.waitMeanPeakMs } : {}) });
      if (trace !== null) Object.assign(numbers, { 'wait.p95_ms': trace.p95Ms, 'requests.waiting': trace.waiting, requests: trace.requests, ...(Number.isFinite(share) ? { 'wait.share': share } : {}), ...(Number.isFinite(holdMs) ? { 'query.median_ms': holdMs } : {}) });
      const waitText = trace === null ? `up to ${metric?.pendingPeak ?? 0} requests waiting` : `waits of ${ms(trace.p95Ms)} at p95`;
      findings.push({
        key: c.key,
        severity: critical ? 'critical' : 'warning',
        score: Math.min(1, 0.5 + 0.35 * (Number.isFinite(share) ? share : 0.4) + Math.min(0.15, seconds / 400)),
        confidence: metric !== null && trace !== null ? 0.9 : metric !== null ? 0.7 : gapOnly ? 0.45 : 0.75,
        title: `Connection pool exhausted in ${c.service}${Number.isFinite(max) ? ` (${max} connections)` : ''}`,
        summary: parts.join(' '),
        service: c.service,
        resource: c.label,
        onsetUnixNano: onset,
        endUnixNano: end,
        evidence: {
          series: [
            ...(metric === null ? [] : [{ metric: 'requests waiting while the pool is full', unit: '{request}', attributes: { pool: c.pool?.poolName ?? c.label }, points: evidencePoints(metric.waiting), threshold: 1 }]),
            ...(trace === null ? [] : [{ metric: trace.group.source === 'acquire' ? 'connection wait p95 (from checkout spans)' : 'gap before first query p95 (from spans)', unit: 'ms', attributes: { target: c.label }, points: evidencePoints(trace.p95Series), threshold: t.waitP95Ms }]),
          ],
          spans: spanRefs(spans),
          traceIds: traceIdsOf(spans),
          numbers,
          ...(latency === null ? {} : { comparison: [{ label: `${c.service} server p95 latency`, before: latency.beforeP95Ms, after: latency.afterP95Ms, unit: 'ms' }] }),
        },
        why: {
          'pool-sizing': `${Number.isFinite(max) ? `A pool of ${max}` : 'The pool'} was the limit for ${seconds.toFixed(0)} s with ${waitText}: raise its maximum within what the database can run at once (max_connections ÷ app instances) and watch the wait again.`,
          'external-pooler': 'If several instances each need more connections than the database allows, a pooler such as PgBouncer lets them share a few server connections.',
          'connection-pooling': 'Make every query go through the pool and release each checkout promptly; a leaked checkout holds a slot until the process dies.',
          'query-optimization': Number.isFinite(holdMs) ? `Connections are held for the queries (${ms(holdMs)} median): faster queries free slots sooner.` : 'Faster queries hold each connection for less time and free slots sooner.',
          'short-transactions': 'Do not keep a connection checked out across slow non-database work (HTTP calls, rendering) inside a transaction.',
          timeouts: `Set an acquire timeout (pg: connectionTimeoutMillis) so requests fail fast instead of queuing for ${trace === null ? 'a connection' : ms(trace.p95Ms)}.`,
          bulkheads: 'Give slow endpoints (reports, exports) their own small pool so they cannot starve quick lookups.',
        },
        notYet: [
          'Do not add app instances first: each brings its own pool, and the database sees more connections, not faster ones.',
          'Do not raise the pool far past what the database runs in parallel (for PostgreSQL roughly cores × 2–4): the queue then moves into the database.',
        ],
      });
    }
    return findings;
  },
};
