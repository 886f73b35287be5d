// Messages between the store worker and its WAL checkpointer thread (wal-checkpointer.ts).

export interface CheckpointerData {
  databaseFile: string;
  /** How long after a commit the checkpoint runs; commits meanwhile share it. */
  delayMs: number;
}

export type ToCheckpointer = { kind: 'committed' } | { kind: 'status' } | { kind: 'close' };

export type FromCheckpointer =
  | { kind: 'ready' }
  | { kind: 'failed'; message: string }
  /** Checkpoints run so far (for tests and diagnostics). */
  | { kind: 'status'; checkpoints: number }
  | { kind: 'closed' };
