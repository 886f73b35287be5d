// Encodes metric points into metric_points rows. Gauge and sum values go into the REAL `value` column;
// the other types keep their type-specific payload as compact JSON in `data`.
import type Database from 'better-sqlite3';
import type { Exemplar, MetricPoint, MetricPointData } from '../common/telemetry.ts';
import type { AttributeEncoder } from './attribute-encoder.ts';
import { METRIC_TYPES, TEMPORALITIES, codeOf } from './enum-codes.ts';
import type { EntityRegistry } from './entity-registry.ts';
import { int64 } from './int64.ts';
import type { StringDictionary } from './string-dictionary.ts';

/** JSON shapes of the `data` column, per type. Bucket arrays are kept as given. */
export type MetricDataJson =
  | { v: 'NaN' | 'Infinity' | '-Infinity' }
  | { c: number; s: number | null; mn: number | null; mx: number | null; b: number[]; e: number[] }
  | {
      c: number;
      s: number | null;
      mn: number | null;
      mx: number | null;
      sc: number;
      z: number;
      zt: number;
      p: [number, number[]];
      n: [number, number[]];
    }
  | { c: number; s: number; q: [number, number][] };

export interface ExemplarJson {
  t: string;
  v: number;
  tr?: string;
  sp?: string;
  a?: Exemplar['filteredAttributes'];
}

interface Columns {
  value: number | null;
  temporality: number | null;
  monotonic: number | null;
  data: MetricDataJson | null;
}

function nonFinite(value: number): MetricDataJson | null {
  if (Number.isFinite(value)) return null;
  return { v: Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity' };
}

function columnsOf(data: MetricPointData): Columns {
  switch (data.type) {
    case 'gauge':
      return { value: Number.isFinite(data.value) ? data.value : null, temporality: null, monotonic: null, data: nonFinite(data.value) };
    case 'sum':
      return {
        value: Number.isFinite(data.value) ? data.value : null,
        temporality: codeOf(TEMPORALITIES, data.temporality),
        monotonic: data.monotonic ? 1 : 0,
        data: nonFinite(data.value),
      };
    case 'histogram':
      return {
        value: null,
        temporality: codeOf(TEMPORALITIES, data.temporality),
        monotonic: null,
        data: { c: data.count, s: data.sum, mn: data.min, mx: data.max, b: data.bucketCounts, e: data.explicitBounds },
      };
    case 'exponential_histogram':
      return {
        value: null,
        temporality: codeOf(TEMPORALITIES, data.temporality),
        monotonic: null,
        data: {
          c: data.count,
          s: data.sum,
          mn: data.min,
          mx: data.max,
          sc: data.scale,
          z: data.zeroCount,
          zt: data.zeroThreshold,
          p: [data.positive.offset, data.positive.bucketCounts],
          n: [data.negative.offset, data.negative.bucketCounts],
        },
      };
    case 'summary':
      return {
        value: null,
        temporality: null,
        monotonic: null,
        data: { c: data.count, s: data.sum, q: data.quantileValues.map((q) => [q.quantile, q.value]) },
      };
  }
}

function exemplarsJson(exemplars: Exemplar[]): string | null {
  if (exemplars.length === 0) return null;
  return JSON.stringify(
    exemplars.map((e): ExemplarJson => ({
      t: e.timeUnixNano.toString(),
      v: e.value,
      ...(e.traceId ? { tr: e.traceId } : {}),
      ...(e.spanId ? { sp: e.spanId } : {}),
      ...(Object.keys(e.filteredAttributes).length > 0 ? { a: e.filteredAttributes } : {}),
    })),
  );
}

export class MetricInserter {
  private readonly insertStmt: Database.Statement<unknown[]>;
  private readonly insertName: Database.Statement<[number]>;
  private readonly knownNames = new Set<number>();
  private readonly dict: StringDictionary;
  private readonly entities: EntityRegistry;
  private readonly encoder: AttributeEncoder;

  constructor(db: Database.Database, dict: StringDictionary, entities: EntityRegistry, encoder: AttributeEncoder) {
    this.dict = dict;
    this.entities = entities;
    this.encoder = encoder;
    this.insertStmt = db.prepare(`INSERT INTO metric_points
      (name, type, time_ns, start_ns, value, temporality, monotonic, unit, description, resource_id, scope_id, flags, attributes, data, exemplars)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.insertName = db.prepare('INSERT OR IGNORE INTO metric_names (name) VALUES (?)');
  }

  insert(point: MetricPoint): void {
    const name = this.dict.id(point.name);
    if (!this.knownNames.has(name)) {
      this.insertName.run(name);
      this.knownNames.add(name);
    }
    const columns = columnsOf(point.data);
    this.insertStmt.run(
      name,
      codeOf(METRIC_TYPES, point.data.type),
      int64(point.timeUnixNano, 'metric point time'),
      int64(point.startTimeUnixNano, 'metric point start time'),
      columns.value,
      columns.temporality,
      columns.monotonic,
      point.unit === '' ? null : this.dict.id(point.unit),
      point.description === '' ? null : this.dict.id(point.description),
      this.entities.resourceId(point.resource),
      this.entities.scopeId(point.scope),
      point.flags,
      this.encoder.encode(point.attributes),
      columns.data === null ? null : JSON.stringify(columns.data),
      exemplarsJson(point.exemplars),
    );
  }

  /** Forgets which names are known (after a rollback, or after retention removed names). */
  forgetNames(): void {
    this.knownNames.clear();
  }
}
