// The store's worker thread: owns the database connection, commits writes in groups and answers queries,
// so SQLite work never blocks the receivers' event loop and runs in parallel with decoding.
import { parentPort, workerData } from 'node:worker_threads';
import { asChokepointError } from '../common/error-codes.ts';
import { toStoreError } from './store-errors.ts';
import { BatchWriter } from './batch-writer.ts';
import { applyRetention } from './retention.ts';
import { noteCorruption, openMovingCorruptAside } from './corrupt-database.ts';
import type { TelemetryStore } from './telemetry-store.ts';
import { WalCheckpointer } from './wal-checkpointer.ts';
import type { BatchDecoder, FromStoreWorker, IngestOutcome, StoreQueries, StoreWorkerData, ToStoreWorker } from './store-protocol.ts';

const port = parentPort;
if (port === null) throw new Error('store-worker must run in a worker thread');
const post = (message: FromStoreWorker) => port.postMessage(message);
const data = workerData as StoreWorkerData;

let store: TelemetryStore;
let movedAside: string | null;
try {
  ({ store, movedAside } = openMovingCorruptAside(data.store));
} catch (error) {
  const failure = asChokepointError(error);
  post({ kind: 'fatal', code: failure.code, message: failure.message });
  process.exit(1);
}
// Checkpoints run on a thread of their own, so commits do not wait for them (see wal-checkpointer.ts). It starts
// while the decoder loads: each takes a moment to load its code.
const checkpointerStarting =
  data.checkpointerEntry === undefined
    ? undefined
    : WalCheckpointer.start(new URL(data.checkpointerEntry), store.databaseFile).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
let decodeBatch: BatchDecoder | undefined;
if (data.decoderModule !== undefined) {
  try {
    decodeBatch = ((await import(data.decoderModule)) as { decodeBatch: BatchDecoder }).decodeBatch;
  } catch (error) {
    post({ kind: 'fatal', code: 'INTERNAL', message: `the batch decoder failed to load: ${(error as Error).message}` });
    process.exit(1);
  }
}

const started = await checkpointerStarting;
const checkpointer = started instanceof WalCheckpointer ? started : undefined;
const checkpointerProblem = started instanceof Error ? started.message : null;

// The client bounds the queue; here every write it forwards is taken.
const writer = new BatchWriter(store, { ...data.writer, maxQueuedItems: Number.MAX_SAFE_INTEGER });
// The client packs spans against a mirror of the dictionary: tell it about committed strings.
store.dict.trackAdditions();
writer.onCommit(() => {
  checkpointer?.committed();
  const added = store.dict.takeAdded();
  if (added.length > 0) post({ kind: 'dictionary', added });
});

type QueryRunners = { [Q in keyof StoreQueries]: (...args: Parameters<StoreQueries[Q]>) => ReturnType<StoreQueries[Q]> };

const queries: QueryRunners = {
  counts: () => store.counts(),
  services: () => store.services(),
  operations: (service) => store.operations(service),
  recentSpans: (query) => store.recentSpans(query),
  traceOutline: (traceId) => store.traceOutline(traceId),
  traceSpan: (traceId, spanId) => store.traceSpan(traceId, spanId),
  trace: (traceId) => store.trace(traceId),
  metricSeries: (name, from, to) => store.metricSeries(name, from, to),
  metricNames: () => store.metricNames(),
  metricCatalog: () => store.metricCatalog(),
  serviceMap: (from, to, limit) => store.serviceMap(from, to, limit),
  applyRetention: (options) => applyRetention(store, options),
  timeRange: () => store.timeRange(),
  telemetryInRange: (from, to) => store.telemetryInRange(from, to),
  telemetrySince: (cursor, limit, newestOnly, newestOf) => store.telemetrySince(cursor, limit, newestOnly, newestOf),
  findings: (query) => store.findings.listFindings(query),
  upsertFindings: (findings) => store.findings.upsertFindings(findings),
};

function fail(id: number, error: unknown): void {
  noteCorruption(store.databaseFile, error);
  const failure = toStoreError(error, '');
  post({ kind: 'failed', id, code: failure.code, message: failure.message });
}

port.on('message', (message: ToStoreWorker) => {
  switch (message.kind) {
    case 'write':
      try {
        writer.write(message.batch).then(
          () => post({ kind: 'done', id: message.id, value: null }),
          (error: unknown) => fail(message.id, error),
        );
      } catch (error) {
        fail(message.id, error);
      }
      return;
    case 'ingest':
      try {
        if (decodeBatch === undefined) throw new Error('this store worker has no batch decoder');
        const { batch, rejected, rejectionMessage } = decodeBatch(message.signal, message.encoding, message.body);
        const outcome: IngestOutcome = { rejected, errorMessage: rejectionMessage };
        writer.write(batch).then(
          () => post({ kind: 'done', id: message.id, value: outcome }),
          (error: unknown) => fail(message.id, error),
        );
      } catch (error) {
        fail(message.id, error);
      }
      return;
    case 'query':
      // Acknowledged writes are committed, so a query sees everything a client was told is stored.
      try {
        const run = queries[message.name] as (...args: unknown[]) => unknown;
        post({ kind: 'done', id: message.id, value: run(...message.args) });
      } catch (error) {
        fail(message.id, error);
      }
      return;
    case 'close':
      void writer.close().then(async () => {
        await checkpointer?.close();
        store.close();
        post({ kind: 'done', id: message.id, value: null });
        port.close();
      });
      return;
  }
});

post({ kind: 'ready', databaseFile: store.databaseFile, dictionary: store.dict.entries(), movedAside, checkpointerProblem });
