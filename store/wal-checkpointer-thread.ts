// The WAL checkpointer's own thread (started by wal-checkpointer.ts from the store worker). It holds a second
// connection to the database and copies committed pages from the write-ahead log into the database file, so the
// writing thread does not wait for that copy and its two fsyncs (see ARCHITECTURE.md, "Checkpoints").
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { CheckpointerData, FromCheckpointer, ToCheckpointer } from './wal-checkpointer-protocol.ts';

const port = parentPort;
if (port === null) throw new Error('wal-checkpointer-thread must run in a worker thread');
const post = (message: FromCheckpointer) => port.postMessage(message);
const data = workerData as CheckpointerData;

let db: Database.Database;
try {
  db = new Database(data.databaseFile, { fileMustExist: true });
  // Never wait: a checkpoint that finds the writer's own (backstop) checkpoint running just skips this round.
  db.pragma('busy_timeout = 0');
} catch (error) {
  post({ kind: 'failed', message: (error as Error).message });
  process.exit(1);
}

let timer: NodeJS.Timeout | undefined;
let checkpoints = 0;

function checkpoint(): void {
  timer = undefined;
  try {
    // PASSIVE: copies what it can without blocking the writer or readers; frames committed meanwhile wait for the
    // next round. A failure (a full disk, say) leaves the frames in the log, where they are safe; the writer's own
    // checkpoint (wal_autocheckpoint) still bounds the log.
    db.pragma('wal_checkpoint(PASSIVE)');
    checkpoints += 1;
  } catch {
    // See above: nothing is lost, and the writer's backstop keeps the log bounded.
  }
}

port.on('message', (message: ToCheckpointer) => {
  switch (message.kind) {
    case 'committed':
      // Commits in the next delayMs share one checkpoint: fewer fsyncs, and pages written twice are copied once.
      timer ??= setTimeout(checkpoint, data.delayMs);
      return;
    case 'status':
      post({ kind: 'status', checkpoints });
      return;
    case 'close':
      if (timer !== undefined) clearTimeout(timer);
      db.close();
      post({ kind: 'closed' });
      port.close();
      return;
  }
});

post({ kind: 'ready' });
