// Bad input at the receivers: each gets the right 4xx with a clear message, the server stays up,
// and nothing accepted before is lost.
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as grpc from '@grpc/grpc-js';
import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { makeSyntheticSpans } from '../fixtures/synthetic-spans.ts';
import { startTestServer } from './test-server.ts';
import type { TestServer } from './test-server.ts';

interface Reply {
  status: number;
  headers: Headers;
  text: string;
}

async function post(url: string, body: Uint8Array | string, headers: Record<string, string>): Promise<Reply> {
  const response = await fetch(url, { method: 'POST', body, headers });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

const json = { 'Content-Type': 'application/json' };
const protobuf = { 'Content-Type': 'application/x-protobuf' };

function validProtobuf(traces: number): { body: Uint8Array; spans: number } {
  const spans = makeSyntheticSpans({ traces });
  return { body: ProtobufTraceSerializer.serializeRequest(spans)!, spans: spans.length };
}

describe('OTLP/HTTP receiver under bad input', () => {
  let server: TestServer;
  let accepted = 0;

  beforeAll(async () => {
    server = await startTestServer();
    const first = validProtobuf(4);
    const reply = await post(`${server.otlpHttp}/v1/traces`, first.body, protobuf);
    expect(reply.status).toBe(200);
    accepted = first.spans;
  });

  afterAll(async () => {
    await server.stop();
  });

  it('answers 400 for a truncated protobuf body, naming the problem', async () => {
    const { body } = validProtobuf(2);
    const reply = await post(`${server.otlpHttp}/v1/traces`, body.subarray(0, Math.floor(body.length / 2)), protobuf);
    expect(reply.status).toBe(400);
    // google.rpc.Status in protobuf: the message is readable inside the bytes.
    expect(reply.text).toMatch(/truncat|length|end of/i);
  });

  it('answers 400 for invalid JSON and for JSON of the wrong shape', async () => {
    const invalid = await post(`${server.otlpHttp}/v1/traces`, '{"resourceSpans": [', json);
    expect(invalid.status).toBe(400);
    expect((JSON.parse(invalid.text) as { message: string }).message).toMatch(/json/i);

    const wrongType = await post(`${server.otlpHttp}/v1/traces`, JSON.stringify({ resourceSpans: 'not-a-list' }), json);
    expect(wrongType.status).toBe(400);
    expect((JSON.parse(wrongType.text) as { message: string }).message).toMatch(/resourceSpans/);
  });

  it('answers 400 when every span carries an id of the wrong length', async () => {
    const request = JSON.parse(new TextDecoder().decode(JsonTraceSerializer.serializeRequest(makeSyntheticSpans({ traces: 1 })))) as {
      resourceSpans: { scopeSpans: { spans: { traceId: string }[] }[] }[];
    };
    for (const span of request.resourceSpans[0].scopeSpans[0].spans) span.traceId = 'ab'.repeat(5_000);
    const reply = await post(`${server.otlpHttp}/v1/traces`, JSON.stringify(request), json);
    expect(reply.status).toBe(400);
    expect((JSON.parse(reply.text) as { message: string }).message).toMatch(/trace.?id/i);
  });

  it('accepts the good spans of a mixed request and reports the rest as a partial success', async () => {
    const spans = makeSyntheticSpans({ traces: 2 });
    const request = JSON.parse(new TextDecoder().decode(JsonTraceSerializer.serializeRequest(spans))) as {
      resourceSpans: { scopeSpans: { spans: { spanId: string }[] }[] }[];
    };
    request.resourceSpans[0].scopeSpans[0].spans[0].spanId = '00';
    const reply = await post(`${server.otlpHttp}/v1/traces`, JSON.stringify(request), json);
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.text)).toMatchObject({ partialSuccess: { rejectedSpans: '1' } });
    accepted += spans.length - 1;
  });

  it('answers 413 for a gzip bomb without inflating it', async () => {
    const bomb = zlib.gzipSync(Buffer.alloc(200 * 1024 * 1024), { level: 9 });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const reply = await post(`${server.otlpHttp}/v1/traces`, bomb, { ...protobuf, 'Content-Encoding': 'gzip' });
    expect(reply.status).toBe(413);
    expect(reply.text).toMatch(/limit/);
  });

  it('answers 413 for an oversized body', async () => {
    const reply = await post(`${server.otlpHttp}/v1/traces`, Buffer.alloc(21 * 1024 * 1024, 1), protobuf);
    expect(reply.status).toBe(413);
  });

  it('answers 415 for other content types and 404/405 for other paths and methods', async () => {
    expect((await post(`${server.otlpHttp}/v1/traces`, 'hello', { 'Content-Type': 'text/plain' })).status).toBe(415);
    expect((await post(`${server.otlpHttp}/v1/spans`, '{}', json)).status).toBe(404);
    expect((await fetch(`${server.otlpHttp}/v1/traces`)).status).toBe(405);
  });

  it('decodes gzip-compressed bodies that are fine', async () => {
    const good = validProtobuf(1);
    const reply = await post(`${server.otlpHttp}/v1/traces`, zlib.gzipSync(good.body), { ...protobuf, 'Content-Encoding': 'gzip' });
    expect(reply.status).toBe(200);
    accepted += good.spans;
  });

  it('answers INVALID_ARGUMENT over gRPC for garbage and stays up', async () => {
    const client = new grpc.Client(server.otlpGrpc.replace('http://', ''), grpc.credentials.createInsecure());
    const code = await new Promise<number>((resolve) => {
      client.makeUnaryRequest(
        '/opentelemetry.proto.collector.trace.v1.TraceService/Export',
        (value: Buffer) => value,
        (value: Buffer) => value,
        Buffer.from([0x0a, 0xff, 0xff, 0xff, 0x0f, 0x01]),
        (error) => resolve(error?.code ?? 0),
      );
    });
    client.close();
    expect(code).toBe(grpc.status.INVALID_ARGUMENT);
  });

  it('kept everything accepted before and after the bad requests', async () => {
    const { body } = await server.api<'health'>('/api/health');
    expect(body.counts.spans).toBe(accepted);
    expect(body.status).toBe('ok');
  });
});

describe('receivers when the write queue is full', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ maxQueuedItems: 0 });
  });

  afterAll(async () => {
    await server.stop();
  });

  it('answers 429 with Retry-After over HTTP and RESOURCE_EXHAUSTED over gRPC', async () => {
    const reply = await post(`${server.otlpHttp}/v1/traces`, validProtobuf(1).body, protobuf);
    expect(reply.status).toBe(429);
    expect(Number(reply.headers.get('retry-after'))).toBeGreaterThan(0);

    const client = new grpc.Client(server.otlpGrpc.replace('http://', ''), grpc.credentials.createInsecure());
    const code = await new Promise<number>((resolve) => {
      client.makeUnaryRequest(
        '/opentelemetry.proto.collector.trace.v1.TraceService/Export',
        (value: Uint8Array) => Buffer.from(value),
        (value: Buffer) => value,
        validProtobuf(1).body,
        (error) => resolve(error?.code ?? 0),
      );
    });
    client.close();
    expect(code).toBe(grpc.status.RESOURCE_EXHAUSTED);
  });
});
