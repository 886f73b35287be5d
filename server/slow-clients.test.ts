// Slow-loris clients at the receivers: clients that send their headers a byte at a time, or declare a body and
// never finish it, or open an HTTP/2 connection and stall. They must not stop anyone else being served, the HTTP
// receiver must drop them after its header and request timeouts (short ones here; 15 s and 60 s by default), and
// nothing they sent is stored.
import http2 from 'node:http2';
import net from 'node:net';
import * as grpc from '@grpc/grpc-js';
import type { Client } from '@grpc/grpc-js';
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TelemetryCounts } from '../common/telemetry.ts';
import { startOtlpHttpReceiver } from '../collectors/otlp/index.ts';
import type { OtlpHttpReceiver } from '../collectors/otlp/index.ts';
import { grpcClient, grpcExport, postOtlp } from '../fixtures/otlp-clients.ts';
import { recordTrial } from '../fixtures/reliability-log.ts';
import { makeSyntheticSpans } from '../fixtures/synthetic-spans.ts';
import { startTestServer } from './test-server.ts';
import type { TestServer } from './test-server.ts';
import { createWorkerIngestSink } from './worker-ingest-sink.ts';

const PROTOBUF = { 'Content-Type': 'application/x-protobuf' };
const HEADERS_TIMEOUT_MS = 1_000;
const REQUEST_TIMEOUT_MS = 2_000;
/** A well-behaved request is answered within this (ms) while the slow clients hang on. */
const PROMPT_MS = 2_000;

interface SlowClient {
  /** Resolves when the server closes the connection: after how long, and what it answered first. */
  readonly closed: Promise<{ afterMs: number; answer: string }>;
  destroy(): void;
}

/**
 * A client that writes `text` one byte every `intervalMs` (then `stallWith` at once, if given) and then waits.
 * It never writes more than `text` and `stallWith`: the loop is bounded by the text.
 */
function slowClient(port: number, text: string, intervalMs: number, stallWith?: Uint8Array): SlowClient {
  const started = performance.now();
  const socket = net.connect(port, '127.0.0.1');
  let answer = '';
  let at = 0;
  const timer = setInterval(() => {
    if (at < text.length) {
      socket.write(text[at]);
      at += 1;
    } else {
      clearInterval(timer);
      if (stallWith !== undefined) socket.write(stallWith);
    }
  }, intervalMs);
  socket.on('data', (chunk: Buffer) => {
    answer += chunk.toString('latin1');
  });
  socket.on('error', () => undefined);
  const closed = new Promise<{ afterMs: number; answer: string }>((resolve) => {
    socket.on('close', () => {
      clearInterval(timer);
      resolve({ afterMs: performance.now() - started, answer });
    });
  });
  return {
    closed,
    destroy: () => {
      clearInterval(timer);
      socket.destroy();
    },
  };
}

/** Headers a byte at a time, for ever (well: for the length of the headers, 100 ms a byte). */
const headersByteByByte = (port: number): SlowClient =>
  slowClient(port, `POST /v1/traces HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/x-protobuf\r\nContent-Length: 1000\r\nX-Padding: ${'p'.repeat(200)}\r\n\r\n`, 100);

/** Complete headers declaring 1,000 bytes, 10 of them sent, then nothing. */
const bodyNeverFinished = (port: number): SlowClient =>
  slowClient(port, `POST /v1/traces HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/x-protobuf\r\nContent-Length: 1000\r\n\r\n`, 1, new Uint8Array(10).fill(0x0a));

describe('slow clients at the receivers', () => {
  let server: TestServer;
  let shortReceiver: OtlpHttpReceiver;
  let grpcConn: Client;
  let goodBody: Uint8Array;
  let goodSpans = 0;
  const expected: TelemetryCounts = { spans: 0, metricPoints: 0, logs: 0 };
  const slowest = { http: 0, grpc: 0 };

  async function counts(): Promise<TelemetryCounts> {
    return (await server.api<'health'>('/api/health')).body.counts;
  }

  /** `n` well-behaved requests one after another; each must be answered 200 within PROMPT_MS. */
  async function goodHttpClient(endpoint: string, n: number): Promise<void> {
    for (let i = 0; i < n; i += 1) {
      const reply = await postOtlp(`${endpoint}/v1/traces`, goodBody, PROTOBUF);
      expect(reply.status).toBe(200);
      expect(reply.ms).toBeLessThan(PROMPT_MS);
      slowest.http = Math.max(slowest.http, reply.ms);
      expected.spans += goodSpans;
    }
  }

  async function goodGrpcClient(n: number): Promise<void> {
    for (let i = 0; i < n; i += 1) {
      const reply = await grpcExport(grpcConn, 'traces', goodBody, 10_000);
      expect(reply.code).toBe(grpc.status.OK);
      expect(reply.ms).toBeLessThan(PROMPT_MS);
      slowest.grpc = Math.max(slowest.grpc, reply.ms);
      expected.spans += goodSpans;
    }
  }

  beforeAll(async () => {
    server = await startTestServer();
    // A second HTTP receiver on the same store and the same kind of sink as the core's, with short timeouts.
    shortReceiver = await startOtlpHttpReceiver({
      host: '127.0.0.1',
      port: 0,
      sink: createWorkerIngestSink(server.core.store),
      headersTimeoutMs: HEADERS_TIMEOUT_MS,
      requestTimeoutMs: REQUEST_TIMEOUT_MS,
    });
    grpcConn = grpcClient(server.otlpGrpc);
    const spans = makeSyntheticSpans({ traces: 1, serviceName: 'well-behaved' });
    goodBody = ProtobufTraceSerializer.serializeRequest(spans)!;
    goodSpans = spans.length;
  });

  afterAll(async () => {
    grpcConn.close();
    await shortReceiver.close();
    await server.stop();
  });

  it('drops clients that dawdle past the header and request timeouts, and serves others meanwhile', async () => {
    const port = Number(new URL(shortReceiver.endpoint).port);
    const slow = [...Array.from({ length: 20 }, () => headersByteByByte(port)), ...Array.from({ length: 10 }, () => bodyNeverFinished(port))];
    try {
      await Promise.all([goodHttpClient(shortReceiver.endpoint, 20), goodHttpClient(server.otlpHttp, 10)]);
      const results = await Promise.all(slow.map((client) => client.closed));
      for (const [i, { afterMs, answer }] of results.entries()) {
        const limit = i < 20 ? HEADERS_TIMEOUT_MS : REQUEST_TIMEOUT_MS;
        // Node checks the timeouts every quarter of the shorter one: closed between the limit and 1 s past it.
        expect(afterMs).toBeGreaterThanOrEqual(limit - 100);
        expect(afterMs).toBeLessThan(limit + 1_500);
        expect(answer).toMatch(/^HTTP\/1\.1 408 /);
      }
      expect(await counts()).toEqual(expected);
      recordTrial({
        area: 'bad input',
        trial: 'slow-loris on OTLP/HTTP (short timeouts): headers a byte at a time, bodies never finished',
        tried: slow.length,
        held: results.length,
        detail: `20 slow-header clients answered 408 after ${HEADERS_TIMEOUT_MS} ms, 10 stalled bodies 408 after ${REQUEST_TIMEOUT_MS} ms; 30 good requests meanwhile, slowest ${Math.round(slowest.http)} ms; nothing stored from them`,
      });
    } finally {
      for (const client of slow) client.destroy();
    }
  });

  it('with the default timeouts, 70 slow clients held open do not stop others being served', async () => {
    const port = Number(new URL(server.otlpHttp).port);
    const slow = [...Array.from({ length: 50 }, () => headersByteByByte(port)), ...Array.from({ length: 20 }, () => bodyNeverFinished(port))];
    try {
      const settled = Promise.race([Promise.any(slow.map((client) => client.closed)), new Promise((resolve) => setTimeout(resolve, 3_000, 'held'))]);
      await Promise.all([goodHttpClient(server.otlpHttp, 30), goodGrpcClient(10)]);
      // None were dropped early: they were still there while the good clients were served.
      expect(await settled).toBe('held');
      expect(await counts()).toEqual(expected);
    } finally {
      for (const client of slow) client.destroy();
    }
    await goodHttpClient(server.otlpHttp, 1);
    expect(await counts()).toEqual(expected);
    recordTrial({
      area: 'bad input',
      trial: 'slow-loris on OTLP/HTTP (default 15 s / 60 s timeouts): 70 slow clients held open',
      tried: 70,
      held: 70,
      detail: `40 good HTTP + gRPC requests served meanwhile, slowest ${Math.round(Math.max(slowest.http, slowest.grpc))} ms; nothing stored from the slow clients`,
    });
  });

  it('stalled HTTP/2 connections and half-sent gRPC messages do not stop other gRPC clients', async () => {
    const port = Number(new URL(server.otlpGrpc).port);
    // Half an HTTP/2 connection preface, a byte every 100 ms.
    const prefaces = Array.from({ length: 20 }, () => slowClient(port, 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 100));
    // Real HTTP/2 sessions with an Export stream whose gRPC message says 1,000 bytes and sends 10.
    const sessions = Array.from({ length: 10 }, () => http2.connect(`http://127.0.0.1:${port}`));
    const streams = sessions.map((session) => {
      session.on('error', () => undefined);
      const stream = session.request({
        ':method': 'POST',
        ':path': '/opentelemetry.proto.collector.trace.v1.TraceService/Export',
        'content-type': 'application/grpc',
        te: 'trailers',
      });
      stream.on('error', () => undefined);
      const frame = Buffer.alloc(15);
      frame.writeUInt8(0, 0);
      frame.writeUInt32BE(1_000, 1);
      stream.write(frame);
      return stream;
    });
    try {
      await Promise.all([goodGrpcClient(20), goodHttpClient(server.otlpHttp, 5)]);
      expect(await counts()).toEqual(expected);
    } finally {
      for (const client of prefaces) client.destroy();
      for (const stream of streams) stream.close(http2.constants.NGHTTP2_CANCEL);
      for (const session of sessions) session.destroy();
    }
    await goodGrpcClient(1);
    expect(await counts()).toEqual(expected);
    recordTrial({
      area: 'bad input',
      trial: 'slow-loris on OTLP/gRPC: stalled HTTP/2 prefaces and half-sent messages',
      tried: 30,
      held: 30,
      detail: `20 half prefaces + 10 streams stalled mid-message; 26 good requests meanwhile, slowest gRPC ${Math.round(slowest.grpc)} ms; nothing stored from them`,
    });
  });
});
