// One OTLP request body → domain telemetry: decode, normalize, and refuse a request in which nothing is usable.
// Runs wherever ingest runs (the store worker loads this module), so both transports share it.
import type { Signal } from '../../common/telemetry.ts';
import { ChokepointError } from '../../common/error-codes.ts';
import { decodeExportRequest, normalizeRequest } from './decode-and-normalize.ts';
import type { NormalizeResult } from './normalize.ts';
import type { OtlpEncoding } from './otlp-sink.ts';

/**
 * Throws ChokepointError('MALFORMED_BODY') for an undecodable body, and also when every item was rejected
 * (a permanent failure: 400 / INVALID_ARGUMENT). Some usable items make a partial success instead.
 */
export function decodeBatch(signal: Signal, encoding: OtlpEncoding, body: Uint8Array): NormalizeResult {
  const result = normalizeRequest(signal, decodeExportRequest(signal, encoding, body));
  const { batch, rejected, rejectionMessage } = result;
  const accepted = batch.spans.length + batch.metricPoints.length + batch.logs.length;
  if (accepted === 0 && rejected > 0) throw new ChokepointError('MALFORMED_BODY', `every item was rejected: ${rejectionMessage}`);
  return result;
}
