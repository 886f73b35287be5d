// Turns SQLite failures into ChokepointErrors whose message says what is wrong in words.
import Database from 'better-sqlite3';
import { ChokepointError } from '../common/error-codes.ts';

const SQLITE_MESSAGES: [prefix: string, message: string][] = [
  ['SQLITE_FULL', 'the disk holding the database is full (or the database reached its size limit)'],
  ['SQLITE_READONLY', 'the database file is read-only'],
  ['SQLITE_BUSY', 'the database is locked by another process'],
  ['SQLITE_LOCKED', 'the database is locked'],
  ['SQLITE_IOERR', 'a disk I/O error occurred'],
  ['SQLITE_CORRUPT', 'the database file is corrupt; restart Chokepoint and it will check the file and move a damaged one aside'],
  ['SQLITE_NOTADB', 'the file is not a SQLite database; restart Chokepoint and it will move the file aside'],
  ['SQLITE_CANTOPEN', 'the database file cannot be opened'],
  ['SQLITE_PERM', 'permission to the database file was denied'],
  ['SQLITE_NOMEM', 'SQLite ran out of memory'],
];

/** File-system errors (creating the data directory) that mean the store cannot be used there. */
const FS_MESSAGES: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  ENOTDIR: 'a part of the data directory path is a file',
  EEXIST: 'the data directory path exists and is not a directory',
};

/** Maps an error thrown while using the database to a ChokepointError; `doing` is e.g. "storing telemetry". */
export function toStoreError(error: unknown, doing: string): ChokepointError {
  if (error instanceof ChokepointError) return error;
  const what = doing === '' ? '' : ` while ${doing}`;
  if (error instanceof Database.SqliteError) {
    const known = SQLITE_MESSAGES.find(([prefix]) => error.code.startsWith(prefix));
    if (known !== undefined) {
      return new ChokepointError('STORE_UNAVAILABLE', `Store unavailable${what}: ${known[1]} (${error.code}: ${error.message}).`, { cause: error });
    }
    return new ChokepointError('INTERNAL', `Database error${what}: ${error.code}: ${error.message}`);
  }
  const fsCode = error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : '';
  if (FS_MESSAGES[fsCode] !== undefined) {
    return new ChokepointError('STORE_UNAVAILABLE', `Store unavailable${what}: ${FS_MESSAGES[fsCode]} (${(error as Error).message}).`);
  }
  if (error instanceof TypeError && /database connection is not open/i.test(error.message)) {
    return new ChokepointError('STORE_UNAVAILABLE', `Store unavailable${what}: the database is closed.`);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ChokepointError('INTERNAL', `Unexpected error${what}: ${message}`);
}
