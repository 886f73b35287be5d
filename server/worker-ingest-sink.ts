// The server's OtlpSink. The store worker can take raw request bodies (it decodes, normalizes and commits them:
// collectors/otlp/decode-batch.ts runs there), or spans already decoded and packed into rows on this thread
// (StoreClient.writeSpans), which leaves it little more than binding values. Trace requests are split between
// the two so both threads stay busy under load; metrics, logs and large bodies always go raw.
import { isBundled } from '../common/bundle-layout.ts';
import { ChokepointError } from '../common/error-codes.ts';
import type { Signal } from '../common/telemetry.ts';
import { decodeBatch, type OtlpEncoding, type OtlpExportOutcome, type OtlpForwarder, type OtlpSink } from '../collectors/otlp/index.ts';
import type { StoreClient } from '../store/index.ts';

/** The module the store worker loads to decode request bodies. */
export const BATCH_DECODER_MODULE = new URL(isBundled(import.meta.url) ? './decode-batch.mjs' : '../collectors/otlp/decode-batch.ts', import.meta.url).href;

/** Trace bodies up to this size may be decoded on this thread (~1 MiB of protobuf is ~2,500 spans, ~40 ms). */
export const DECODE_HERE_MAX_BYTES = 1024 * 1024;

/**
 * Decoding and packing here costs this thread ~20 µs a span and saves the worker ~20 of its ~30. So a request is
 * decoded here only while the worker has at least this many spans' worth of work waiting; otherwise the worker,
 * which would sit idle, gets it raw. At low rates everything goes raw.
 */
export const DECODE_HERE_BACKLOG = 2048;

interface Job {
  encoding: OtlpEncoding;
  body: Uint8Array;
  resolve: (outcome: OtlpExportOutcome) => void;
  reject: (error: unknown) => void;
}

/**
 * Request bytes waiting here to be decoded, beyond which new requests are refused (QUEUE_FULL → 429). Together with
 * the store's own bounds this keeps the whole backlog to about a second of work, so overload is shed at the door
 * rather than queued in memory.
 */
export const MAX_WAITING_BYTES = 8 * 1024 * 1024;

export interface WorkerIngestSinkOptions {
  /** See DECODE_HERE_BACKLOG (tests use 0 to decode every trace request here). */
  decodeHereBacklog?: number;
  /** See MAX_WAITING_BYTES. */
  maxWaitingBytes?: number;
}

export function createWorkerIngestSink(store: StoreClient, forwarder?: OtlpForwarder, options: WorkerIngestSinkOptions = {}): OtlpSink {
  const backlogToDecodeHere = options.decodeHereBacklog ?? DECODE_HERE_BACKLOG;
  const raw = async (signal: Signal, encoding: OtlpEncoding, body: Uint8Array): Promise<OtlpExportOutcome> => {
    // The body's memory moves to the worker; keep a copy only when it is to be forwarded once it decoded.
    const copy = forwarder === undefined ? undefined : body.slice();
    const outcome = await store.ingest(signal, encoding, body);
    if (copy !== undefined) forwarder?.forward(signal, encoding, copy);
    return outcome;
  };
  const decodeHere = async (encoding: OtlpEncoding, body: Uint8Array): Promise<OtlpExportOutcome> => {
    const { batch, rejected, rejectionMessage } = decodeBatch('traces', encoding, body);
    await store.writeSpans(batch.spans);
    forwarder?.forward('traces', encoding, body);
    return { rejected, errorMessage: rejectionMessage };
  };

  // Requests to decode here wait in a queue and are decoded one per event-loop turn, so timers, API calls and
  // other sockets get their turn between them (many bodies often complete in the same turn).
  const queue: Job[] = [];
  const maxWaitingBytes = options.maxWaitingBytes ?? MAX_WAITING_BYTES;
  let waitingBytes = 0;
  const take = (): Job | undefined => {
    const job = queue.shift();
    if (job !== undefined) waitingBytes -= job.body.byteLength;
    return job;
  };
  let scheduled = false;
  const drain = (): void => {
    scheduled = false;
    // Whatever the worker can take now goes raw (cheap here); then at most one decode.
    while (queue.length > 0 && store.workerBacklog < backlogToDecodeHere) {
      const job = take() as Job;
      raw('traces', job.encoding, job.body).then(job.resolve, job.reject);
    }
    const job = take();
    if (job !== undefined) decodeHere(job.encoding, job.body).then(job.resolve, job.reject);
    if (queue.length > 0) {
      scheduled = true;
      setImmediate(drain);
    }
  };

  return {
    admit: () => {
      store.admit();
      if (waitingBytes >= maxWaitingBytes) {
        throw new ChokepointError('QUEUE_FULL', `the decode queue is full (${queue.length} requests waiting); retry after the indicated delay`);
      }
    },
    accept(signal: Signal, encoding: OtlpEncoding, body: Uint8Array): Promise<OtlpExportOutcome> {
      const splittable = signal === 'traces' && body.byteLength <= DECODE_HERE_MAX_BYTES;
      if (!splittable || (queue.length === 0 && store.workerBacklog < backlogToDecodeHere)) return raw(signal, encoding, body);
      return new Promise<OtlpExportOutcome>((resolve, reject) => {
        queue.push({ encoding, body, resolve, reject });
        waitingBytes += body.byteLength;
        if (!scheduled) {
          scheduled = true;
          setImmediate(drain);
        }
      });
    },
  };
}
