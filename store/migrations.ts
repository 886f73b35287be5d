// Numbered schema migrations, applied in order inside one transaction each and recorded in schema_migrations
// (and mirrored in PRAGMA user_version so tools can see the version without a query).
import type Database from 'better-sqlite3';
import { ChokepointError } from '../common/error-codes.ts';
import { backfillLatencyRollup } from './latency-rollup.ts';
import { sql, sqlInteger } from './sql-text.ts';
import { INITIAL_SCHEMA } from './migrations/0001-initial.ts';
import { OPERATION_LATENCY_SCHEMA } from './migrations/0002-operation-latency.ts';
import { OPERATION_SEGMENTS_SCHEMA } from './migrations/0003-operation-segments.ts';
import { backfillOperationSegments } from './operation-index.ts';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** Fills what SQL alone cannot, after `sql`, in the same transaction. */
  backfill?: (db: Database.Database) => void;
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial', sql: INITIAL_SCHEMA },
  { version: 2, name: 'operation-latency', sql: OPERATION_LATENCY_SCHEMA, backfill: backfillLatencyRollup },
  { version: 3, name: 'operation-segments', sql: OPERATION_SEGMENTS_SCHEMA, backfill: backfillOperationSegments },
];

/** Applies every migration newer than the database; returns the versions applied (empty when up to date). */
export function runMigrations(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS, nowMs: () => number = Date.now): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at_ms INTEGER NOT NULL
  )`);
  const current = db.prepare<[], number | null>('SELECT max(version) FROM schema_migrations').pluck().get() ?? 0;
  const newest = migrations.reduce((max, m) => Math.max(max, m.version), 0);
  if ((current ?? 0) > newest) {
    throw new ChokepointError(
      'STORE_UNAVAILABLE',
      `The database ${db.name} has schema version ${current} but this Chokepoint knows only up to ${newest}; use a newer Chokepoint or another data directory.`,
    );
  }
  const record = db.prepare<[number, string, number]>('INSERT INTO schema_migrations (version, name, applied_at_ms) VALUES (?, ?, ?)');
  const applied: number[] = [];
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (migration.version <= (current ?? 0)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      migration.backfill?.(db);
      record.run(migration.version, migration.name, nowMs());
      db.pragma(sql`user_version = ${sqlInteger(migration.version)}`);
    })();
    applied.push(migration.version);
  }
  return applied;
}
