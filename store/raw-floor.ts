// "The raw floor": how fast better-sqlite3 can put the same spans into SQLite the naive way (hex text ids,
// name text, attributes as JSON text, no indexes, one prepared statement, one transaction). The ingest
// benchmark compares the real store against it. The timing covers turning each Span into row values and
// inserting it, as any store must; it does not cover creating the table or closing the file.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Span } from '../common/telemetry.ts';

export interface RawFloorResult {
  rowsPerSecond: number;
  rows: number;
  elapsedMs: number;
}

export function measureRawInsertFloor(spans: Span[], dir: string): RawFloorResult {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `raw-floor-${process.pid}-${Date.now()}.db`);
  const db = new Database(file);
  try {
    // Same durability settings as the store, so the comparison is only about the row format and indexes.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec(`CREATE TABLE raw_spans (
      trace_id TEXT NOT NULL, span_id TEXT NOT NULL, parent_span_id TEXT NOT NULL, service_name TEXT NOT NULL,
      name TEXT NOT NULL, kind TEXT NOT NULL, start_ns INTEGER NOT NULL, end_ns INTEGER NOT NULL,
      status TEXT NOT NULL, attributes TEXT NOT NULL
    )`);
    const insert = db.prepare<[string, string, string, string, string, string, bigint, bigint, string, string]>(
      'INSERT INTO raw_spans VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const insertAll = db.transaction((rows: Span[]) => {
      for (const s of rows) {
        insert.run(s.traceId, s.spanId, s.parentSpanId, s.resource.serviceName, s.name, s.kind, s.startTimeUnixNano, s.endTimeUnixNano, s.statusCode, JSON.stringify(s.attributes));
      }
    });
    const started = performance.now();
    insertAll(spans);
    const elapsedMs = performance.now() - started;
    return { rowsPerSecond: spans.length / (elapsedMs / 1000), rows: spans.length, elapsedMs };
  } finally {
    db.close();
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  }
}
