// Trace-id → span rowids, without a B-tree index on random trace ids.
// A random-key index touches a different page for nearly every trace in a transaction, so each commit rewrites
// hundreds of index pages and ingest slowed 3–4× by 2M spans. Instead:
//  - spans get consecutive rowids (assigned by the span inserter);
//  - rows after the last sealed segment are indexed in memory (rebuilt from the table on open or after a rollback);
//  - once TRACE_SEGMENT_ROWS rows are unsealed, they are sealed inside the current transaction: one trace_segments
//    row per trace, written in key order at the end of the tree (appends, dense pages, ~7 bytes per span).
// A lookup checks the memory map and seeks (segment, trace_id) in each segment whose bloom filter may hold the
// trace. Entries may outlive their spans (retention deletes by time); callers verify each fetched row's trace id.
import type Database from 'better-sqlite3';
import { ByteReader } from './byte-reader.ts';
import { ByteWriter } from './byte-writer.ts';
import { MultiRowInsert } from './multi-row-insert.ts';
import { bloomMayContain, buildTraceBloom, traceHashes } from './trace-bloom.ts';

/** Rows per sealed segment: sealing one takes a few ms; a lookup seeks once per segment (~600 at 10M spans). */
export const TRACE_SEGMENT_ROWS = 16_384;

/** Segment entries bound per INSERT statement (each has 3 values); the rest go in with a shorter one. */
const ENTRIES_PER_INSERT = 64;

/** Appends ascending rowids as varint deltas to `out`. */
function packRowids(rowids: readonly number[], out: ByteWriter): void {
  let previous = 0;
  for (const rowid of rowids) {
    out.varint(rowid - previous);
    previous = rowid;
  }
}

function unpackRowids(packed: Uint8Array): number[] {
  const reader = new ByteReader(packed);
  const rowids: number[] = [];
  let previous = 0;
  while (!reader.done) {
    previous += reader.varint();
    rowids.push(previous);
  }
  return rowids;
}

export class TraceIndex {
  /** Trace id (hex) → rowids of its spans after the last sealed segment, ascending. */
  private unsealed = new Map<string, number[]>();
  private unsealedRows = 0;
  /** Last rowid covered by a sealed segment (0 when none). */
  sealedThrough = 0;
  private readonly db: Database.Database;
  private readonly segmentRows: number;
  private readonly packer = new ByteWriter(64 * 1024);
  private readonly insertEntries: MultiRowInsert;
  private readonly insertSegment: Database.Statement<[number, number, Buffer]>;
  private readonly lookupStmt: Database.Statement<[number, Buffer], Uint8Array>;
  /** Sealed segments with their bloom filters, oldest first. */
  private segments: { segment: number; bloom: Uint8Array }[] = [];

  constructor(db: Database.Database, segmentRows = TRACE_SEGMENT_ROWS) {
    this.db = db;
    this.insertEntries = new MultiRowInsert(db, 'trace_segments', ['segment', 'trace_id', 'rowids']);
    this.segmentRows = segmentRows;
    this.insertSegment = db.prepare('INSERT INTO trace_segment_list (segment, first_rowid, bloom) VALUES (?, ?, ?)');
    this.lookupStmt = db.prepare<[number, Buffer], Uint8Array>('SELECT rowids FROM trace_segments WHERE segment = ? AND trace_id = ?').pluck();
    this.reset();
  }

  /** Re-reads the sealed segments and their filters (after a rollback, or after retention dropped some). */
  reloadSegments(): void {
    this.segments = this.db
      .prepare<[], { segment: number; bloom: Uint8Array }>('SELECT segment, bloom FROM trace_segment_list ORDER BY segment')
      .all();
    this.sealedThrough = this.segments.length === 0 ? 0 : this.segments[this.segments.length - 1].segment;
  }

  /**
   * Forgets the in-memory part and re-reads the sealed segments (on open, and after a rolled-back transaction); the
   * owner then add()s the rows after sealedThrough again (TelemetryStore reads them once for both span indexes).
   */
  reset(): void {
    this.unsealed = new Map();
    this.unsealedRows = 0;
    this.reloadSegments();
  }

  /** Records a span row just inserted (inside the inserting transaction). */
  add(traceId: string, rowid: number): void {
    const rowids = this.unsealed.get(traceId);
    if (rowids === undefined) this.unsealed.set(traceId, [rowid]);
    else rowids.push(rowid);
    this.unsealedRows += 1;
  }

  /**
   * Seals the unsealed rows into a segment once there are enough of them; returns the segment sealed (its last
   * rowid), or null. Call inside the inserting transaction.
   */
  sealIfFull(): number | null {
    if (this.unsealedRows < this.segmentRows) return null;
    let first = Number.MAX_SAFE_INTEGER;
    let last = 0;
    for (const rowids of this.unsealed.values()) {
      first = Math.min(first, rowids[0]);
      last = Math.max(last, rowids[rowids.length - 1]);
    }
    // Hex of equal length sorts like the bytes, so entries go in in key order. All rowid lists are packed into one
    // buffer first (the statements bind views of it), then inserted ENTRIES_PER_INSERT to a statement.
    const traceIds = [...this.unsealed.keys()].sort();
    const ids = traceIds.map((traceId) => Buffer.from(traceId, 'hex'));
    const packer = this.packer;
    packer.reset();
    const ends = traceIds.map((traceId) => {
      packRowids(this.unsealed.get(traceId)!, packer);
      return packer.pos;
    });
    const packed = packer.view()!;
    const params: unknown[] = [];
    for (let i = 0; i < traceIds.length; i += 1) {
      params.push(last, ids[i], packed.subarray(i === 0 ? 0 : ends[i - 1], ends[i]));
      if (params.length === 3 * ENTRIES_PER_INSERT || i === traceIds.length - 1) {
        this.insertEntries.run(params, params.length / 3);
        params.length = 0;
      }
    }
    const bloom = buildTraceBloom(ids);
    this.insertSegment.run(last, first, bloom);
    this.segments.push({ segment: last, bloom });
    this.sealedThrough = last;
    this.unsealed = new Map();
    this.unsealedRows = 0;
    return last;
  }

  /** Rowids that may hold spans of `traceId` (ascending); verify the trace id of each row read. */
  rowids(traceId: string, traceIdBytes: Buffer): number[] {
    const found: number[] = [];
    const hashes = traceHashes(traceIdBytes);
    for (const { segment, bloom } of this.segments) {
      if (!bloomMayContain(bloom, hashes)) continue;
      const packed = this.lookupStmt.get(segment, traceIdBytes);
      if (packed !== undefined) found.push(...unpackRowids(packed));
    }
    found.push(...(this.unsealed.get(traceId) ?? []));
    return found;
  }

  /**
   * Drops segments whose rows are all older than `minLiveRowid` (after retention deleted them). Call inside a
   * transaction, and reloadSegments() once it has committed.
   */
  dropSegmentsBefore(minLiveRowid: number): number {
    const dead = this.db.prepare<[number], number>('SELECT segment FROM trace_segment_list WHERE segment < ?').pluck().all(minLiveRowid);
    const deleteEntries = this.db.prepare<[number]>('DELETE FROM trace_segments WHERE segment = ?');
    const deleteSegment = this.db.prepare<[number]>('DELETE FROM trace_segment_list WHERE segment = ?');
    for (const segment of dead) {
      deleteEntries.run(segment);
      deleteSegment.run(segment);
    }
    return dead.length;
  }
}
