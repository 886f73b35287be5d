// replication_lag: a replica is far behind its primary, so reads served by it return old data. Reads the lag
// in seconds (PostgreSQL, MySQL, Redis, MongoDB exporters) or in bytes of WAL (PostgreSQL), held above the
// line of a trusted rule set, and stale reads marked on spans. postgres_exporter's legacy lag grows while the
// primary is idle (it is now() − the last replayed commit), so it needs WAL or writes behind it to count.
import type { EvidenceSeries } from '../common/findings.ts';
import { isWriteVerb, statementVerb } from './db-spans.ts';
import type { Evidence } from './evidence.ts';
import { IDLE_GROWING_NAMES, LAG_BYTES_NAMES, LAG_SECONDS_NAMES, lagBytesSeries, lagSecondsSeries, type LagSeries, type ReplicationEngine } from './replication-series.ts';
import type { Rule, RuleFinding } from './rule.ts';
import { between, evidencePoints, nanosToSeconds, sustainedRun, type Run } from './series-math.ts';
import { NONE } from './span-columns.ts';
import { DB_QUERY, DB_SYSTEM } from './span-facts.ts';
import { spanRefs, traceIdsOf } from './span-refs.ts';
import { staleReads, type StaleReads } from './stale-reads.ts';

type Thresholds = 'postgresLagSeconds' | 'mysqlLagSeconds' | 'mongodbLagSeconds' | 'redisLagSeconds' | 'maxLagBytes' | 'holdSeconds' | 'criticalLagFactor' | 'minStaleReads';

const MIB = 1024 * 1024;

function lineFor(engine: ReplicationEngine, t: Record<Thresholds, number>): number {
  return { postgresql: t.postgresLagSeconds, mysql: t.mysqlLagSeconds, mongodb: t.mongodbLagSeconds, redis: t.redisLagSeconds }[engine];
}

/**
 * False when the legacy PostgreSQL lag is only the idle primary's clock: WAL bytes behind stayed 0 through the
 * run, or the traced PostgreSQL traffic of the run holds no write at all. Undefined when nothing tells.
 */
function writesBehindLag(evidence: Evidence, run: Run, bytes: readonly LagSeries[]): boolean | undefined {
  const behind = bytes.flatMap((b) => between(b.points, run.onsetUnixNano, run.endUnixNano));
  if (behind.length > 0) return behind.some((p) => p.value > 0);
  const columns = evidence.columns();
  const system = columns.fact(DB_SYSTEM);
  const query = columns.fact(DB_QUERY);
  // After the fact: computing it names the systems it meets.
  const postgresql = columns.strings.find('postgresql');
  if (postgresql === NONE) return undefined;
  const { startNs, endNs, spans } = columns;
  const from = columns.toNs(run.onsetUnixNano);
  const to = columns.toNs(run.endUnixNano);
  let seen = false;
  for (let row = 0; row < columns.length; row += 1) {
    if (system[row] !== postgresql || query[row] === 0 || startNs[row] > to || endNs[row] < from) continue;
    if (isWriteVerb(statementVerb(spans[row]))) return true;
    seen = true;
  }
  return seen ? false : undefined;
}

interface Lagging {
  series: LagSeries;
  run: Run;
  line: number;
  idleUnknown: boolean;
}

function describe(lag: Lagging): { text: string; value: string } {
  const value = lag.series.unit === 'By' ? `${(lag.run.mean / MIB).toFixed(1)} MiB` : `${lag.run.mean.toFixed(1)} s`;
  const peak = lag.series.unit === 'By' ? `${(lag.run.peak / MIB).toFixed(1)} MiB` : `${lag.run.peak.toFixed(1)} s`;
  const line = lag.series.unit === 'By' ? `${(lag.line / MIB).toFixed(0)} MiB` : `${lag.line} s`;
  const seconds = nanosToSeconds(lag.run.endUnixNano - lag.run.onsetUnixNano);
  return { value, text: `The ${lag.series.engine} replica ${lag.series.replica} was ${value} behind on average (peak ${peak}) for ${seconds.toFixed(0)} s, above the ${line} line (${lag.series.metric}).` };
}

function nearestText(nearest: { series: LagSeries; latest: number } | null): string {
  if (nearest === null) return 'No replication lag metric was received to size the lag.';
  const value = nearest.series.unit === 'By' ? `${(nearest.latest / MIB).toFixed(1)} MiB` : `${nearest.latest.toFixed(1)} s`;
  return `${nearest.series.metric} for ${nearest.series.replica} reads ${value} now, not yet held above its line.`;
}

/**
 * One finding per engine and reporting resource: the exporters name a replica differently depending on where
 * they measure (instance on the replica, application_name on the primary), so the label would split one cause.
 */
const keyOf = (series: LagSeries): string => `${series.engine}:${series.resourceKey}`;

/**
 * Stale reads are often seen before the lag has been held long enough: the finding then takes the key of the
 * replica that lags most right now, so it becomes the metric finding (one finding, not two) once the lag holds.
 */
function mostLagging(list: readonly LagSeries[]): { series: LagSeries; latest: number } | null {
  let best: { series: LagSeries; latest: number } | null = null;
  for (const series of list) {
    const latest = series.points[series.points.length - 1]?.value ?? Number.NaN;
    if (Number.isFinite(latest) && (best === null || latest > best.latest)) best = { series, latest };
  }
  return best;
}

function finding(lag: Lagging | null, stale: StaleReads, t: Record<Thresholds, number>, nearest: { series: LagSeries; latest: number } | null = null): RuleFinding {
  const staleCount = stale.stale.length;
  const staleText = staleCount > 0 ? ` ${staleCount} of ${stale.checked} marked reads returned stale data.` : '';
  const critical = (lag !== null && lag.series.unit === 's' && lag.run.mean >= t.criticalLagFactor * lag.line) || (lag !== null && staleCount >= t.minStaleReads);
  const described = lag === null ? null : describe(lag);
  const engine = lag?.series.engine ?? 'database';
  const replica = lag?.series.replica ?? 'replica';
  const staleSpans = [...stale.stale].sort((a, b) => (a.startTimeUnixNano < b.startTimeUnixNano ? -1 : 1));
  const onset = lag?.run.onsetUnixNano ?? staleSpans[0]?.startTimeUnixNano ?? 0n;
  const end = lag?.run.endUnixNano ?? staleSpans[staleSpans.length - 1]?.endTimeUnixNano ?? onset;
  const series: EvidenceSeries[] = lag === null ? [] : [{ metric: lag.series.metric, unit: lag.series.unit, attributes: { replica }, points: evidencePoints(lag.series.points), threshold: lag.line }];
  const behind = described?.value ?? 'behind';
  const service = lag === null ? stale.service : staleCount > 0 ? stale.service : lag.series.serviceName;
  return {
    key: lag !== null ? keyOf(lag.series) : nearest !== null ? keyOf(nearest.series) : `stale-reads:${stale.service ?? ''}`,
    severity: critical ? 'critical' : 'warning',
    score: Math.min(1, 0.5 + (lag === null ? 0 : Math.min(0.3, (lag.run.mean / lag.line - 1) * 0.1)) + Math.min(0.2, staleCount / 100)),
    // Both metric and trace evidence is best; a metric alone is good; stale marks alone cannot size the lag.
    confidence: lag === null ? 0.55 : (staleCount > 0 ? 0.9 : 0.8) - (lag.idleUnknown ? 0.15 : 0),
    title: lag === null ? `Stale reads from a lagging replica (${staleCount})` : `Replica ${replica} is ${behind} behind`,
    summary: lag === null ? `${staleCount} of ${stale.checked} reads were marked stale: a replica served data older than the writes before them. ${nearestText(nearest)}` : `${described?.text ?? ''}${staleText}`,
    ...(service === undefined ? {} : { service }),
    resource: `${engine} replica ${replica}`,
    onsetUnixNano: onset,
    endUnixNano: end,
    evidence: {
      series,
      spans: spanRefs(staleSpans),
      traceIds: traceIdsOf(staleSpans),
      numbers: {
        ...(lag === null ? {} : { [`lag.mean_${lag.series.unit === 'By' ? 'bytes' : 'seconds'}`]: lag.run.mean, [`lag.peak_${lag.series.unit === 'By' ? 'bytes' : 'seconds'}`]: lag.run.peak, 'lag.threshold': lag.line }),
        'reads.stale': staleCount,
        'reads.checked': stale.checked,
      },
    },
    why: {
      'read-your-writes': `The replica is ${behind} behind${staleCount > 0 ? ` and ${staleCount} reads came back stale` : ''}: send a user's reads to the primary for a short while after they write, or wait until the replica has replayed that write.`,
      'read-write-splitting': `Keep only reads that tolerate ${behind} of staleness on the replica; route the rest to the primary.`,
      'write-batching': 'Replay falls behind the write stream: fewer, larger transactions cut the per-commit work the replica must replay.',
      'vertical-scaling': "If the replica's CPU or disk is what limits replay, a larger replica catches up faster.",
    },
    notYet: ['Do not add more replicas yet: each replays the same stream and lags the same way. Route reads that need fresh data to the primary first.'],
  };
}

export const replicationLag: Rule<Thresholds> = {
  id: 'replication-lag',
  kind: 'replication_lag',
  title: 'Replica lagging behind the primary',
  needs: {
    metrics: [...Object.values(LAG_SECONDS_NAMES).flat(), ...LAG_BYTES_NAMES],
    spans: true,
    description: 'replication lag from the Collector receivers or Prometheus exporters; stale-read marks on spans; PostgreSQL writes to rule out an idle primary',
  },
  thresholds: {
    postgresLagSeconds: { value: 5, source: 'awesome-prometheus-alerts PostgresqlReplicationLag: pg_replication_lag_seconds > 5' },
    mysqlLagSeconds: { value: 30, source: 'awesome-prometheus-alerts MysqlSlaveReplicationLag: > 30 s' },
    mongodbLagSeconds: { value: 10, source: 'awesome-prometheus-alerts MongodbReplicationLag: > 10 s' },
    redisLagSeconds: { value: 5, source: 'Convention (no stock rule): a Redis replica acknowledges every second, so 5 s without progress is far behind; same line as PostgreSQL' },
    maxLagBytes: { value: 16 * MIB, source: 'Convention: one default 16 MiB PostgreSQL WAL segment not yet replayed; used only when no lag in seconds is received' },
    holdSeconds: { value: 10, source: 'awesome-prometheus-alerts holds PostgresqlReplicationLag for 30s (MySQL 1m); shortened so a replayed incident is caught within 30 s' },
    criticalLagFactor: { value: 3, source: 'Convention: three times the warning line is critical (stale reads seen in traces are critical at once)' },
    minStaleReads: { value: 5, source: 'Convention: 5 reads marked stale in the 2-minute span window is a pattern, not a one-off race' },
  },
  techniques: ['read-your-writes', 'read-write-splitting', 'write-batching', 'vertical-scaling'],
  evaluate(evidence, t) {
    const stale = staleReads(evidence.columns());
    const bytes = lagBytesSeries(evidence);
    const findings: RuleFinding[] = [];
    const lagging = new Set<string>();
    const seconds = lagSecondsSeries(evidence);
    for (const series of seconds) {
      const line = lineFor(series.engine, t);
      const run = sustainedRun(series.points, line, t.holdSeconds);
      if (run === null) continue;
      let idleUnknown = false;
      if (IDLE_GROWING_NAMES.has(series.metric)) {
        const sameResource = bytes.filter((b) => b.resourceKey === series.resourceKey);
        const writes = writesBehindLag(evidence, run, sameResource.length > 0 ? sameResource : bytes);
        if (writes === false) continue;
        idleUnknown = writes === undefined;
      }
      lagging.add(series.resourceKey);
      findings.push(finding({ series, run, line, idleUnknown }, stale, t));
    }
    for (const series of bytes) {
      if (lagging.has(series.resourceKey)) continue;
      const run = sustainedRun(series.points, t.maxLagBytes, t.holdSeconds);
      if (run !== null) findings.push(finding({ series, run, line: t.maxLagBytes, idleUnknown: false }, stale, t));
    }
    if (findings.length === 0 && stale.stale.length >= t.minStaleReads) findings.push(finding(null, stale, t, mostLagging(seconds) ?? mostLagging(bytes)));
    return findings;
  },
};
