// google.rpc.Status, which OTLP/HTTP uses as the body of error responses (protobuf or JSON to match the request).
import protobuf from 'protobufjs/minimal.js';
import type { OtlpEncoding } from './otlp-sink.ts';

/** The gRPC status codes OTLP uses. */
export const GRPC_CODE = {
  OK: 0,
  INVALID_ARGUMENT: 3,
  RESOURCE_EXHAUSTED: 8,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  UNAUTHENTICATED: 16,
} as const;

export function encodeRpcStatus(encoding: OtlpEncoding, code: number, message: string): Uint8Array {
  if (encoding === 'json') return new TextEncoder().encode(JSON.stringify({ code, message }));
  const writer = protobuf.Writer.create();
  writer.uint32((1 << 3) | 0).int32(code); // Status.code = 1
  writer.uint32((2 << 3) | 2).string(message); // Status.message = 2
  return writer.finish();
}
