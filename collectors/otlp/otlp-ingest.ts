// The one decode → normalize → store path shared by the HTTP and gRPC receivers.
import type { Signal, TelemetryBatch } from '../../common/telemetry.ts';
import { ChokepointError } from '../../common/error-codes.ts';
import { decodeExportRequest, normalizeRequest } from './decode-and-normalize.ts';
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
      const wire = decodeExportRequest(signal, encoding, body);
      forwarder?.forward(signal, encoding, body);
      const { batch, rejected, rejectionMessage } = normalizeRequest(signal, wire);
      const accepted = batch.spans.length + batch.metricPoints.length + batch.logs.length;
      // Nothing usable at all is a permanent failure (400 / INVALID_ARGUMENT); some usable is a partial success.
      if (accepted === 0 && rejected > 0) throw new ChokepointError('MALFORMED_BODY', `every item was rejected: ${rejectionMessage}`);
      if (accepted > 0) await destination.write(batch);
      return { rejected, errorMessage: rejectionMessage };
    },
  };
}
