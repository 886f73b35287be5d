// Metric queries: series of one metric over a time window (via metric_points_by_name_time) and metric names.
import type Database from 'better-sqlite3';
import type { MetricInfo } from '../common/metric-view.ts';
import type { Attributes, Exemplar, MetricPoint, MetricPointData } from '../common/telemetry.ts';
import { decodeAttributes } from './attribute-decoder.ts';
import { METRIC_TYPES, TEMPORALITIES, valueOf } from './enum-codes.ts';
import type { EntityRegistry } from './entity-registry.ts';
import type { ExemplarJson, MetricDataJson } from './metric-insert.ts';
import type { StringDictionary } from './string-dictionary.ts';
import { sql, sqlIdentifiers } from './sql-text.ts';

/** One stored point of a series, as metricSeries returns it. */
export interface StoredMetricPoint {
  timeUnixNano: bigint;
  /** 0n when the point has no start time. */
  startTimeUnixNano: bigint;
  attributes: Attributes;
  resourceKey: string;
  serviceName: string;
  data: MetricPointData;
}

type PointTuple = [
  name: bigint, type: bigint, time: bigint, start: bigint, value: number | null, temporality: bigint | null, monotonic: bigint | null,
  unit: bigint | null, description: bigint | null, resource: bigint, scope: bigint, flags: bigint, attributes: Uint8Array | null,
  data: string | null, exemplars: string | null,
];

const POINT_COLUMNS = sqlIdentifiers([
  'name', 'type', 'time_ns', 'start_ns', 'value', 'temporality', 'monotonic', 'unit', 'description', 'resource_id', 'scope_id', 'flags',
  'attributes', 'data', 'exemplars',
]);

function scalar(value: number | null, data: MetricDataJson | null): number {
  if (data !== null && 'v' in data) return Number(data.v);
  return value ?? Number.NaN;
}

function pointData(row: PointTuple): MetricPointData {
  const [, type, , , value, temporalityCode, monotonic] = row;
  const data = row[13] === null ? null : (JSON.parse(row[13]) as MetricDataJson);
  const temporality = valueOf(TEMPORALITIES, temporalityCode);
  const metricType = valueOf(METRIC_TYPES, type);
  switch (metricType) {
    case 'gauge':
      return { type: 'gauge', value: scalar(value, data) };
    case 'sum':
      return { type: 'sum', value: scalar(value, data), temporality, monotonic: monotonic === 1n };
    case 'histogram': {
      const d = data as Extract<MetricDataJson, { b: number[] }>;
      return { type: 'histogram', temporality, count: d.c, sum: d.s, min: d.mn, max: d.mx, bucketCounts: d.b, explicitBounds: d.e };
    }
    case 'exponential_histogram': {
      const d = data as Extract<MetricDataJson, { sc: number }>;
      return {
        type: 'exponential_histogram',
        temporality,
        count: d.c,
        sum: d.s,
        min: d.mn,
        max: d.mx,
        scale: d.sc,
        zeroCount: d.z,
        zeroThreshold: d.zt,
        positive: { offset: d.p[0], bucketCounts: d.p[1] },
        negative: { offset: d.n[0], bucketCounts: d.n[1] },
      };
    }
    case 'summary': {
      const d = data as Extract<MetricDataJson, { q: [number, number][] }>;
      return { type: 'summary', count: d.c, sum: d.s, quantileValues: d.q.map(([quantile, v]) => ({ quantile, value: v })) };
    }
  }
}

function exemplars(json: string | null): Exemplar[] {
  if (json === null) return [];
  return (JSON.parse(json) as ExemplarJson[]).map((e) => ({
    timeUnixNano: BigInt(e.t),
    value: e.v,
    traceId: e.tr ?? '',
    spanId: e.sp ?? '',
    filteredAttributes: e.a ?? {},
  }));
}

export class MetricQueries {
  private readonly dict: StringDictionary;
  private readonly entities: EntityRegistry;
  private readonly series: Database.Statement<[number, bigint, bigint], PointTuple>;
  private readonly names: Database.Statement<[], number>;
  private readonly catalogStmt: Database.Statement<[], [name: number, type: number, unit: number | null, description: number | null]>;
  private readonly since: Database.Statement<[bigint, number], [bigint, ...PointTuple]>;

  constructor(db: Database.Database, dict: StringDictionary, entities: EntityRegistry) {
    this.dict = dict;
    this.entities = entities;
    this.series = db
      .prepare<[number, bigint, bigint], PointTuple>(
        sql`SELECT ${POINT_COLUMNS} FROM metric_points WHERE name = ? AND time_ns >= ? AND time_ns <= ? ORDER BY time_ns, rowid`,
      )
      .raw(true)
      .safeIntegers(true);
    this.names = db.prepare<[], number>('SELECT name FROM metric_names').pluck();
    // Type, unit and description as the newest point has them (one index seek per name).
    this.catalogStmt = db
      .prepare<[], [number, number, number | null, number | null]>(
        `SELECT m.name, p.type, p.unit, p.description FROM metric_names m JOIN metric_points p
         ON p.rowid = (SELECT rowid FROM metric_points WHERE name = m.name ORDER BY time_ns DESC LIMIT 1)`,
      )
      .raw(true);
    this.since = db
      .prepare<[bigint, number], [bigint, ...PointTuple]>(sql`SELECT rowid, ${POINT_COLUMNS} FROM metric_points WHERE rowid > ? ORDER BY rowid LIMIT ?`)
      .raw(true)
      .safeIntegers(true);
  }

  /** Names of all stored metrics, sorted. */
  metricNames(): string[] {
    return this.names
      .all()
      .map((id) => this.dict.value(id))
      .sort();
  }

  /** Every stored metric with its type, unit and description, by name. */
  catalog(): MetricInfo[] {
    const text = (id: number | null) => (id === null ? '' : this.dict.value(id));
    return this.catalogStmt
      .all()
      .map(([name, type, unit, description]) => ({ name: this.dict.value(name), type: valueOf(METRIC_TYPES, type), unit: text(unit), description: text(description) }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Points of metric `name` with from ≤ time ≤ to, oldest first. */
  metricSeries(name: string, fromUnixNano: bigint, toUnixNano: bigint): StoredMetricPoint[] {
    return this.rows(name, fromUnixNano, toUnixNano).map((row) => {
      const resource = this.entities.resource(Number(row[9]));
      return {
        timeUnixNano: row[2],
        startTimeUnixNano: row[3],
        attributes: decodeAttributes(row[12], this.dict),
        resourceKey: resource.key,
        serviceName: resource.serviceName,
        data: pointData(row),
      };
    });
  }

  /** The same points as lossless domain MetricPoints (resource, scope, unit, description, exemplars, flags). */
  metricPoints(name: string, fromUnixNano: bigint, toUnixNano: bigint): MetricPoint[] {
    return this.rows(name, fromUnixNano, toUnixNano).map((row) => this.toPoint(row, name));
  }

  /** Points stored after rowid `after`, in storage order, with the last rowid read (for incremental readers). */
  pointsSince(after: bigint, limit: number): { points: MetricPoint[]; lastRowid: bigint } {
    const rows = this.since.all(after, limit);
    const points = rows.map(([, ...row]) => this.toPoint(row, this.dict.value(Number(row[0]))));
    return { points, lastRowid: rows.length === 0 ? after : rows[rows.length - 1][0] };
  }

  private toPoint(row: PointTuple, name: string): MetricPoint {
    return {
      resource: this.entities.resource(Number(row[9])),
      scope: this.entities.scope(Number(row[10])),
      name,
      description: row[8] === null ? '' : this.dict.value(Number(row[8])),
      unit: row[7] === null ? '' : this.dict.value(Number(row[7])),
      attributes: decodeAttributes(row[12], this.dict),
      startTimeUnixNano: row[3],
      timeUnixNano: row[2],
      flags: Number(row[11]),
      exemplars: exemplars(row[14]),
      data: pointData(row),
    };
  }

  private rows(name: string, fromUnixNano: bigint, toUnixNano: bigint): PointTuple[] {
    const id = this.dict.lookup(name);
    return id === undefined ? [] : this.series.all(id, fromUnixNano, toUnixNano);
  }
}
