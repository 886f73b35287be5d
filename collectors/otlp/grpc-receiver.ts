// OTLP/gRPC receiver: the Trace, Metrics and Logs Export services served by @grpc/grpc-js.
// Request messages are passed through as raw bytes so the one decode → normalize path in the sink handles them.
import * as grpc from '@grpc/grpc-js';
import type { Signal } from '../../common/telemetry.ts';
import { ChokepointError, asChokepointError } from '../../common/error-codes.ts';
import type { OtlpSink } from './otlp-sink.ts';
import { encodeExportResponse } from './encode-response.ts';
import { DEFAULT_MAX_BODY_BYTES } from './http-receiver.ts';
import { bearerMatches } from './bearer-token.ts';

export interface OtlpGrpcReceiverOptions {
  host: string;
  port: number;
  sink: OtlpSink;
  maxMessageBytes?: number;
  /** When set, every call must carry the metadata `authorization: Bearer <token>` (UNAUTHENTICATED otherwise). */
  token?: string;
}

export interface OtlpGrpcReceiver {
  readonly port: number;
  readonly endpoint: string;
  close(): Promise<void>;
}

const SERVICES: Record<Signal, string> = {
  traces: 'opentelemetry.proto.collector.trace.v1.TraceService',
  metrics: 'opentelemetry.proto.collector.metrics.v1.MetricsService',
  logs: 'opentelemetry.proto.collector.logs.v1.LogsService',
};

const passThrough = (buffer: Buffer): Buffer => buffer;
const toBuffer = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

function serviceDefinition(signal: Signal): grpc.ServiceDefinition {
  return {
    Export: {
      path: `/${SERVICES[signal]}/Export`,
      requestStream: false,
      responseStream: false,
      requestSerialize: passThrough,
      requestDeserialize: passThrough,
      responseSerialize: toBuffer,
      responseDeserialize: passThrough,
    },
  };
}

function grpcStatusFor(error: ChokepointError): grpc.status {
  switch (error.code) {
    case 'QUEUE_FULL':
      return grpc.status.RESOURCE_EXHAUSTED;
    case 'STORE_UNAVAILABLE':
      return grpc.status.UNAVAILABLE;
    case 'INTERNAL':
      return grpc.status.INTERNAL;
    case 'UNAUTHORIZED':
      return grpc.status.UNAUTHENTICATED;
    default:
      return grpc.status.INVALID_ARGUMENT;
  }
}

/** The one `authorization` metadata value as text; undefined when absent, repeated or binary. */
function authorizationOf(metadata: grpc.Metadata): string | undefined {
  const values = metadata.get('authorization');
  return values.length === 1 && typeof values[0] === 'string' ? values[0] : undefined;
}

export function startOtlpGrpcReceiver(options: OtlpGrpcReceiverOptions): Promise<OtlpGrpcReceiver> {
  const maxBytes = options.maxMessageBytes ?? DEFAULT_MAX_BODY_BYTES;
  const server = new grpc.Server({
    'grpc.max_receive_message_length': maxBytes,
    'grpc.max_concurrent_streams': 256,
  });

  for (const signal of Object.keys(SERVICES) as Signal[]) {
    const handler: grpc.handleUnaryCall<Buffer, Uint8Array> = (call, callback) => {
      try {
        if (options.token !== undefined && !bearerMatches(authorizationOf(call.metadata), options.token)) {
          throw new ChokepointError('UNAUTHORIZED', 'this receiver needs an access token: send the metadata authorization: Bearer <token>');
        }
        options.sink.admit();
      } catch (error) {
        const failure = asChokepointError(error);
        callback({ code: grpcStatusFor(failure), details: failure.message });
        return;
      }
      options.sink.accept(signal, 'protobuf', call.request).then(
        (outcome) => callback(null, encodeExportResponse(signal, 'protobuf', outcome.rejected, outcome.errorMessage)),
        (error: unknown) => {
          const failure = asChokepointError(error);
          callback({ code: grpcStatusFor(failure), details: failure.message });
        },
      );
    };
    server.addService(serviceDefinition(signal), { Export: handler });
  }

  return new Promise((resolve, reject) => {
    const address = options.host.includes(':') ? `[${options.host}]:${options.port}` : `${options.host}:${options.port}`;
    server.bindAsync(address, grpc.ServerCredentials.createInsecure(), (error, port) => {
      if (error) {
        reject(error);
        return;
      }
      resolve({
        port,
        endpoint: `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.tryShutdown(() => done());
            setTimeout(() => {
              server.forceShutdown();
              done();
            }, 2_000).unref();
          }),
      });
    });
  });
}
