import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildTypicalSpans } from '../fixtures/domain-builders.ts';
import { corruptionMarker, isCorruption, noteCorruption, openMovingCorruptAside } from './corrupt-database.ts';
import { TelemetryStore } from './telemetry-store.ts';
import { tempDir, removeTempDirs } from './test-builders.ts';

afterEach(removeTempDirs);

/** A closed database in a fresh dir holding `spans` typical spans; returns the dir and the file. */
function storedDatabase(spans = 2000): { dataDir: string; file: string } {
  const dataDir = tempDir();
  const store = TelemetryStore.open({ dataDir });
  store.insertBatch({ spans: buildTypicalSpans(spans), metricPoints: [], logs: [] });
  const file = store.databaseFile;
  store.close();
  return { dataDir, file };
}

function overwrite(file: string, at: number, length: number): void {
  const fd = fs.openSync(file, 'r+');
  fs.writeSync(fd, Buffer.alloc(length, 0xa5), 0, length, at);
  fs.closeSync(fd);
}

/** Byte offset of the root page of `name` (an index no start-up query reads). */
function rootPageOffset(file: string, name: string): number {
  const store = TelemetryStore.open({ dataDir: path.dirname(file) });
  const { rootpage } = store.db.prepare('SELECT rootpage FROM sqlite_master WHERE name = ?').get(name) as { rootpage: number };
  const pageSize = store.db.pragma('page_size', { simple: true }) as number;
  store.close();
  return (rootpage - 1) * pageSize;
}

describe('corrupt database files', () => {
  it('moves a file whose header is garbage aside and opens a fresh database', () => {
    const { dataDir, file } = storedDatabase();
    overwrite(file, 0, 100);
    const { store, movedAside } = openMovingCorruptAside({ dataDir });
    expect(movedAside).toMatch(/chokepoint\.db\.corrupt-\d{4}-/);
    expect(fs.readFileSync(movedAside as string).subarray(0, 100)).toEqual(Buffer.alloc(100, 0xa5)); // kept as it was
    expect(store.counts().spans).toBe(0);
    store.insertBatch({ spans: buildTypicalSpans(5), metricPoints: [], logs: [] });
    expect(store.counts().spans).toBe(5);
    store.close();
  });

  it('opens a sound database as it is, and leaves other failures (not corruption) to the caller', () => {
    const { dataDir } = storedDatabase(50);
    const { store, movedAside } = openMovingCorruptAside({ dataDir });
    expect(movedAside).toBeNull();
    expect(store.counts().spans).toBe(50);
    store.close();
    const notADir = path.join(dataDir, 'chokepoint.db', 'inside');
    expect(() => openMovingCorruptAside({ dataDir: notADir })).toThrow(/not a directory|a file/);
    expect(fs.readdirSync(dataDir).some((name) => name.includes('corrupt'))).toBe(false);
  });

  it('checks the whole file at the next start after corruption was seen while running, and moves it aside when damaged', () => {
    const { dataDir, file } = storedDatabase();
    overwrite(file, rootPageOffset(file, 'spans_by_start') + 8, 512); // a damaged index page: opening does not read it
    const opened = openMovingCorruptAside({ dataDir });
    expect(opened.movedAside).toBeNull(); // without a note of trouble, start-up stays cheap
    opened.store.close();

    const sqliteError = (() => {
      try {
        const store = TelemetryStore.open({ dataDir });
        try {
          store.db.pragma('integrity_check');
          return store.db.prepare('SELECT count(*) FROM spans INDEXED BY spans_by_start WHERE start_ns > 0').get();
        } finally {
          store.close();
        }
      } catch (error) {
        return error;
      }
    })();
    expect(isCorruption(sqliteError)).toBe(true);
    expect(noteCorruption(file, sqliteError)).toBe(true);
    expect(fs.existsSync(corruptionMarker(file))).toBe(true);

    const { store, movedAside } = openMovingCorruptAside({ dataDir });
    expect(movedAside).not.toBeNull();
    expect(store.counts().spans).toBe(0);
    expect(fs.existsSync(corruptionMarker(file))).toBe(false);
    store.close();
  });

  it('keeps a database that passes the check, and forgets the note', () => {
    const { dataDir, file } = storedDatabase(50);
    fs.writeFileSync(corruptionMarker(file), 'seen once');
    const { store, movedAside } = openMovingCorruptAside({ dataDir });
    expect(movedAside).toBeNull();
    expect(store.counts().spans).toBe(50);
    expect(fs.existsSync(corruptionMarker(file))).toBe(false);
    store.close();
    expect(noteCorruption(file, new Error('something else'))).toBe(false);
    expect(fs.existsSync(corruptionMarker(file))).toBe(false);
  });
});
