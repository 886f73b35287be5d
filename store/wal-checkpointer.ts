// Runs SQLite's WAL checkpoints on a thread of their own. A commit only appends pages to the write-ahead log; a
// checkpoint later copies them into the database file and fsyncs both files. Done by the writer (SQLite's
// wal_autocheckpoint), that copy and its fsyncs held up the store worker for ~1 µs per span ingested, two thirds
// of it waiting on the disk. Here a second connection does it a moment after commits, while the writer goes on
// inserting (a PASSIVE checkpoint never blocks the writer). The writer keeps its own autocheckpoint as a
// backstop: the log only restarts from its beginning after a checkpoint that left nothing behind, which under a
// steady stream of commits is the writer's, and then there is little left for it to copy.
import { Worker } from 'node:worker_threads';
import type { CheckpointerData, FromCheckpointer, ToCheckpointer } from './wal-checkpointer-protocol.ts';

/** How long after a commit the checkpoint runs (commits meanwhile share it). */
export const CHECKPOINT_DELAY_MS = 200;

export class WalCheckpointer {
  private readonly worker: Worker;
  private running = true;
  private readonly waiting: ((message: FromCheckpointer) => void)[] = [];

  private constructor(worker: Worker) {
    this.worker = worker;
    worker.on('message', (message: FromCheckpointer) => this.waiting.shift()?.(message));
    worker.on('error', () => this.stopped());
    worker.on('exit', () => this.stopped());
  }

  /**
   * Starts the thread from `entry` (its module: wal-checkpointer-thread.ts, through a loader from sources) on
   * `databaseFile`, which must exist in WAL mode. Rejects with the reason when the thread cannot open it.
   */
  static start(entry: string | URL, databaseFile: string, delayMs = CHECKPOINT_DELAY_MS): Promise<WalCheckpointer> {
    const workerData: CheckpointerData = { databaseFile, delayMs };
    // It allocates next to nothing: a small young generation keeps its footprint small.
    const worker = new Worker(entry, { workerData, resourceLimits: { maxYoungGenerationSizeMb: 4 } });
    return new Promise((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      worker.once('error', onError);
      worker.once('message', (message: FromCheckpointer) => {
        worker.off('error', onError);
        if (message.kind === 'ready') resolve(new WalCheckpointer(worker));
        else reject(new Error(message.kind === 'failed' ? message.message : `unexpected first message from the checkpointer: ${message.kind}`));
      });
    });
  }

  /** Whether the thread is still there to take checkpoints (after a crash the writer's autocheckpoint does them all). */
  get isRunning(): boolean {
    return this.running;
  }

  /** Tells the thread that pages were committed: it checkpoints after its delay. */
  committed(): void {
    if (this.running) this.post({ kind: 'committed' });
  }

  /** Checkpoints the thread has run so far. */
  async checkpoints(): Promise<number> {
    const answer = await this.ask({ kind: 'status' });
    return answer.kind === 'status' ? answer.checkpoints : 0;
  }

  /** Closes the thread's connection and ends the thread. */
  async close(): Promise<void> {
    if (!this.running) return;
    await this.ask({ kind: 'close' });
    await this.worker.terminate();
  }

  private post(message: ToCheckpointer): void {
    this.worker.postMessage(message);
  }

  /** Sends a message the thread answers (in order) and resolves with the answer. */
  private ask(message: ToCheckpointer): Promise<FromCheckpointer> {
    if (!this.running) return Promise.reject(new Error('the checkpointer thread has stopped'));
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.post(message);
    });
  }

  private stopped(): void {
    this.running = false;
    // Whoever waits for an answer gets one that says nothing happened, rather than waiting forever.
    for (const resolve of this.waiting.splice(0)) resolve({ kind: 'closed' });
  }
}
