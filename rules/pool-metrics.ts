// Connection-pool metrics per pool, under every name they come by: semconv db.client.connection.* (times in
// s), the older db.client.connections.* (times in ms, attributes state / pool.name) and their Prometheus
// spellings. Values are sanity-checked: @opentelemetry/instrumentation-pg 0.76 shares one counter state
// across the pools of a process, so with several pools "used" drifts above max or below zero while
// pending_requests stays 0 — such a process's pool metrics are marked untrustworthy, not read as health.
import type { Evidence, MetricSeries } from './evidence.ts';
import { attributeOf } from './series-attributes.ts';
import { histogramRates, rates, values, type TimedValue } from './series-math.ts';

export const POOL_COUNT_NAMES = ['db.client.connection.count', 'db.client.connections.usage', 'db_client_connection_count', 'db_client_connections_usage'];
export const POOL_MAX_NAMES = ['db.client.connection.max', 'db.client.connections.max', 'db_client_connection_max', 'db_client_connections_max'];
export const POOL_PENDING_NAMES = ['db.client.connection.pending_requests', 'db.client.connections.pending_requests', 'db_client_connection_pending_requests', 'db_client_connections_pending_requests'];
export const POOL_WAIT_NAMES = ['db.client.connection.wait_time', 'db.client.connections.wait_time'];
export const POOL_TIMEOUT_NAMES = ['db.client.connection.timeouts', 'db.client.connections.timeouts', 'db_client_connection_timeouts_total', 'db_client_connections_timeouts_total'];
export const POOL_METRIC_NAMES = [...POOL_COUNT_NAMES, ...POOL_MAX_NAMES, ...POOL_PENDING_NAMES, ...POOL_WAIT_NAMES, ...POOL_TIMEOUT_NAMES];

const POOL_NAME_KEYS = ['db.client.connection.pool.name', 'pool.name', 'db.client.connections.pool.name', 'db_client_connection_pool_name', 'pool_name'];
const STATE_KEYS = ['db.client.connection.state', 'state', 'db.client.connections.state', 'db_client_connection_state'];

export interface PoolMetrics {
  resourceKey: string;
  serviceName: string;
  poolName: string;
  /** Connections in use, idle, the maximum and the requests waiting for one, over time. */
  used: TimedValue[];
  max: TimedValue[];
  pending: TimedValue[];
  /** Mean wait for a connection per export interval (ms), from the wait_time histogram. */
  waitMs: TimedValue[];
  /** Acquire timeouts per second. */
  timeoutsPerSecond: TimedValue[];
  /** Why the values cannot be trusted, or null when they look sane. */
  insane: string | null;
}

/** Levels of an up-down counter or gauge; delta sums carry changes, not levels, and are left out. */
function levels(series: MetricSeries): TimedValue[] {
  return series.points.some((p) => p.data.type === 'sum' && p.data.temporality === 'delta') ? [] : values(series.points);
}

/** The value at or just before `time` (NaN before the first point). */
export function valueAt(series: readonly TimedValue[], time: bigint): number {
  let value = Number.NaN;
  for (const point of series) {
    if (point.timeUnixNano > time) break;
    value = point.value;
  }
  return value;
}

function waitMs(series: MetricSeries): TimedValue[] {
  // Semconv's wait_time is in seconds, the older db.client.connections.wait_time in milliseconds.
  const toMs = series.unit === 's' || (series.unit === '' && series.name.startsWith('db.client.connection.')) ? 1000 : 1;
  const { sum, count } = histogramRates(series);
  return sum.flatMap((point, i) => (count[i].value > 0 ? [{ timeUnixNano: point.timeUnixNano, value: (point.value / count[i].value) * toMs }] : []));
}

function sanity(pool: Omit<PoolMetrics, 'insane'>, idle: TimedValue[]): string | null {
  const negative = [...pool.used, ...pool.max, ...pool.pending, ...idle].find((p) => p.value < 0);
  if (negative !== undefined) return `a pool count below zero (${negative.value})`;
  for (const point of pool.used) {
    const max = valueAt(pool.max, point.timeUnixNano);
    if (Number.isFinite(max) && point.value > max && max > 0) return `${point.value} connections in use with a maximum of ${max}`;
  }
  return null;
}

export function poolMetrics(evidence: Evidence): PoolMetrics[] {
  const pools = new Map<string, Omit<PoolMetrics, 'insane'> & { idle: TimedValue[] }>();
  const poolOf = (series: MetricSeries) => {
    const poolName = attributeOf(series, POOL_NAME_KEYS) ?? '';
    const key = `${series.resourceKey}\u0000${poolName}`;
    let pool = pools.get(key);
    if (pool === undefined) {
      pool = { resourceKey: series.resourceKey, serviceName: series.serviceName, poolName, used: [], max: [], pending: [], waitMs: [], timeoutsPerSecond: [], idle: [] };
      pools.set(key, pool);
    }
    return pool;
  };
  for (const series of evidence.series(POOL_COUNT_NAMES)) {
    const state = attributeOf(series, STATE_KEYS);
    const pool = poolOf(series);
    if (state === 'idle') pool.idle.push(...levels(series));
    else pool.used.push(...levels(series));
  }
  for (const series of evidence.series(POOL_MAX_NAMES)) poolOf(series).max.push(...levels(series));
  for (const series of evidence.series(POOL_PENDING_NAMES)) poolOf(series).pending.push(...levels(series));
  for (const series of evidence.series(POOL_WAIT_NAMES)) poolOf(series).waitMs.push(...waitMs(series));
  for (const series of evidence.series(POOL_TIMEOUT_NAMES)) poolOf(series).timeoutsPerSecond.push(...rates(series));
  const byTime = (a: TimedValue, b: TimedValue) => (a.timeUnixNano < b.timeUnixNano ? -1 : a.timeUnixNano > b.timeUnixNano ? 1 : 0);
  const checked = [...pools.values()].map(({ idle, ...pool }) => {
    for (const list of [pool.used, pool.max, pool.pending, pool.waitMs, pool.timeoutsPerSecond, idle]) list.sort(byTime);
    return { ...pool, insane: sanity(pool, idle) };
  });
  // One impossible pool in a process makes all its pools suspect: the instrumentation shares their state.
  return checked.map((pool) => {
    if (pool.insane !== null) return pool;
    const sibling = checked.find((other) => other.resourceKey === pool.resourceKey && other.insane !== null);
    return sibling === undefined ? pool : { ...pool, insane: `another pool in the same process reports ${sibling.insane}` };
  });
}
