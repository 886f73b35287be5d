// OTLP/HTTP receiver: POST /v1/{traces,metrics,logs} with protobuf or JSON bodies, optionally gzip-compressed.
// Transport only: size limits, content negotiation, CORS and status codes. Decoding happens in the sink.
import http from 'node:http';
import zlib from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import type { Signal } from '../../common/telemetry.ts';
import { ChokepointError, HTTP_STATUS_BY_CODE, asChokepointError } from '../../common/error-codes.ts';
import { OTLP_SIGNAL_PATHS } from './otlp-sink.ts';
import type { OtlpEncoding, OtlpSink } from './otlp-sink.ts';
import { GRPC_CODE, encodeRpcStatus } from './rpc-status.ts';
import { isOriginAllowed } from './cors.ts';
import { bearerMatches } from './bearer-token.ts';
import { encodeExportResponse } from './encode-response.ts';

const gunzip = promisify(zlib.gunzip);

export interface OtlpHttpReceiverOptions {
  host: string;
  port: number;
  sink: OtlpSink;
  /** Largest body accepted on the wire (compressed size). */
  maxBodyBytes?: number;
  /** Largest body after gunzip; guards against gzip bombs. */
  maxDecompressedBytes?: number;
  /** Origins allowed for browser SDKs besides loopback ones; '*' allows any. */
  corsOrigins?: string[];
  /** Seconds a client should wait after a 429/503. */
  retryAfterSeconds?: number;
  /** A client must send its request headers within this (default 15 s; tests of slow clients set less). */
  headersTimeoutMs?: number;
  /** A client must send its whole request within this (default 60 s). */
  requestTimeoutMs?: number;
  /** When set, every export must carry `Authorization: Bearer <token>` (401 otherwise); CORS preflights need none. */
  token?: string;
}

export interface OtlpHttpReceiver {
  readonly port: number;
  readonly endpoint: string;
  close(): Promise<void>;
}

const SIGNAL_BY_PATH = new Map<string, Signal>(
  (Object.entries(OTLP_SIGNAL_PATHS) as [Signal, string][]).map(([signal, path]) => [path, signal]),
);

const CONTENT_TYPES: Record<OtlpEncoding, string> = {
  protobuf: 'application/x-protobuf',
  json: 'application/json',
};

export const DEFAULT_MAX_BODY_BYTES = 20 * 1024 * 1024;
export const DEFAULT_MAX_DECOMPRESSED_BYTES = 64 * 1024 * 1024;

function encodingOf(contentType: string | undefined): OtlpEncoding | null {
  const mediaType = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (mediaType === 'application/x-protobuf' || mediaType === 'application/protobuf') return 'protobuf';
  if (mediaType === 'application/json') return 'json';
  return null;
}

function grpcCodeFor(error: ChokepointError): number {
  switch (error.code) {
    case 'QUEUE_FULL':
      return GRPC_CODE.RESOURCE_EXHAUSTED;
    case 'STORE_UNAVAILABLE':
      return GRPC_CODE.UNAVAILABLE;
    case 'INTERNAL':
      return GRPC_CODE.INTERNAL;
    case 'UNAUTHORIZED':
      return GRPC_CODE.UNAUTHENTICATED;
    default:
      return GRPC_CODE.INVALID_ARGUMENT;
  }
}

/** Reads the body, refusing past `limit` bytes without buffering the rest. */
function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new ChokepointError('BODY_TOO_LARGE', `request body exceeds the ${limit}-byte limit`));
        req.removeAllListeners('data');
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks, size)));
    req.on('error', reject);
  });
}

async function decompress(body: Buffer, contentEncoding: string | undefined, limit: number): Promise<Buffer> {
  const encoding = (contentEncoding ?? 'identity').trim().toLowerCase();
  if (encoding === 'identity' || encoding === '') return body;
  if (encoding !== 'gzip') {
    throw new ChokepointError('UNSUPPORTED_MEDIA_TYPE', `Content-Encoding "${encoding}" is not supported; use gzip or none`);
  }
  try {
    return await gunzip(body, { maxOutputLength: limit });
  } catch (error) {
    if (error instanceof RangeError || (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new ChokepointError('BODY_TOO_LARGE', `gzip body expands past the ${limit}-byte limit`);
    }
    throw new ChokepointError('MALFORMED_BODY', `gzip body could not be decompressed: ${(error as Error).message}`);
  }
}

export function startOtlpHttpReceiver(options: OtlpHttpReceiverOptions): Promise<OtlpHttpReceiver> {
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const maxDecompressed = options.maxDecompressedBytes ?? DEFAULT_MAX_DECOMPRESSED_BYTES;
  const retryAfter = String(options.retryAfterSeconds ?? 1);
  const corsOrigins = options.corsOrigins ?? [];

  function send(res: http.ServerResponse, status: number, encoding: OtlpEncoding, body: Uint8Array): void {
    res.writeHead(status, { 'Content-Type': CONTENT_TYPES[encoding], 'Content-Length': body.byteLength });
    res.end(body);
  }

  function sendError(res: http.ServerResponse, encoding: OtlpEncoding, error: ChokepointError): void {
    const status = HTTP_STATUS_BY_CODE[error.code];
    if (status === 429 || status === 503) res.setHeader('Retry-After', retryAfter);
    if (status === 413) res.setHeader('Connection', 'close');
    send(res, status, encoding, encodeRpcStatus(encoding, grpcCodeFor(error), error.message));
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const origin = req.headers.origin;
    if (origin !== undefined && isOriginAllowed(origin, corsOrigins)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Vary', 'Origin');
    }
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const signal = SIGNAL_BY_PATH.get(path);
    const encoding = encodingOf(req.headers['content-type']) ?? 'json';
    if (req.method === 'OPTIONS' && signal !== undefined) {
      res.setHeader('Access-Control-Allow-Methods', 'POST, OPTIONS');
      res.setHeader('Access-Control-Allow-Headers', 'Content-Type, Content-Encoding, Authorization');
      res.setHeader('Access-Control-Max-Age', '600');
      res.writeHead(204).end();
      return;
    }
    if (options.token !== undefined && !bearerMatches(req.headers.authorization, options.token)) {
      req.resume();
      res.setHeader('WWW-Authenticate', 'Bearer realm="chokepoint"');
      res.setHeader('Connection', 'close');
      sendError(res, encoding, new ChokepointError('UNAUTHORIZED', 'this receiver needs an access token: send Authorization: Bearer <token>'));
      return;
    }
    if (signal === undefined) {
      req.resume();
      sendError(res, encoding, new ChokepointError('NOT_FOUND', `no OTLP endpoint at ${path}; use /v1/traces, /v1/metrics or /v1/logs`));
      return;
    }
    if (req.method !== 'POST') {
      req.resume();
      res.setHeader('Allow', 'POST, OPTIONS');
      sendError(res, encoding, new ChokepointError('METHOD_NOT_ALLOWED', `${req.method ?? '?'} is not allowed; OTLP/HTTP uses POST`));
      return;
    }
    try {
      if (encodingOf(req.headers['content-type']) === null) {
        throw new ChokepointError(
          'UNSUPPORTED_MEDIA_TYPE',
          `Content-Type "${req.headers['content-type'] ?? ''}" is not supported; use application/x-protobuf or application/json`,
        );
      }
      const declared = Number(req.headers['content-length'] ?? '0');
      if (declared > maxBody) throw new ChokepointError('BODY_TOO_LARGE', `request body of ${declared} bytes exceeds the ${maxBody}-byte limit`);
      options.sink.admit();
      const raw = await readBody(req, maxBody);
      const body = await decompress(raw, req.headers['content-encoding'], maxDecompressed);
      const outcome = await options.sink.accept(signal, encoding, body);
      send(res, 200, encoding, encodeExportResponse(signal, encoding, outcome.rejected, outcome.errorMessage));
    } catch (error) {
      req.resume();
      sendError(res, encoding, asChokepointError(error));
    }
  }

  const headersTimeout = options.headersTimeoutMs ?? 15_000;
  const requestTimeout = options.requestTimeoutMs ?? 60_000;
  // Node checks both timeouts on this interval (30 s by default, which would let a stalled client stay up to
  // 30 s past its limit); a quarter of the shorter limit keeps the overshoot small.
  const connectionsCheckingInterval = Math.max(50, Math.min(30_000, Math.floor(Math.min(headersTimeout, requestTimeout) / 4)));
  const server = http.createServer({ connectionsCheckingInterval }, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendError(res, 'json', asChokepointError(error));
      else res.destroy();
    });
  });
  // Slow or stalled clients must not hold sockets forever.
  server.headersTimeout = headersTimeout;
  server.requestTimeout = requestTimeout;
  server.keepAliveTimeout = 5_000;

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      const port = (server.address() as AddressInfo).port;
      resolve({
        port,
        endpoint: `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
