// Encodes domain spans into span rows and inserts them with one reused prepared statement.
// Also gathers per-operation totals (span_operations) while inserting; they are written once per transaction.
import type Database from 'better-sqlite3';
import { ChokepointError } from '../common/error-codes.ts';
import type { Span } from '../common/telemetry.ts';
import type { AttributeEncoder } from './attribute-encoder.ts';
import { SPAN_KINDS, STATUS_CODES, STATUS_ERROR, codeOf } from './enum-codes.ts';
import type { EntityRegistry } from './entity-registry.ts';
import { idIntoBuffer } from './hex-ids.ts';
import { int64 } from './int64.ts';
import { PROMOTED_COLUMNS, type PromotedColumns } from './promoted-attributes.ts';
import { SpanExtraEncoder } from './span-extra-codec.ts';
import type { StringDictionary } from './string-dictionary.ts';
import type { TraceIndex } from './trace-index.ts';

/** Span columns in insert order (promoted columns in PROMOTED_COLUMNS order). */
export const SPAN_INSERT_COLUMNS = [
  'rowid', 'trace_id', 'span_id', 'parent_span_id', 'service', 'name', 'kind', 'start_ns', 'duration_ns', 'status_code',
  'status_message', 'resource_id', 'scope_id', 'flags', 'trace_state',
  ...PROMOTED_COLUMNS.map((c) => c.column),
  'attributes', 'extra',
] as const;

const PROMOTED_PARAM = 15;
const ATTRIBUTES_PARAM = PROMOTED_PARAM + PROMOTED_COLUMNS.length;

interface OperationTotals {
  spans: number;
  errors: number;
  roots: number;
  lastSeen: bigint;
}

export class SpanInserter {
  private readonly insertStmt: Database.Statement<unknown[]>;
  private readonly upsertOperation: Database.Statement<[number, number, number, number, number, bigint]>;
  private readonly operations = new Map<number, Map<number, OperationTotals>>();
  private readonly dict: StringDictionary;
  private readonly entities: EntityRegistry;
  private readonly encoder: AttributeEncoder;
  private readonly promoted: PromotedColumns;
  private readonly params: unknown[] = new Array<unknown>(SPAN_INSERT_COLUMNS.length).fill(null);
  /** Reused id buffers (SQLite copies bound blobs, so one per column is enough). */
  private readonly traceIdBuf = Buffer.alloc(16);
  private readonly spanIdBuf = Buffer.alloc(8);
  private readonly parentIdBuf = Buffer.alloc(8);

  private readonly traceIndex: TraceIndex;
  private readonly extra: SpanExtraEncoder;
  private readonly maxRowid: Database.Statement<[], number | null>;
  /** Rowids are assigned here (consecutive) so the trace index knows them without a round trip. */
  private nextRowid = 1;

  /** `encoder` must have been built with `promoted` as its promoted sink. */
  constructor(
    db: Database.Database,
    dict: StringDictionary,
    entities: EntityRegistry,
    encoder: AttributeEncoder,
    promoted: PromotedColumns,
    traceIndex: TraceIndex,
  ) {
    this.dict = dict;
    this.entities = entities;
    this.encoder = encoder;
    this.promoted = promoted;
    this.traceIndex = traceIndex;
    this.extra = new SpanExtraEncoder(dict);
    this.maxRowid = db.prepare<[], number | null>('SELECT max(rowid) FROM spans').pluck();
    this.reload();
    const placeholders = SPAN_INSERT_COLUMNS.map(() => '?').join(', ');
    this.insertStmt = db.prepare(`INSERT INTO spans (${SPAN_INSERT_COLUMNS.join(', ')}) VALUES (${placeholders})`);
    this.upsertOperation = db.prepare(`
      INSERT INTO span_operations (service, name, span_count, error_count, root_count, last_seen_ns) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (service, name) DO UPDATE SET
        span_count = span_count + excluded.span_count,
        error_count = error_count + excluded.error_count,
        root_count = root_count + excluded.root_count,
        last_seen_ns = max(last_seen_ns, excluded.last_seen_ns)`);
  }

  insert(span: Span): void {
    const p = this.params;
    const rowid = this.nextRowid;
    p[0] = rowid;
    p[1] = idIntoBuffer(span.traceId, this.traceIdBuf, 'traceId');
    p[2] = idIntoBuffer(span.spanId, this.spanIdBuf, 'spanId');
    if (p[1] === null || p[2] === null) throw new ChokepointError('BAD_REQUEST', 'a span has an empty trace or span id');
    p[3] = idIntoBuffer(span.parentSpanId, this.parentIdBuf, 'parentSpanId');
    const service = this.dict.id(span.resource.serviceName);
    const name = this.dict.id(span.name);
    const statusCode = codeOf(STATUS_CODES, span.statusCode);
    p[4] = service;
    p[5] = name;
    p[6] = codeOf(SPAN_KINDS, span.kind);
    p[7] = int64(span.startTimeUnixNano, 'span start time');
    p[8] = int64(span.endTimeUnixNano - span.startTimeUnixNano, 'span duration');
    p[9] = statusCode;
    p[10] = span.statusMessage === '' ? null : span.statusMessage;
    p[11] = this.entities.resourceId(span.resource);
    p[12] = this.entities.scopeId(span.scope);
    p[13] = span.flags;
    p[14] = span.traceState === '' ? null : span.traceState;
    this.promoted.reset();
    const attributes = this.encoder.encode(span.attributes, true);
    const values = this.promoted.values;
    for (let i = 0; i < values.length; i += 1) p[PROMOTED_PARAM + i] = values[i];
    p[ATTRIBUTES_PARAM] = attributes;
    p[ATTRIBUTES_PARAM + 1] = this.extra.encode(span);
    this.insertStmt.run(...p);
    this.nextRowid = rowid + 1;
    this.traceIndex.add(span.traceId.toLowerCase(), rowid);
    this.countOperation(service, name, statusCode === STATUS_ERROR, p[3] === null, span.startTimeUnixNano);
  }

  /** Writes the per-operation totals gathered since the last call (inside the same transaction). */
  flushOperations(): void {
    for (const [service, byName] of this.operations) {
      for (const [name, t] of byName) this.upsertOperation.run(service, name, t.spans, t.errors, t.roots, t.lastSeen);
    }
    this.operations.clear();
  }

  /** Resynchronises with the table (on open and after a rolled-back transaction); reload the trace index first. */
  reload(): void {
    this.operations.clear();
    // Never reuse rowids a sealed trace segment covers, even if retention deleted the newest rows.
    this.nextRowid = Math.max(this.maxRowid.get() ?? 0, this.traceIndex.sealedThrough) + 1;
  }

  private countOperation(service: number, name: number, error: boolean, root: boolean, start: bigint): void {
    let byName = this.operations.get(service);
    if (byName === undefined) {
      byName = new Map();
      this.operations.set(service, byName);
    }
    const totals = byName.get(name);
    if (totals === undefined) {
      byName.set(name, { spans: 1, errors: error ? 1 : 0, roots: root ? 1 : 0, lastSeen: start });
      return;
    }
    totals.spans += 1;
    if (error) totals.errors += 1;
    if (root) totals.roots += 1;
    if (start > totals.lastSeen) totals.lastSeen = start;
  }
}
