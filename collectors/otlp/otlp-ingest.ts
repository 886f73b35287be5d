// An in-process OtlpSink: decode → normalize → destination, on the caller's thread. The server runs the same
// decodeBatch inside its store worker instead; this one serves tools and tests that need no worker.
import type { Signal, TelemetryBatch } from '../../common/telemetry.ts';
import { decodeBatch } from './decode-batch.ts';
import type { OtlpEncoding, OtlpExportOutcome, OtlpSink } from './otlp-sink.ts';
import type { OtlpForwarder } from './forwarder.ts';

/** Where normalized telemetry goes: in Chokepoint, the store's batched writer. */
export interface BatchDestination {
  /** Throws ChokepointError (QUEUE_FULL / STORE_UNAVAILABLE) when nothing more can be taken now. */
  admit(): void;
  /** Resolves once the batch is committed. */
  write(batch: TelemetryBatch): Promise<void>;
}

export function createOtlpIngest(destination: BatchDestination, forwarder?: OtlpForwarder): OtlpSink {
  return {
    admit: () => destination.admit(),
    async accept(signal: Signal, encoding: OtlpEncoding, body: Uint8Array): Promise<OtlpExportOutcome> {
      const { batch, rejected, rejectionMessage } = decodeBatch(signal, encoding, body);
      forwarder?.forward(signal, encoding, body);
      if (batch.spans.length + batch.metricPoints.length + batch.logs.length > 0) await destination.write(batch);
      return { rejected, errorMessage: rejectionMessage };
    },
  };
}
