// The server's OtlpSink: raw request bodies go to the store worker, which decodes, normalizes and commits them
// (collectors/otlp/decode-batch.ts). Nothing decoded crosses threads, and the receivers' thread stays free.
import { isBundled } from '../common/bundle-layout.ts';
import type { Signal } from '../common/telemetry.ts';
import type { OtlpEncoding, OtlpExportOutcome, OtlpForwarder, OtlpSink } from '../collectors/otlp/index.ts';
import type { StoreClient } from '../store/index.ts';

/** The module the store worker loads to decode request bodies. */
export const BATCH_DECODER_MODULE = new URL(isBundled(import.meta.url) ? './decode-batch.mjs' : '../collectors/otlp/decode-batch.ts', import.meta.url).href;

export function createWorkerIngestSink(store: StoreClient, forwarder?: OtlpForwarder): OtlpSink {
  return {
    admit: () => store.admit(),
    async accept(signal: Signal, encoding: OtlpEncoding, body: Uint8Array): Promise<OtlpExportOutcome> {
      // The body's memory moves to the worker; keep a copy only when it is to be forwarded once it decoded.
      const copy = forwarder === undefined ? undefined : body.slice();
      const outcome = await store.ingest(signal, encoding, body);
      if (copy !== undefined) forwarder?.forward(signal, encoding, copy);
      return outcome;
    },
  };
}
