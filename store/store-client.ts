// The main thread's handle on the store, which lives in a worker thread (store-worker.ts).
// write() resolves once the batch is committed; queries are async calls answered by the worker.
import { Worker } from 'node:worker_threads';
import type { EventLoopUtilization } from 'node:perf_hooks';
import { isBundled } from '../common/bundle-layout.ts';
import { ChokepointError } from '../common/error-codes.ts';
import type { Signal, Span, TelemetryBatch } from '../common/telemetry.ts';
import { DictionaryMirror } from './dictionary-mirror.ts';
import { packedBytes, packedTransferList } from './packed-spans.ts';
import { SpanPacker } from './span-packer.ts';
import type {
  FromStoreWorker,
  IngestOutcome,
  RequestEncoding,
  StoreQueries,
  StoreQueryName,
  StoreWorkerData,
  ToStoreWorker,
} from './store-protocol.ts';
import type { StoreOptions } from './telemetry-store.ts';
import { WritePause } from './write-pause.ts';
import type { WriteProblem } from './write-pause.ts';

export interface StoreClientOptions extends StoreOptions {
  /** Items sent to the worker and not yet committed; beyond this write() throws QUEUE_FULL. Default 100 000 (the server uses less). */
  maxQueuedItems?: number;
  maxBatchItems?: number;
  flushDelayMs?: number;
  /** Raw request bytes handed to the worker and not yet committed; beyond this admit() refuses. Default 16 MiB. */
  maxQueuedBytes?: number;
  /** URL of a module exporting `decodeBatch` (see BatchDecoder); enables ingest(). */
  decoderModule?: string;
}

interface Pending {
  items: number;
  bytes: number;
  /** An ingest() of raw bytes (counted in rawBytes). */
  raw?: boolean;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  /** Called once the message is answered, either way (see settled()). */
  settled: (() => void)[];
}

/** ~40,000 spans of protobuf: with the item bound, about a second of work for the worker on a laptop. */
const DEFAULT_MAX_QUEUED_BYTES = 16 * 1024 * 1024;

/** About the protobuf size of one span (the JSON form is larger): for the backlog estimate only. */
const RAW_BYTES_PER_ITEM = 400;
const itemsOf = (batch: TelemetryBatch): number => batch.spans.length + batch.metricPoints.length + batch.logs.length;

/** Young-generation size for the store worker (V8's default is 16 MB semi-spaces on 64-bit). */
const WORKER_YOUNG_GENERATION_MB = 96;

export class StoreClient {
  readonly databaseFile: string;
  /** Where a corrupt database was moved at start before a fresh one was created (see corrupt-database.ts), or null. */
  movedAside: string | null = null;
  /** Why the WAL checkpointer thread could not start (the writer then checkpoints, more slowly), or null. */
  checkpointerProblem: string | null = null;
  private readonly worker: Worker;
  private readonly maxQueuedItems: number;
  private readonly maxQueuedBytes: number;
  private queuedBytes = 0;
  /** Raw request bytes sent with ingest() and not yet answered (the worker still has to decode them). */
  private rawBytes = 0;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private queued = 0;
  private failure: ChokepointError | null = null;
  /** The worker's committed dictionary ids, so spans can be packed on this thread (writeSpans). */
  private readonly mirror = new DictionaryMirror();
  /** Writes pause after a store failure (ingest() and writeSpans() callers admit() first; write() checks itself). */
  private readonly pause = new WritePause();
  private readonly packer = new SpanPacker(this.mirror);

  private constructor(worker: Worker, databaseFile: string, maxQueuedItems: number, maxQueuedBytes: number, dictionary: [number, string][]) {
    this.worker = worker;
    this.mirror.learn(dictionary);
    this.databaseFile = databaseFile;
    this.maxQueuedItems = maxQueuedItems;
    this.maxQueuedBytes = maxQueuedBytes;
    worker.on('message', (message: FromStoreWorker) => this.onMessage(message));
    worker.on('error', (error) => this.failAll(new ChokepointError('STORE_UNAVAILABLE', `the store worker failed: ${error.message}`)));
    worker.on('exit', () => this.failAll(new ChokepointError('STORE_UNAVAILABLE', 'the store worker has stopped')));
  }

  /** Starts the worker and opens (and migrates) the database in it. */
  static open(options: StoreClientOptions): Promise<StoreClient> {
    const { maxQueuedItems, maxQueuedBytes, maxBatchItems, flushDelayMs, decoderModule, ...store } = options;
    // Defaults: commit as soon as the worker is free (writes that arrive during a commit share the next one),
    // in transactions small enough that acknowledgements flow steadily instead of in lock-step waves.
    const data: StoreWorkerData = {
      store,
      writer: { maxBatchItems: maxBatchItems ?? 4096, flushDelayMs: flushDelayMs ?? 0 },
      decoderModule,
      checkpointerEntry: new URL(isBundled(import.meta.url) ? './wal-checkpointer-thread.mjs' : './wal-checkpointer-entry.mjs', import.meta.url).href,
    };
    // From sources the worker's TypeScript runs through tsx; in the desktop bundle it is its own built file.
    const entry = isBundled(import.meta.url) ? './store-worker.mjs' : './store-worker-entry.mjs';
    // A larger young generation: each batch's decoded spans die young, and a small nursery promotes them
    // into the old generation (slow to collect) before they do.
    const worker = new Worker(new URL(entry, import.meta.url), { workerData: data, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
    return new Promise((resolve, reject) => {
      const onFirst = (message: FromStoreWorker) => {
        worker.off('error', onError);
        if (message.kind === 'ready') {
          const client = new StoreClient(worker, message.databaseFile, maxQueuedItems ?? 100_000, maxQueuedBytes ?? DEFAULT_MAX_QUEUED_BYTES, message.dictionary);
          client.movedAside = message.movedAside;
          client.checkpointerProblem = message.checkpointerProblem;
          resolve(client);
        }
        else if (message.kind === 'fatal') reject(new ChokepointError(message.code, message.message));
        else reject(new Error(`unexpected first message from the store worker: ${message.kind}`));
      };
      const onError = (error: Error) => reject(error);
      worker.once('message', onFirst);
      worker.once('error', onError);
    });
  }

  /**
   * Roughly how many spans' worth of work the worker has waiting: packed or domain items, plus raw request bytes
   * at ~RAW_BYTES_PER_ITEM each. A caller that can do part of the work itself uses this to keep both threads busy.
   */
  get workerBacklog(): number {
    return this.queued + Math.round(this.rawBytes / RAW_BYTES_PER_ITEM);
  }

  /**
   * The store worker's event-loop utilization (Node's EventLoopUtilization), cumulative since it started; pass an
   * earlier reading to get the change since then. For diagnostics: how busy the writing thread is.
   */
  workerUtilization(since?: EventLoopUtilization): EventLoopUtilization {
    return this.worker.performance.eventLoopUtilization(since);
  }

  /** Items handed to the worker and not yet committed. */
  get queuedItems(): number {
    return this.queued;
  }

  /** Why writes are paused (disk full, read-only file…), or null while they work. */
  get writeProblem(): WriteProblem | null {
    return this.pause.current;
  }

  /** Throws QUEUE_FULL or STORE_UNAVAILABLE when a write could not be taken now (see WritePause). */
  admit(): void {
    if (this.failure !== null) throw this.failure;
    this.pause.check();
    if (this.queued >= this.maxQueuedItems || this.queuedBytes >= this.maxQueuedBytes) {
      throw new ChokepointError(
        'QUEUE_FULL',
        `the write queue is full (${this.queued} items and ${this.queuedBytes} bytes waiting); retry after the indicated delay`,
      );
    }
  }

  /**
   * Decodes, normalizes and commits one raw OTLP request body in the worker (needs decoderModule). The body's
   * memory is transferred when it owns its whole buffer, copied otherwise; the caller must not reuse it.
   * Rejects with the decoder's ChokepointError (MALFORMED_BODY) or the store's.
   */
  ingest(signal: Signal, encoding: RequestEncoding, body: Uint8Array): Promise<IngestOutcome> {
    if (this.failure !== null) return Promise.reject(this.failure);
    const owned = body.byteOffset === 0 && body.byteLength === body.buffer.byteLength && body.buffer instanceof ArrayBuffer;
    const bytes = owned ? body : body.slice();
    const message: ToStoreWorker = { kind: 'ingest', id: this.nextId, signal, encoding, body: bytes };
    return this.send(message, 0, { bytes: bytes.byteLength, raw: true, transfer: [bytes.buffer as ArrayBuffer] }) as Promise<IngestOutcome>;
  }

  /** Resolves once the batch is committed. Throws QUEUE_FULL synchronously when the queue cannot take it. */
  write(batch: TelemetryBatch): Promise<void> {
    const items = itemsOf(batch);
    if (items === 0) return Promise.resolve();
    this.checkRoom(items);
    this.pause.check();
    return this.send({ kind: 'write', id: this.nextId, batch }, items).then(() => undefined);
  }

  /**
   * Encodes spans into rows on this thread (against a mirror of the committed dictionary) and hands the packed
   * buffers to the worker, which only binds and inserts them. Resolves once committed. Throws QUEUE_FULL
   * synchronously like write(), and BAD_REQUEST for a span the store cannot take (malformed id or time).
   */
  writeSpans(spans: readonly Span[]): Promise<void> {
    if (spans.length === 0) return Promise.resolve();
    this.checkRoom(spans.length);
    const packed = this.packer.pack(spans);
    const message: ToStoreWorker = { kind: 'write', id: this.nextId, batch: { spans: [], metricPoints: [], logs: [], packedSpans: packed } };
    return this.send(message, spans.length, { bytes: packedBytes(packed), transfer: packedTransferList(packed) }).then(() => undefined);
  }

  /** Resolves when every write and ingest sent so far has been committed or has failed. */
  async settled(): Promise<void> {
    const writes = [...this.pending.values()].filter((entry) => entry.items > 0 || entry.bytes > 0);
    await Promise.all(writes.map((entry) => new Promise<void>((resolve) => entry.settled.push(resolve))));
  }

  query<Q extends StoreQueryName>(name: Q, ...args: Parameters<StoreQueries[Q]>): Promise<ReturnType<StoreQueries[Q]>> {
    if (this.failure !== null) return Promise.reject(this.failure);
    return this.send({ kind: 'query', id: this.nextId, name, args }, 0) as Promise<ReturnType<StoreQueries[Q]>>;
  }

  /** Commits what was accepted, closes the database and stops the worker. */
  async close(): Promise<void> {
    if (this.failure !== null) return;
    await this.send({ kind: 'close', id: this.nextId }, 0);
    await this.worker.terminate();
  }

  /** Throws when `items` more cannot be queued now (the store failed, or QUEUE_FULL past the bound). */
  private checkRoom(items: number): void {
    if (this.failure !== null) throw this.failure;
    if (this.queued > 0 && this.queued + items > this.maxQueuedItems) {
      throw new ChokepointError('QUEUE_FULL', `the write queue is full (${this.queued} items waiting); retry after the indicated delay`);
    }
  }

  /** Posts `message` (its id is this.nextId) and counts its items and bytes as queued until it is answered. */
  private send(message: ToStoreWorker, items: number, extra: { bytes?: number; raw?: boolean; transfer?: ArrayBuffer[] } = {}): Promise<unknown> {
    const bytes = extra.bytes ?? 0;
    this.nextId += 1;
    this.queued += items;
    this.queuedBytes += bytes;
    if (extra.raw === true) this.rawBytes += bytes;
    return new Promise((resolve, reject) => {
      this.pending.set(message.id, { items, bytes, raw: extra.raw, resolve, reject, settled: [] });
      this.worker.postMessage(message, extra.transfer ?? []);
    });
  }

  private onMessage(message: FromStoreWorker): void {
    if (message.kind === 'ready') return;
    if (message.kind === 'dictionary') {
      this.mirror.learn(message.added);
      return;
    }
    if (message.kind === 'fatal') {
      this.failAll(new ChokepointError(message.code, message.message));
      return;
    }
    const pending = this.pending.get(message.id);
    if (pending === undefined) return;
    this.pending.delete(message.id);
    this.queued -= pending.items;
    this.queuedBytes -= pending.bytes;
    if (pending.raw === true) this.rawBytes -= pending.bytes;
    const write = pending.items > 0 || pending.bytes > 0;
    if (message.kind === 'done') {
      if (write) this.pause.succeeded();
      pending.resolve(message.value);
    } else {
      const error = new ChokepointError(message.code, message.message);
      if (write) this.pause.failed(error);
      pending.reject(error);
    }
    for (const done of pending.settled) done();
  }

  private failAll(error: ChokepointError): void {
    this.failure ??= error;
    for (const [id, pending] of this.pending) {
      this.pending.delete(id);
      this.queued -= pending.items;
      this.queuedBytes -= pending.bytes;
      if (pending.raw === true) this.rawBytes -= pending.bytes;
      pending.reject(error);
      for (const done of pending.settled) done();
    }
  }
}
