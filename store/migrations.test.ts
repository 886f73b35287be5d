import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { ChokepointError } from '../common/error-codes.ts';
import { MIGRATIONS, runMigrations } from './migrations.ts';
import { TelemetryStore } from './telemetry-store.ts';
import { buildBatch, buildTypicalSpans, removeTempDirs, tempDir } from './test-builders.ts';

afterAll(removeTempDirs);

/** The schema as created by migrations (PRAGMA optimize on close may add sqlite_stat tables). */
const SCHEMA_SQL = "SELECT sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_stat%' ORDER BY name";

const tables = (db: Database.Database) =>
  db.prepare<[], string>("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all();

describe('migrations', () => {
  it('create the whole schema in an empty database, with incremental auto-vacuum and WAL', () => {
    const store = TelemetryStore.open({ dataDir: tempDir() });
    try {
      expect(tables(store.db)).toEqual(
        expect.arrayContaining(['schema_migrations', 'strings', 'resources', 'scopes', 'spans', 'span_operations', 'trace_segments', 'trace_segment_list', 'metric_points', 'metric_names', 'logs', 'findings', 'telemetry_counts']),
      );
      const latest = Math.max(...MIGRATIONS.map((m) => m.version));
      expect(store.db.prepare('SELECT max(version) AS v FROM schema_migrations').get()).toEqual({ v: latest });
      expect(store.db.pragma('user_version', { simple: true })).toBe(latest);
      expect(store.db.pragma('auto_vacuum', { simple: true })).toBe(2);
      expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      store.close();
    }
  });

  it('are idempotent: reopening applies nothing and keeps the data', () => {
    const dir = tempDir();
    const first = TelemetryStore.open({ dataDir: dir });
    first.insertBatch(buildBatch({ spans: buildTypicalSpans(5) }));
    const schemaBefore = first.db.prepare(SCHEMA_SQL).all();
    first.close();

    const db = new Database(path.join(dir, 'chokepoint.db'));
    try {
      expect(runMigrations(db)).toEqual([]);
      expect(db.prepare('SELECT count(*) AS n FROM schema_migrations').get()).toEqual({ n: MIGRATIONS.length });
      expect(db.prepare(SCHEMA_SQL).all()).toEqual(schemaBefore);
    } finally {
      db.close();
    }
    const again = TelemetryStore.open({ dataDir: dir });
    expect(again.counts().spans).toBe(5);
    again.close();
  });

  it('apply only the migrations a database lacks, in order', () => {
    const db = new Database(':memory:');
    const applied = runMigrations(db, [
      { version: 2, name: 'second', sql: 'ALTER TABLE t ADD COLUMN b INTEGER' },
      { version: 1, name: 'first', sql: 'CREATE TABLE t (a INTEGER)' },
    ]);
    expect(applied).toEqual([1, 2]);
    expect(runMigrations(db, [{ version: 1, name: 'first', sql: 'CREATE TABLE t (a INTEGER)' }, { version: 2, name: 'second', sql: 'x' }, { version: 3, name: 'third', sql: 'CREATE TABLE u (c INTEGER)' }])).toEqual([3]);
    db.close();
  });

  it('refuse a database written by a newer schema', () => {
    const db = new Database(':memory:');
    runMigrations(db, [{ version: 7, name: 'future', sql: 'CREATE TABLE future (a INTEGER)' }]);
    expect(() => runMigrations(db)).toThrow(ChokepointError);
    expect(() => runMigrations(db)).toThrow(/schema version 7/);
    db.close();
  });
});
