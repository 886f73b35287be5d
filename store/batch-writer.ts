// The batched writer between receivers and the store. write() queues a batch and resolves only after the
// transaction holding it commits (we acknowledge only what is stored). Pending writes are committed together
// (group commit) a few milliseconds after the first one, or at once when a transaction's worth is waiting.
// Transactions are sized from the measured commit speed so each blocks the event loop for ~targetTransactionMs.
// The queue is bounded: a write that would overflow it throws QUEUE_FULL synchronously, so receivers can answer
// 429 / RESOURCE_EXHAUSTED without holding the data.
import { ChokepointError } from '../common/error-codes.ts';
import type { TelemetryCounts } from '../common/telemetry.ts';
import { itemsOf, type StoreBatch, type TelemetryStore } from './telemetry-store.ts';

export interface BatchWriterOptions {
  /** Items (spans + metric points + log records) accepted but not yet committed. Default 100 000. */
  maxQueuedItems?: number;
  /** Items per transaction; more waiting items are committed in further transactions. Default 10 000. */
  maxBatchItems?: number;
  /** How long the first waiting write waits for company before its transaction runs. Default 5 ms. */
  flushDelayMs?: number;
  /**
   * Transactions run on the event loop; the writer sizes them from the measured commit speed so one takes about
   * this long (default 40 ms), keeping receivers responsive. Never fewer than one write or more than maxBatchItems.
   */
  targetTransactionMs?: number;
}

/** The part of TelemetryStore the writer needs. */
export type BatchSink = Pick<TelemetryStore, 'insertBatches'>;

interface PendingWrite {
  batch: StoreBatch;
  items: number;
  resolve: () => void;
  reject: (error: Error) => void;
}

export class BatchWriter {
  private readonly sink: BatchSink;
  private readonly maxQueuedItems: number;
  private readonly maxBatchItems: number;
  private readonly flushDelayMs: number;
  private readonly targetTransactionMs: number;
  /** Smoothed milliseconds per committed item (a cautious start, then learned from real commits). */
  private msPerItem = 0.03;
  private readonly listeners = new Set<(counts: TelemetryCounts) => void>();
  private queue: PendingWrite[] = [];
  private queued = 0;
  private timer: NodeJS.Timeout | undefined;
  private immediate: NodeJS.Immediate | undefined;
  private closed = false;
  /** Transactions committed so far (for tests and diagnostics). */
  transactions = 0;

  constructor(sink: BatchSink, options: BatchWriterOptions = {}) {
    this.sink = sink;
    this.maxQueuedItems = options.maxQueuedItems ?? 100_000;
    this.maxBatchItems = options.maxBatchItems ?? 10_000;
    this.flushDelayMs = options.flushDelayMs ?? 5;
    this.targetTransactionMs = options.targetTransactionMs ?? 40;
  }

  /** Items accepted and not yet committed (or failed). */
  get queuedItems(): number {
    return this.queued;
  }

  /**
   * Queues `batch`; the promise resolves once it is committed and rejects with a ChokepointError if its
   * transaction fails. Throws QUEUE_FULL (synchronously, nothing queued) when the queue cannot take it, and
   * STORE_UNAVAILABLE after close(). A batch larger than the whole queue is accepted when the queue is empty,
   * since it could never be accepted otherwise.
   */
  write(batch: StoreBatch): Promise<void> {
    if (this.closed) throw new ChokepointError('STORE_UNAVAILABLE', 'The store writer is closed.');
    const items = itemsOf(batch);
    if (items === 0) return Promise.resolve();
    if (this.queued > 0 && this.queued + items > this.maxQueuedItems) {
      throw new ChokepointError('QUEUE_FULL', `The write queue is full (${this.queued} of ${this.maxQueuedItems} items waiting); retry shortly.`);
    }
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ batch, items, resolve, reject });
      this.queued += items;
      this.schedule();
    });
  }

  /** Listens to commits; `counts` are the items of one transaction. Returns the unsubscribe function. */
  onCommit(listener: (counts: TelemetryCounts) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Commits everything queued now; resolves when all of it is committed or failed (failures go to write()). */
  flush(): Promise<void> {
    this.clearTimers();
    while (this.queue.length > 0) this.commitNext();
    return Promise.resolve();
  }

  /** Refuses further writes and commits what was accepted. Does not close the store. */
  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
  }

  private schedule(): void {
    if (this.queued >= this.transactionItems()) {
      if (this.timer !== undefined) clearTimeout(this.timer);
      this.timer = undefined;
      this.immediate ??= setImmediate(() => this.onTimer());
    } else if (this.timer === undefined && this.immediate === undefined) {
      this.timer = setTimeout(() => this.onTimer(), this.flushDelayMs);
    }
  }

  private onTimer(): void {
    this.clearTimers();
    if (this.queue.length === 0) return;
    this.commitNext();
    // Yield to the event loop between transactions, so receivers keep answering.
    if (this.queue.length > 0) this.immediate = setImmediate(() => this.onTimer());
  }

  private clearTimers(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    if (this.immediate !== undefined) clearImmediate(this.immediate);
    this.timer = undefined;
    this.immediate = undefined;
  }

  /** Items one transaction may hold: what fits the time target at the measured speed, capped by maxBatchItems. */
  private transactionItems(): number {
    return Math.max(1, Math.min(this.maxBatchItems, Math.floor(this.targetTransactionMs / this.msPerItem)));
  }

  /** Takes up to transactionItems() (at least one write) off the queue and commits them in one transaction. */
  private commitNext(): void {
    const limit = this.transactionItems();
    let take = 0;
    let items = 0;
    while (take < this.queue.length && (take === 0 || items + this.queue[take].items <= limit)) {
      items += this.queue[take].items;
      take += 1;
    }
    const group = this.queue.slice(0, take);
    this.queue = this.queue.slice(take);
    try {
      this.commit(group);
    } finally {
      this.queued -= items;
    }
  }

  private commit(group: PendingWrite[]): void {
    try {
      const started = performance.now();
      const counts = this.sink.insertBatches(group.map((w) => w.batch));
      const items = counts.spans + counts.metricPoints + counts.logs;
      if (items >= 100) this.msPerItem = 0.7 * this.msPerItem + 0.3 * ((performance.now() - started) / items);
      this.transactions += 1;
      for (const w of group) w.resolve();
      this.notify(counts);
    } catch (error) {
      const failure = error instanceof ChokepointError ? error : new ChokepointError('INTERNAL', String(error));
      if (group.length > 1 && failure.code !== 'STORE_UNAVAILABLE') {
        // Probably one bad batch (a data problem, not the database): commit the others on their own.
        for (const w of group) this.commit([w]);
        return;
      }
      for (const w of group) w.reject(failure);
    }
  }

  private notify(counts: TelemetryCounts): void {
    for (const listener of this.listeners) {
      try {
        listener(counts);
      } catch {
        // A listener's failure must not fail the write path.
      }
    }
  }
}
