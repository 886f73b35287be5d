// The two steps from an OTLP request body to domain telemetry, as the receivers call them:
// decodeExportRequest (bytes → wire types, throws MALFORMED_BODY) and normalizeRequest
// (wire → domain, rejecting bad items as OTLP partial success).

import type { Signal } from '../../common/telemetry.ts';
import { decodeJsonRequest } from './decode-json.ts';
import { decodeProtobufRequest } from './decode-protobuf.ts';
import type { OtlpEncoding } from './otlp-sink.ts';
import type { WireExportRequest } from './wire-types.ts';

export { normalizeRequest } from './normalize.ts';

/** Decodes one export request body. Throws ChokepointError('MALFORMED_BODY') on any malformed input. */
export function decodeExportRequest(signal: Signal, encoding: OtlpEncoding, body: Uint8Array): WireExportRequest {
  return encoding === 'protobuf' ? decodeProtobufRequest(signal, body) : decodeJsonRequest(signal, body);
}
