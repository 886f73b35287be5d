// A database file that SQLite calls corrupt (or not a database at all) must not keep the app from starting, nor make
// it crash at every start: it is moved aside, with its WAL and shared-memory files, and a fresh database is started.
// Nothing is deleted; the user can inspect or recover the old file (`sqlite3 … .recover`).
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { TelemetryStore } from './telemetry-store.ts';
import type { StoreOptions } from './telemetry-store.ts';

/** True when `error` (or what it wraps) is SQLite saying the file is damaged or not a database. */
export function isCorruption(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if (e instanceof Database.SqliteError && (e.code.startsWith('SQLITE_CORRUPT') || e.code === 'SQLITE_NOTADB')) return true;
  }
  return false;
}

/** Renames the database and its -wal/-shm files to `<name>.corrupt-<time>`; returns the database's new path. */
export function moveAside(databaseFile: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const aside = `${databaseFile}.corrupt-${stamp}`;
  for (const suffix of ['', '-wal', '-shm']) {
    if (fs.existsSync(databaseFile + suffix)) fs.renameSync(databaseFile + suffix, aside + suffix);
  }
  return aside;
}

export interface OpenedStore {
  store: TelemetryStore;
  /** Where a corrupt database was moved before this one was created, or null. */
  movedAside: string | null;
}

/** The file that says corruption was seen while running, so the next start checks the whole database. */
export function corruptionMarker(databaseFile: string): string {
  return `${databaseFile}.check-at-start`;
}

/**
 * Notes corruption seen while running (a damaged page can open fine and fail only when read): the next start
 * then runs SQLite's quick_check and moves the file aside when it fails. Returns true when `error` was corruption.
 */
export function noteCorruption(databaseFile: string, error: unknown): boolean {
  if (!isCorruption(error)) return false;
  try {
    fs.writeFileSync(corruptionMarker(databaseFile), `${new Date().toISOString()} ${(error as Error).message}\n`);
  } catch {
    // The disk may be the problem; the error itself still reaches the user.
  }
  return true;
}

/** Opens the store; a corrupt database file is moved aside and a fresh one opened in its place. */
export function openMovingCorruptAside(options: StoreOptions): OpenedStore {
  const databaseFile = path.resolve(options.dataDir, options.fileName ?? 'chokepoint.db');
  const marker = corruptionMarker(databaseFile);
  let store: TelemetryStore;
  try {
    store = TelemetryStore.open(options);
  } catch (error) {
    if (!isCorruption(error)) throw error;
    const movedAside = moveAside(databaseFile);
    fs.rmSync(marker, { force: true });
    return { store: TelemetryStore.open(options), movedAside };
  }
  if (!fs.existsSync(marker)) return { store, movedAside: null };
  let healthy: boolean;
  try {
    healthy = store.db.pragma('quick_check', { simple: true }) === 'ok';
  } catch (error) {
    if (!isCorruption(error)) throw error;
    healthy = false;
  }
  fs.rmSync(marker, { force: true });
  if (healthy) return { store, movedAside: null };
  store.close();
  const movedAside = moveAside(databaseFile);
  return { store: TelemetryStore.open(options), movedAside };
}
