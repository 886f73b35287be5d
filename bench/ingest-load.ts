// Load process for the ingest benchmark: pre-encodes OTLP export requests from real SDK spans, then on "go"
// posts them over loopback with bounded concurrency, honouring 429/503 + Retry-After, and reports back.
import fs from 'node:fs';
import http from 'node:http';
import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { makeSyntheticSpans } from '../fixtures/synthetic-spans.ts';

export interface LoadRequest {
  endpoint: string;
  encoding: 'protobuf' | 'json';
  traces: number;
  spansPerRequest: number;
  concurrency: number;
  /** The encoded bodies are also written here (u32 length + bytes each) so the floor uses the same rows. */
  bodiesFile: string;
}

export type LoadMessage =
  | { type: 'ready'; requests: number; spans: number; bytes: number }
  | { type: 'done'; sent: number; retries: number; failures: number; elapsedMs: number; cpuMicros: number };

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function post(url: URL, contentType: string, body: Uint8Array): Promise<{ status: number; retryAfterMs: number }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent, headers: { 'Content-Type': contentType, 'Content-Length': body.byteLength } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, retryAfterMs: Number(res.headers['retry-after'] ?? '1') * 1000 }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function run(request: LoadRequest): Promise<void> {
  const send = (message: LoadMessage) => process.send?.(message);
  const spans = makeSyntheticSpans({ traces: request.traces, queriesPerTrace: 3 });
  const serializer = request.encoding === 'json' ? JsonTraceSerializer : ProtobufTraceSerializer;
  const bodies: Uint8Array[] = [];
  for (let i = 0; i < spans.length; i += request.spansPerRequest) {
    const encoded = serializer.serializeRequest(spans.slice(i, i + request.spansPerRequest));
    if (encoded === undefined) throw new Error('serializer returned nothing');
    bodies.push(encoded);
  }
  const file = fs.openSync(request.bodiesFile, 'w');
  for (const body of bodies) {
    const length = Buffer.alloc(4);
    length.writeUInt32LE(body.byteLength);
    fs.writeSync(file, length);
    fs.writeSync(file, body);
  }
  fs.closeSync(file);
  send({ type: 'ready', requests: bodies.length, spans: spans.length, bytes: bodies.reduce((sum, body) => sum + body.byteLength, 0) });
  await new Promise<void>((resolve) => process.once('message', () => resolve()));

  const url = new URL(`${request.endpoint}/v1/traces`);
  const contentType = request.encoding === 'json' ? 'application/json' : 'application/x-protobuf';
  let next = 0;
  let retries = 0;
  let failures = 0;
  const deadline = Date.now() + 120_000;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const worker = async () => {
    while (next < bodies.length && Date.now() < deadline) {
      const body = bodies[next++];
      for (let attempt = 0; attempt < 50; attempt += 1) {
        const { status, retryAfterMs } = await post(url, contentType, body);
        if (status === 200) break;
        if (status !== 429 && status !== 503) {
          failures += 1;
          break;
        }
        retries += 1;
        await new Promise((resolve) => setTimeout(resolve, Math.min(retryAfterMs, 200)));
      }
    }
  };
  await Promise.all(Array.from({ length: request.concurrency }, worker));
  const cpu = process.cpuUsage(cpuBefore);
  send({ type: 'done', sent: next, retries, failures, elapsedMs: performance.now() - started, cpuMicros: cpu.user + cpu.system });
  agent.destroy();
}

process.once('message', (request: LoadRequest) => {
  run(request).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
});
