// Operation (service, span name) → its spans, without a B-tree index on (service, name, start_ns, duration_ns).
// Such an index takes each insert to the middle of the tree (every operation grows at its own end), which cost
// the store worker ~1 µs a span, a tenth of its work. Instead, as for trace ids (trace-index.ts):
//  - rows after the last sealed segment are kept in memory per operation (added again by TelemetryStore on open
//    and after a rollback, in the same read that rebuilds the trace index);
//  - when the trace index seals a segment, this writes one operation_segments row per operation in it: its spans'
//    rowids, starts and durations, packed (operation-entries.ts), with the earliest and latest start.
// Searches and exact percentiles read these rows, filtering by start and duration without touching the spans.
// Entries can outlive their spans. Retention deletes the oldest spans by start time, so an entry is stale when its
// row existed at the last check (rowid ≤ staleThrough) and started before every span still stored (liveFrom).
// Searches fetch each row by rowid anyway.
import type Database from 'better-sqlite3';
import { ByteWriter } from './byte-writer.ts';
import { OperationEntries } from './operation-entries.ts';

type SegmentRow = [segment: bigint, minStart: bigint, maxStart: bigint];

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

export class OperationIndex {
  /** service → name → entries of spans after the last sealed segment. */
  private unsealed = new Map<number, Map<number, OperationEntries>>();
  /** Entries with rowid ≤ staleThrough that started before liveFrom belong to deleted spans. */
  private liveFrom = INT64_MIN;
  private staleThrough = 0;
  /** Until the first query after opening, which finds out liveFrom (so opening reads no more than it did). */
  private stalenessKnown = false;
  private readonly db: Database.Database;
  private readonly writer = new ByteWriter(64 * 1024);
  private readonly insertRow: Database.Statement<[number, number, number, bigint, bigint, Buffer]>;
  private readonly segmentsOf: Database.Statement<[number, number, bigint, bigint], SegmentRow>;
  private readonly entriesOf: Database.Statement<[number, number, bigint], Uint8Array>;
  private readonly oldest: Database.Statement<[], [bigint | null, bigint | null, bigint | null]>;

  constructor(db: Database.Database) {
    this.db = db;
    this.insertRow = db.prepare(
      'INSERT INTO operation_segments (service, name, segment, min_start_ns, max_start_ns, entries) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.segmentsOf = db
      .prepare<[number, number, bigint, bigint], SegmentRow>(
        'SELECT segment, min_start_ns, max_start_ns FROM operation_segments WHERE service = ? AND name = ? AND min_start_ns < ? AND max_start_ns >= ?',
      )
      .raw(true)
      .safeIntegers(true);
    this.entriesOf = db.prepare<[number, number, bigint], Uint8Array>('SELECT entries FROM operation_segments WHERE service = ? AND name = ? AND segment = ?').pluck();
    this.oldest = db
      .prepare<[], [bigint | null, bigint | null, bigint | null]>(
        'SELECT (SELECT min(start_ns) FROM spans), (SELECT max(rowid) FROM spans), (SELECT max(segment) FROM operation_segments)',
      )
      .raw(true)
      .safeIntegers(true);
  }

  /** Records a span row just inserted (inside the inserting transaction). */
  add(service: number, name: number, rowid: number, start: bigint, duration: bigint, root: boolean): void {
    let byName = this.unsealed.get(service);
    if (byName === undefined) {
      byName = new Map();
      this.unsealed.set(service, byName);
    }
    let entries = byName.get(name);
    if (entries === undefined) {
      entries = new OperationEntries();
      byName.set(name, entries);
    }
    entries.push(rowid, start, duration, root);
  }

  /** Writes every unsealed entry under `segment` (the one the trace index just sealed, in the same transaction). */
  seal(segment: number): void {
    for (const [service, byName] of this.unsealed) {
      for (const [name, entries] of byName) {
        const { min, max } = entries.startRange();
        this.writer.reset();
        entries.pack(min, this.writer);
        // Bound values are copied by SQLite, so the writer's buffer can be reused at once.
        this.insertRow.run(service, name, segment, min, max, this.writer.view()!);
      }
    }
    this.unsealed = new Map();
  }

  /** Forgets the in-memory part (on open, and after a rolled-back transaction); the owner add()s the rows again. */
  reset(): void {
    this.unsealed = new Map();
  }

  /** Marks the entries of spans retention deleted (all that started before the oldest span left) as stale. */
  noteDeletions(): void {
    this.stalenessKnown = true;
    const [oldestStart, maxRowid, lastSegment] = this.oldest.get() ?? [null, null, null];
    if (oldestStart === null || maxRowid === null) {
      // No spans left: every entry so far is stale; rows stored from now on have higher rowids.
      this.unsealed = new Map();
      this.liveFrom = INT64_MAX;
      this.staleThrough = Number(lastSegment ?? 0n);
      return;
    }
    this.liveFrom = oldestStart;
    this.staleThrough = Number(maxRowid);
  }

  private isLive(rowid: number, start: bigint): boolean {
    return start >= this.liveFrom || rowid > this.staleThrough;
  }

  /** Newest spans of one operation started before `before`, at least `minDuration` long: [rowid, start], newest first. */
  newest(service: number, name: number, before: bigint, minDuration: bigint, rootsOnly: boolean, limit: number): [bigint, bigint][] {
    if (!this.stalenessKnown) this.noteDeletions();
    const found: [bigint, bigint][] = [];
    const keep = (entries: OperationEntries) => {
      for (let i = 0; i < entries.count; i += 1) {
        const start = entries.starts[i];
        if (start >= before || entries.durations[i] < minDuration || (rootsOnly && entries.roots[i] === 0)) continue;
        if (this.isLive(entries.rowids[i], start)) found.push([BigInt(entries.rowids[i]), start]);
      }
    };
    const unsealed = this.unsealed.get(service)?.get(name);
    if (unsealed !== undefined) keep(unsealed);
    // Segments newest-first by latest start; once `limit` spans are found, a segment whose latest start is older
    // than the limit-th newest cannot contribute.
    const segments = this.segmentsOf.all(service, name, before, INT64_MIN).sort((a, b) => (b[2] > a[2] ? 1 : b[2] < a[2] ? -1 : 0));
    for (const [segment, minStart, maxStart] of segments) {
      if (found.length >= limit) {
        sortNewestFirst(found);
        found.length = limit;
        if (maxStart < found[limit - 1][1]) break;
      }
      const packed = this.entriesOf.get(service, name, segment);
      if (packed !== undefined) keep(OperationEntries.unpack(packed, minStart));
    }
    return sortNewestFirst(found).slice(0, limit);
  }

  /** Durations (ns) of one operation's spans that started in [from, to), in no particular order. */
  durations(service: number, name: number, from: bigint, to: bigint): number[] {
    if (!this.stalenessKnown) this.noteDeletions();
    const durations: number[] = [];
    const keep = (entries: OperationEntries) => {
      for (let i = 0; i < entries.count; i += 1) {
        const start = entries.starts[i];
        if (start >= from && start < to && this.isLive(entries.rowids[i], start)) durations.push(Number(entries.durations[i]));
      }
    };
    const unsealed = this.unsealed.get(service)?.get(name);
    if (unsealed !== undefined) keep(unsealed);
    for (const [segment, minStart] of this.segmentsOf.all(service, name, to, from)) {
      const packed = this.entriesOf.get(service, name, segment);
      if (packed !== undefined) keep(OperationEntries.unpack(packed, minStart));
    }
    return durations;
  }

  /** Drops the rows of segments whose spans are all older than `minLiveRowid` (inside retention's transaction). */
  dropSegmentsBefore(minLiveRowid: number): void {
    this.db.prepare<[number]>('DELETE FROM operation_segments WHERE segment < ?').run(minLiveRowid);
  }
}

/** Sorts [rowid, start] pairs by start, newest first, then by rowid, highest first. */
function sortNewestFirst(pairs: [bigint, bigint][]): [bigint, bigint][] {
  return pairs.sort((a, b) => (a[1] === b[1] ? (b[0] > a[0] ? 1 : -1) : b[1] > a[1] ? 1 : -1));
}

/**
 * Builds operation_segments for the segments the trace index has already sealed (run once, by the migration that
 * replaces the spans_by_operation index); later rows are read into memory on open.
 */
export function backfillOperationSegments(db: Database.Database): void {
  const index = new OperationIndex(db);
  const segments = db.prepare<[], number>('SELECT segment FROM trace_segment_list ORDER BY segment').pluck().all();
  const rows = db
    .prepare<[number, number], [bigint, bigint, bigint, bigint, bigint, bigint]>(
      'SELECT rowid, service, name, start_ns, duration_ns, parent_span_id IS NULL FROM spans WHERE rowid > ? AND rowid <= ? ORDER BY rowid',
    )
    .raw(true)
    .safeIntegers(true);
  let previous = 0;
  for (const segment of segments) {
    // Read in full before writing: the connection cannot write while a read is open.
    for (const [rowid, service, name, start, duration, root] of rows.all(previous, segment)) {
      index.add(Number(service), Number(name), Number(rowid), start, duration, root === 1n);
    }
    index.seal(segment);
    previous = segment;
  }
}
