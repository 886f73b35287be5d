// Inserts packed spans (see span-packer.ts) with one reused prepared statement: resolves the batch's dictionary
// references and entities, binds, and keeps the trace index, the per-operation totals (span_operations) and the
// per-minute latency histograms (operation_latency), both written once per transaction, up to date.
import type Database from 'better-sqlite3';
import { STATUS_ERROR } from './enum-codes.ts';
import type { EntityRegistry } from './entity-registry.ts';
import { LatencyRollup } from './latency-rollup.ts';
import { MultiRowInsert } from './multi-row-insert.ts';
import { ID_BYTES, NUMBER_FIELDS, NUMBER_STRIDE, SMALL_STRIDE, type PackedSpans } from './packed-spans.ts';
import { PROMOTED_COLUMNS } from './promoted-attributes.ts';
import type { StringDictionary } from './string-dictionary.ts';
import type { OperationIndex } from './operation-index.ts';
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
const COLUMNS = SPAN_INSERT_COLUMNS.length;

/** Spans bound per INSERT statement (see multi-row-insert.ts): about 1 µs less per span than one at a time. */
export const ROWS_PER_INSERT = 16;

interface OperationTotals {
  spans: number;
  errors: number;
  roots: number;
  lastSeen: bigint;
}

export class SpanInserter {
  private readonly insert: MultiRowInsert;
  private readonly upsertOperation: Database.Statement<[number, number, number, number, number, bigint]>;
  private readonly operations = new Map<number, Map<number, OperationTotals>>();
  private readonly latency: LatencyRollup;
  private readonly dict: StringDictionary;
  private readonly entities: EntityRegistry;
  /** Bound values of up to ROWS_PER_INSERT rows, row after row. */
  private readonly params: unknown[] = new Array<unknown>(COLUMNS * ROWS_PER_INSERT).fill(null);
  private readonly traceIndex: TraceIndex;
  private readonly operationIndex: OperationIndex;
  private readonly maxRowid: Database.Statement<[], number | null>;
  /** Rowids are assigned here (consecutive) so the trace index knows them without a round trip. */
  private nextRowid = 1;

  constructor(db: Database.Database, dict: StringDictionary, entities: EntityRegistry, traceIndex: TraceIndex, operationIndex: OperationIndex) {
    this.insert = new MultiRowInsert(db, 'spans', SPAN_INSERT_COLUMNS);
    this.dict = dict;
    this.entities = entities;
    this.traceIndex = traceIndex;
    this.operationIndex = operationIndex;
    this.maxRowid = db.prepare<[], number | null>('SELECT max(rowid) FROM spans').pluck();
    this.latency = new LatencyRollup(db);
    this.reload();
    this.upsertOperation = db.prepare(`
      INSERT INTO span_operations (service, name, span_count, error_count, root_count, last_seen_ns) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (service, name) DO UPDATE SET
        span_count = span_count + excluded.span_count,
        error_count = error_count + excluded.error_count,
        root_count = root_count + excluded.root_count,
        last_seen_ns = max(last_seen_ns, excluded.last_seen_ns)`);
  }

  /** Inserts every span of `packed` (inside the caller's transaction). Returns how many. */
  insertPacked(packed: PackedSpans): number {
    const dict = this.dict;
    // Strings the packer could not resolve, and those it would like coded from now on.
    const stringIds = packed.strings.map((value) => dict.id(value));
    for (const value of packed.wanted) if (dict.lookup(value) === undefined) dict.add(value);
    const resolve = (ref: number): number => (ref > 0 ? ref : stringIds[-ref - 1]);
    const resourceIds = packed.resources.map((resource) => this.entities.resourceId(resource));
    const scopeIds = packed.scopes.map((scope) => this.entities.scopeId(scope));
    // Values are bound as plain Uint8Array views: their subarray is cheaper than a Buffer's (~40 vs ~70 ns, five
    // per span). The Buffer view is for the trace index's hex keys.
    const idBytes = new Uint8Array(packed.ids.buffer, packed.ids.byteOffset, packed.ids.byteLength);
    const ids = Buffer.from(packed.ids.buffer, packed.ids.byteOffset, packed.ids.byteLength);
    const blobs = new Uint8Array(packed.blobs.buffer, packed.blobs.byteOffset, packed.blobs.byteLength);
    const { small, times, numbers, blobEnds, texts } = packed;
    const params = this.params;
    let rows = 0;
    let textAt = 0;
    let blobAt = 0;
    for (let i = 0; i < packed.count; i += 1) {
      const rowid = this.nextRowid;
      const idAt = i * ID_BYTES;
      const s = i * SMALL_STRIDE;
      const n = i * NUMBER_STRIDE;
      const root = small[s + 2] === 0;
      const service = resolve(numbers[n + NUMBER_FIELDS.service]);
      const name = resolve(numbers[n + NUMBER_FIELDS.name]);
      const statusCode = small[s + 1];
      const start = times[i * 2];
      const duration = times[i * 2 + 1];
      const p = rows * COLUMNS;
      params[p] = rowid;
      params[p + 1] = idBytes.subarray(idAt, idAt + 16);
      params[p + 2] = idBytes.subarray(idAt + 16, idAt + 24);
      params[p + 3] = root ? null : idBytes.subarray(idAt + 24, idAt + 32);
      params[p + 4] = service;
      params[p + 5] = name;
      params[p + 6] = small[s];
      params[p + 7] = start;
      params[p + 8] = duration;
      params[p + 9] = statusCode;
      const text = texts[textAt];
      if (text !== undefined && text[0] === i) {
        params[p + 10] = text[1];
        params[p + 14] = text[2];
        textAt += 1;
      } else {
        params[p + 10] = null;
        params[p + 14] = null;
      }
      params[p + 11] = resourceIds[numbers[n + NUMBER_FIELDS.resource]];
      params[p + 12] = scopeIds[numbers[n + NUMBER_FIELDS.scope]];
      params[p + 13] = numbers[n + NUMBER_FIELDS.flags];
      for (let c = 0; c < PROMOTED_COLUMNS.length; c += 1) {
        const value = numbers[n + NUMBER_FIELDS.promoted + c];
        params[p + PROMOTED_PARAM + c] = Number.isNaN(value) ? null : PROMOTED_COLUMNS[c].kind === 'int' ? value : resolve(value);
      }
      const attributesEnd = blobEnds[i * 2];
      const extraEnd = blobEnds[i * 2 + 1];
      params[p + ATTRIBUTES_PARAM] = attributesEnd === blobAt ? null : blobs.subarray(blobAt, attributesEnd);
      params[p + ATTRIBUTES_PARAM + 1] = extraEnd === attributesEnd ? null : blobs.subarray(attributesEnd, extraEnd);
      blobAt = extraEnd;
      rows += 1;
      if (rows === ROWS_PER_INSERT) {
        this.insert.run(params, rows);
        rows = 0;
      }
      this.nextRowid = rowid + 1;
      this.traceIndex.add(ids.toString('hex', idAt, idAt + 16), rowid);
      this.operationIndex.add(service, name, rowid, start, duration, root);
      this.countOperation(service, name, statusCode === STATUS_ERROR, root, start);
      this.latency.count(service, name, start, Number(duration));
    }
    if (rows > 0) this.insert.run(params, rows);
    // The views bound last would otherwise keep this batch's buffers alive until the next batch overwrites them.
    params.fill(null);
    return packed.count;
  }

  /** Writes the per-operation totals and latency counts gathered since the last call (inside the same transaction). */
  flushOperations(): void {
    for (const [service, byName] of this.operations) {
      for (const [name, t] of byName) this.upsertOperation.run(service, name, t.spans, t.errors, t.roots, t.lastSeen);
    }
    this.operations.clear();
    this.latency.flush();
  }

  /** Resynchronises with the table (on open and after a rolled-back transaction); reload the trace index first. */
  reload(): void {
    this.operations.clear();
    this.latency.clear();
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
