// Replication lag series by exporter, with their units made plain: seconds behind (PostgreSQL, MySQL, Redis,
// MongoDB) and bytes behind (PostgreSQL). One entry per replica. The Collector's postgresql.wal.lag comes per
// operation (write/flush/replay); replay is what readers of the replica see, so it is preferred.
import type { Evidence, MetricSeries } from './evidence.ts';
import { attributeOf } from './series-attributes.ts';
import { values, type TimedValue } from './series-math.ts';

export type ReplicationEngine = 'postgresql' | 'mysql' | 'redis' | 'mongodb';

export const LAG_SECONDS_NAMES: Record<ReplicationEngine, readonly string[]> = {
  postgresql: ['postgresql.wal.lag', 'postgresql.wal.delay', 'pg_replication_lag_seconds', 'pg_replication_lag'],
  mysql: ['mysql.replica.time_behind_source', 'mysql_slave_status_seconds_behind_master', 'mysql_slave_status_seconds_behind_source'],
  redis: ['redis_connected_slave_lag_seconds'],
  mongodb: ['mongodb_mongod_replset_member_replication_lag'],
};
/** postgres_exporter's lag is now() − last replayed commit time: it grows while the primary is idle. */
export const IDLE_GROWING_NAMES = new Set(['pg_replication_lag_seconds', 'pg_replication_lag']);
/** Bytes of WAL the replica has not replayed (the Collector's data_delay is in bytes, not seconds). */
export const LAG_BYTES_NAMES = ['postgresql.replication.data_delay', 'pg_stat_replication_pg_wal_lsn_diff'];

const REPLICA_KEYS = ['replication_client', 'application_name', 'client_addr', 'slave_ip', 'replica', 'member_idx', 'instance', 'channel_name'];
const OPERATION_KEYS = ['operation', 'postgresql.operation'];

export interface LagSeries {
  engine: ReplicationEngine;
  metric: string;
  replica: string;
  serviceName: string;
  resourceKey: string;
  unit: 's' | 'By';
  points: TimedValue[];
}

const replicaOf = (series: MetricSeries): string => attributeOf(series, REPLICA_KEYS) ?? series.serviceName;

/** Seconds, whatever unit the exporter declared (the Collector uses s; some exporters send ms). */
function inSeconds(series: MetricSeries): TimedValue[] {
  const scale = series.unit === 'ms' ? 1e-3 : series.unit === 'us' ? 1e-6 : 1;
  return values(series.points).map((p) => ({ timeUnixNano: p.timeUnixNano, value: p.value * scale }));
}

/** Keeps one series per replica: for per-operation series the replay one, else the first. */
function onePerReplica(list: readonly MetricSeries[]): MetricSeries[] {
  const chosen = new Map<string, MetricSeries>();
  for (const series of list) {
    const id = `${series.name}\u0000${series.resourceKey}\u0000${replicaOf(series)}`;
    const known = chosen.get(id);
    const operation = attributeOf(series, OPERATION_KEYS);
    if (known === undefined || (operation === 'replay' && attributeOf(known, OPERATION_KEYS) !== 'replay')) chosen.set(id, series);
  }
  return [...chosen.values()];
}

export function lagSecondsSeries(evidence: Evidence): LagSeries[] {
  const out: LagSeries[] = [];
  for (const engine of Object.keys(LAG_SECONDS_NAMES) as ReplicationEngine[]) {
    for (const series of onePerReplica(evidence.series(LAG_SECONDS_NAMES[engine]))) {
      out.push({ engine, metric: series.name, replica: replicaOf(series), serviceName: series.serviceName, resourceKey: series.resourceKey, unit: 's', points: inSeconds(series) });
    }
  }
  return out;
}

export function lagBytesSeries(evidence: Evidence): LagSeries[] {
  return onePerReplica(evidence.series(LAG_BYTES_NAMES)).map((series) => ({
    engine: 'postgresql',
    metric: series.name,
    replica: replicaOf(series),
    serviceName: series.serviceName,
    resourceKey: series.resourceKey,
    unit: 'By',
    points: values(series.points),
  }));
}
