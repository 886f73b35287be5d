// The seam between the OTLP transports (HTTP, gRPC) and the rest of the pipeline.
// Both transports hand raw request bodies to one OtlpSink, so decoding and normalizing happen in one place.
import type { Signal } from '../../common/telemetry.ts';

export type OtlpEncoding = 'protobuf' | 'json';

export interface OtlpExportOutcome {
  /** Items dropped by normalization (OTLP partial success). */
  rejected: number;
  errorMessage: string;
}

export interface OtlpSink {
  /**
   * Throws a ChokepointError (QUEUE_FULL or STORE_UNAVAILABLE) when no more data can be taken right now,
   * so a transport can refuse before reading or decoding the body.
   */
  admit(): void;
  /**
   * Decodes, normalizes and stores one export request. Resolves once the data is committed.
   * Rejects with ChokepointError: MALFORMED_BODY, QUEUE_FULL or STORE_UNAVAILABLE.
   */
  accept(signal: Signal, encoding: OtlpEncoding, body: Uint8Array): Promise<OtlpExportOutcome>;
}

export const OTLP_SIGNAL_PATHS: Record<Signal, string> = {
  traces: '/v1/traces',
  metrics: '/v1/metrics',
  logs: '/v1/logs',
};
