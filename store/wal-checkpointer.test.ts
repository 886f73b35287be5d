// The checkpointer thread copies committed pages into the database file a moment after it hears of a commit, on
// its own connection, so the writer never has to. Observable from outside: the database file (not the log) grows.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { removeTempDirs, tempDir } from './test-builders.ts';
import { WalCheckpointer } from './wal-checkpointer.ts';

const ENTRY = new URL('./wal-checkpointer-entry.mjs', import.meta.url);
const DELAY_MS = 20;
const ROWS = 500;

afterEach(() => removeTempDirs());

/** A WAL database whose writer never checkpoints, with ROWS rows of 1 kB committed to the log. */
function writtenDatabase(): { db: Database.Database; file: string } {
  const file = path.join(tempDir(), 'wal.db');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('wal_autocheckpoint = 0');
  db.exec('CREATE TABLE rows (value BLOB NOT NULL)');
  const insert = db.prepare<[Buffer]>('INSERT INTO rows (value) VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < ROWS; i++) insert.run(Buffer.alloc(1000, i % 251));
  })();
  return { db, file };
}

/** Bytes of pages the database has (what the file holds once everything is checkpointed). */
const pagesBytes = (db: Database.Database) => (db.pragma('page_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number);

async function until(condition: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('WalCheckpointer', () => {
  it('copies committed pages into the database file after a commit, without the writer', async () => {
    const { db, file } = writtenDatabase();
    expect(fs.statSync(file).size).toBeLessThan(ROWS * 1000);
    const checkpointer = await WalCheckpointer.start(ENTRY, file, DELAY_MS);
    checkpointer.committed();
    await until(async () => (await checkpointer.checkpoints()) === 1);
    expect(fs.statSync(file).size).toBe(pagesBytes(db));
    await checkpointer.close();
    db.close();
    const reader = new Database(file, { readonly: true });
    expect(reader.prepare('SELECT count(*) AS n FROM rows').get()).toEqual({ n: ROWS });
    reader.close();
  });

  it('does nothing until it hears of a commit, and commits within its delay share one checkpoint', async () => {
    const { db, file } = writtenDatabase();
    const checkpointer = await WalCheckpointer.start(ENTRY, file, DELAY_MS);
    await new Promise((resolve) => setTimeout(resolve, DELAY_MS * 5));
    expect(await checkpointer.checkpoints()).toBe(0);
    expect(fs.statSync(file).size).toBeLessThan(ROWS * 1000);
    for (let i = 0; i < 10; i++) checkpointer.committed();
    await until(async () => (await checkpointer.checkpoints()) > 0);
    await new Promise((resolve) => setTimeout(resolve, DELAY_MS * 5));
    expect(await checkpointer.checkpoints()).toBe(1);
    await checkpointer.close();
    db.close();
  });

  it('keeps out of the writer’s way: the writer commits while the thread is checkpointing, and nothing is lost', async () => {
    const { db, file } = writtenDatabase();
    const checkpointer = await WalCheckpointer.start(ENTRY, file, 0);
    const insert = db.prepare<[Buffer]>('INSERT INTO rows (value) VALUES (?)');
    for (let round = 0; round < 50; round++) {
      db.transaction(() => {
        for (let i = 0; i < 20; i++) insert.run(Buffer.alloc(1000, round));
      })();
      checkpointer.committed();
    }
    await until(async () => (await checkpointer.checkpoints()) > 0);
    await checkpointer.close();
    expect(db.prepare('SELECT count(*) AS n FROM rows').get()).toEqual({ n: ROWS + 50 * 20 });
    db.close();
  });

  it('refuses to start on a file that does not exist, with the reason', async () => {
    const missing = path.join(tempDir(), 'missing.db');
    await expect(WalCheckpointer.start(ENTRY, missing, DELAY_MS)).rejects.toThrow(/unable to open|does not exist|no such file/i);
    expect(fs.existsSync(missing)).toBe(false);
  });

  it('ignores commits once closed instead of throwing', async () => {
    const { db, file } = writtenDatabase();
    const checkpointer = await WalCheckpointer.start(ENTRY, file, DELAY_MS);
    await checkpointer.close();
    expect(checkpointer.isRunning).toBe(false);
    expect(() => checkpointer.committed()).not.toThrow();
    db.close();
  });
});
