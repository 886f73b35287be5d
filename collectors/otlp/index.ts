// collectors/otlp public surface. Everything outside this folder imports from here.

// decode → normalize → encode (the OTLP data path)
export { decodeExportRequest, normalizeRequest } from './decode-and-normalize.ts';
export { decodeProtobufRequest } from './decode-protobuf.ts';
export { decodeJsonRequest } from './decode-json.ts';
export { encodeExportResponse } from './encode-response.ts';
export type { NormalizeResult } from './normalize.ts';
export { aliasHostMetricAttributes, aliasMetricName } from './host-metric-aliases.ts';
export type {
  WireExportRequest,
  WireTracesRequest,
  WireMetricsRequest,
  WireLogsRequest,
  WireAnyValue,
  WireKeyValue,
} from './wire-types.ts';

// transports and the ingest seam
export { OTLP_SIGNAL_PATHS } from './otlp-sink.ts';
export type { OtlpEncoding, OtlpExportOutcome, OtlpSink } from './otlp-sink.ts';
export { decodeBatch } from './decode-batch.ts';
export { createOtlpForwarder } from './forwarder.ts';
export type { ForwarderOptions, ForwarderStats, OtlpForwarder } from './forwarder.ts';
export { startOtlpHttpReceiver, DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_DECOMPRESSED_BYTES } from './http-receiver.ts';
export type { OtlpHttpReceiver, OtlpHttpReceiverOptions } from './http-receiver.ts';
export { startOtlpGrpcReceiver } from './grpc-receiver.ts';
export { bearerMatches, bearerToken, tokensMatch } from './bearer-token.ts';
export type { OtlpGrpcReceiver, OtlpGrpcReceiverOptions } from './grpc-receiver.ts';
