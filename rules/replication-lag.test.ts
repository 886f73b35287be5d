import { describe, expect, it } from 'vitest';
import type { Attributes, MetricPoint, Span } from '../common/telemetry.ts';
import { buildMetricPoint, buildResource } from '../fixtures/domain-builders.ts';
import { replicationLag } from './replication-lag.ts';
import { thresholdValues } from './rule.ts';
import { evidenceOf, SECOND, T0 } from './test-evidence.ts';
import { msAfter, pgSpan, serverSpan } from './test-spans.ts';

const defaults = thresholdValues(replicationLag);
const COLLECTOR = buildResource('postgresql', { 'postgresql.database.name': 'shop' });
const EXPORTER = buildResource('postgres_exporter');
const AT = T0 + 90n * SECOND;

/** One gauge point per `stepSeconds` for 90 s with the value given per second. */
function gauge(name: string, unit: string, valueAt: (second: number) => number, options: { attributes?: Attributes; resource?: typeof COLLECTOR; stepSeconds?: number } = {}): MetricPoint[] {
  const step = options.stepSeconds ?? 2;
  const points: MetricPoint[] = [];
  for (let s = 0; s <= 90; s += step) {
    points.push(buildMetricPoint({ type: 'gauge', value: valueAt(s) }, { resource: options.resource ?? COLLECTOR, name, unit, attributes: options.attributes ?? {}, timeUnixNano: T0 + BigInt(s) * SECOND }));
  }
  return points;
}

/** postgresql.wal.lag per operation, as the Collector's postgresql receiver sends it; replay lags from second 30. */
const walLag = (replayLag: number): MetricPoint[] =>
  ['write', 'flush', 'replay'].flatMap((operation) =>
    gauge('postgresql.wal.lag', 's', (s) => (operation === 'replay' && s >= 30 ? replayLag : 0), { attributes: { operation, replication_client: '127.0.0.1' } }),
  );

let traceNo = 0;
/** Reads from the replica route, `stale` of which (the last ones) found their order missing. */
function replicaReads(count: number, stale: number): Span[] {
  return Array.from({ length: count }, (_, i) =>
    serverSpan((traceNo += 1), { at: T0 + 30n * SECOND + BigInt(i) * 500_000_000n, ms: 3 }, { route: '/replica/orders/:id', attributes: { 'shop.read.stale': i >= count - stale } }),
  );
}

/** Traced PostgreSQL statements from second 30 on (writes or only reads). */
function pgTraffic(statement: string): Span[] {
  return Array.from({ length: 40 }, (_, i) => {
    const root = serverSpan((traceNo += 1), { at: T0 + 30n * SECOND + BigInt(i) * SECOND, ms: 5 });
    return [root, pgSpan(root, { at: msAfter(root.startTimeUnixNano, 1), ms: 2 }, statement)];
  }).flat();
}

describe('replication-lag', () => {
  it('fires on the replay lag of postgresql.wal.lag held above 5 s, with onset, numbers and series', () => {
    const [finding, ...rest] = replicationLag.evaluate(evidenceOf({ metricPoints: walLag(8) }, AT), defaults);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ severity: 'warning', title: 'Replica 127.0.0.1 is 8.0 s behind', onsetUnixNano: T0 + 30n * SECOND, resource: 'postgresql replica 127.0.0.1' });
    expect(finding.summary).toContain('8.0 s behind on average (peak 8.0 s) for 60 s, above the 5 s line');
    expect(finding.evidence.series[0]).toMatchObject({ metric: 'postgresql.wal.lag', threshold: 5 });
    expect(finding.evidence.numbers['lag.mean_seconds']).toBe(8);
  });

  it('is critical with stale reads in the traces, citing them', () => {
    const reads = replicaReads(40, 6);
    const [finding] = replicationLag.evaluate(evidenceOf({ metricPoints: walLag(8), spans: reads }, AT), defaults);
    expect(finding).toMatchObject({ severity: 'critical', service: 'shop' });
    expect(finding.summary).toContain('6 of 40 marked reads returned stale data');
    const staleIds = new Set(reads.filter((s) => s.attributes['shop.read.stale'] === true).map((s) => s.spanId));
    expect(finding.evidence.spans.map((s) => s.spanId).every((id) => staleIds.has(id))).toBe(true);
    expect(finding.evidence.spans).toHaveLength(6);
  });

  it('uses each engine’s line: MySQL 25 s is fine, 35 s is not', () => {
    const mysql = (lag: number) => gauge('mysql_slave_status_seconds_behind_master', '', (s) => (s >= 30 ? lag : 0), { resource: buildResource('mysqld_exporter') });
    expect(replicationLag.evaluate(evidenceOf({ metricPoints: mysql(25) }, AT), defaults)).toEqual([]);
    expect(replicationLag.evaluate(evidenceOf({ metricPoints: mysql(35) }, AT), defaults)).toHaveLength(1);
  });

  it('reads postgresql.replication.data_delay as bytes, not seconds', () => {
    const delay = (bytes: number) => gauge('postgresql.replication.data_delay', 'By', (s) => (s >= 30 ? bytes : 0), { attributes: { replication_client: '127.0.0.1' } });
    // 300 bytes behind would be 300 s if misread as seconds.
    expect(replicationLag.evaluate(evidenceOf({ metricPoints: delay(300) }, AT), defaults)).toEqual([]);
    const [finding] = replicationLag.evaluate(evidenceOf({ metricPoints: delay(20 * 1024 * 1024) }, AT), defaults);
    expect(finding.summary).toContain('20.0 MiB behind');
  });

  it('ignores the legacy exporter lag that only grows because the primary is idle', () => {
    const legacy = gauge('pg_replication_lag_seconds', 'seconds', (s) => s, { resource: EXPORTER });
    const lsnDiff = (bytes: number) => gauge('pg_stat_replication_pg_wal_lsn_diff', '', () => bytes, { resource: EXPORTER });
    expect(replicationLag.evaluate(evidenceOf({ metricPoints: [...legacy, ...lsnDiff(0)] }, AT), defaults)).toEqual([]);
    expect(replicationLag.evaluate(evidenceOf({ metricPoints: [...legacy, ...lsnDiff(4096)] }, AT), defaults)).toHaveLength(1);
    // Without a bytes series the traced statements decide: reads only means an idle primary.
    expect(replicationLag.evaluate(evidenceOf({ metricPoints: legacy, spans: pgTraffic('SELECT id FROM orders WHERE id = $1') }, AT), defaults)).toEqual([]);
    const [writing] = replicationLag.evaluate(evidenceOf({ metricPoints: legacy, spans: pgTraffic('INSERT INTO orders (total) VALUES ($1)') }, AT), defaults);
    expect(writing.severity).toBe('critical');
  });

  it('needs the lag above the line for the hold time: 4.9 s or 9 s held stay quiet', () => {
    const held = (lag: number, seconds: number) => gauge('postgresql.wal.lag', 's', (s) => (s >= 30 && s < 30 + seconds ? lag : 0), { stepSeconds: 1 });
    expect(replicationLag.evaluate(evidenceOf({ metricPoints: held(4.9, 40) }, AT), defaults)).toEqual([]);
    expect(replicationLag.evaluate(evidenceOf({ metricPoints: held(5.1, 40) }, AT), defaults)).toHaveLength(1);
    // Points at seconds 30..39 span 9 s; 30..40 span 10 s.
    expect(replicationLag.evaluate(evidenceOf({ metricPoints: held(8, 10) }, AT), defaults)).toEqual([]);
    expect(replicationLag.evaluate(evidenceOf({ metricPoints: held(8, 11) }, AT), defaults)).toHaveLength(1);
  });

  it('gives stale reads seen before the lag has held the key of the later lag finding (one finding, not two)', () => {
    const rising = gauge('pg_replication_lag_seconds', 's', (s) => Math.max(0, s - 30), { resource: EXPORTER, attributes: { instance: 'replica:9187' } });
    const lsn = gauge('pg_stat_replication_pg_wal_lsn_diff', 'By', (s) => (s >= 30 ? 65_536 : 0), { resource: EXPORTER, attributes: { application_name: 'walreceiver' } });
    const reads = replicaReads(20, 6);
    const early = replicationLag.evaluate(evidenceOf({ metricPoints: [...rising, ...lsn], spans: reads }, T0 + 40n * SECOND), defaults);
    const later = replicationLag.evaluate(evidenceOf({ metricPoints: [...rising, ...lsn], spans: reads }, AT), defaults);
    expect(early).toHaveLength(1);
    expect(early[0].summary).toContain('pg_replication_lag_seconds for replica:9187 reads 10.0 s now');
    expect(later).toHaveLength(1);
    expect(later[0].key).toBe(early[0].key);
    expect(later[0].severity).toBe('critical');
  });

  it('reports stale reads alone (lower confidence) from 5 on, and stays quiet on a healthy replica', () => {
    expect(replicationLag.evaluate(evidenceOf({ metricPoints: walLag(0.2), spans: replicaReads(40, 0) }, AT), defaults)).toEqual([]);
    expect(replicationLag.evaluate(evidenceOf({ spans: replicaReads(40, 4) }, AT), defaults)).toEqual([]);
    const [finding] = replicationLag.evaluate(evidenceOf({ spans: replicaReads(40, 5) }, AT), defaults);
    expect(finding).toMatchObject({ severity: 'warning', confidence: 0.55, service: 'shop' });
    expect(finding.summary).toContain('5 of 40 reads were marked stale');
  });
});
