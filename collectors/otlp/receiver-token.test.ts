// The access token at both OTLP receivers: refused without it or with a wrong one, accepted with the right one;
// CORS preflights are still answered; without a token configured everything is as before.
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordTrial } from '../../fixtures/reliability-log.ts';
import { startOtlpGrpcReceiver } from './grpc-receiver.ts';
import type { OtlpGrpcReceiver } from './grpc-receiver.ts';
import { startOtlpHttpReceiver } from './http-receiver.ts';
import type { OtlpHttpReceiver } from './http-receiver.ts';
import type { OtlpSink } from './otlp-sink.ts';
import { GRPC_CODE } from './rpc-status.ts';

const TOKEN = 'c0ffee'.repeat(8);
const WRONG = 'decade'.repeat(8);

/** Counts what gets through; the body is not decoded (the token is checked before it matters). */
function countingSink(): OtlpSink & { accepted: number } {
  const sink = {
    accepted: 0,
    admit: () => undefined,
    accept: () => {
      sink.accepted += 1;
      return Promise.resolve({ rejected: 0, errorMessage: '' });
    },
  };
  return sink;
}

const exportPath = '/opentelemetry.proto.collector.trace.v1.TraceService/Export';

function exportOverGrpc(client: grpc.Client, metadata: grpc.Metadata): Promise<number> {
  return new Promise((resolve) => {
    client.makeUnaryRequest(
      exportPath,
      (value: Buffer) => value,
      (value: Buffer) => value,
      Buffer.alloc(0),
      metadata,
      (error) => resolve(error?.code ?? grpc.status.OK),
    );
  });
}

const withAuthorization = (value: string | undefined): grpc.Metadata => {
  const metadata = new grpc.Metadata();
  if (value !== undefined) metadata.set('authorization', value);
  return metadata;
};

describe('OTLP/HTTP receiver with an access token', () => {
  const sink = countingSink();
  let receiver: OtlpHttpReceiver;
  const post = (headers: Record<string, string>, path = '/v1/traces') =>
    fetch(`${receiver.endpoint}${path}`, { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json', ...headers } });

  beforeAll(async () => {
    receiver = await startOtlpHttpReceiver({ host: '127.0.0.1', port: 0, sink, token: TOKEN });
  });
  afterAll(() => receiver.close());

  it('answers 401 with WWW-Authenticate and an OTLP Status without, or with a wrong, token; 200 with the right one', async () => {
    const attempts: Record<string, string>[] = [{}, { Authorization: `Bearer ${WRONG}` }, { Authorization: TOKEN }, { Authorization: `Basic ${TOKEN}` }, { Authorization: `Bearer ${TOKEN}x` }];
    const statuses: number[] = [];
    for (const headers of attempts) {
      const response = await post(headers);
      statuses.push(response.status);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(await response.json()).toMatchObject({ code: GRPC_CODE.UNAUTHENTICATED, message: expect.stringMatching(/token/) as unknown });
    }
    expect(sink.accepted).toBe(0);
    const right = await post({ Authorization: `Bearer ${TOKEN}` });
    statuses.push(right.status);
    expect(right.status).toBe(200);
    expect(await post({ Authorization: `bearer  ${TOKEN} ` }).then((r) => r.status)).toBe(200);
    expect(sink.accepted).toBe(2);
    recordTrial({ area: 'security', trial: 'OTLP/HTTP export without / with wrong / with right token', tried: statuses.length, held: statuses.length, detail: statuses.join(', ') });
  });

  it('answers in protobuf to protobuf requests, and refuses unknown paths without saying more', async () => {
    const response = await fetch(`${receiver.endpoint}/v1/traces`, { method: 'POST', body: new Uint8Array(0), headers: { 'Content-Type': 'application/x-protobuf' } });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toBe('application/x-protobuf');
    // google.rpc.Status: field 1 (code) = 16
    expect([...new Uint8Array(await response.arrayBuffer()).slice(0, 2)]).toEqual([0x08, GRPC_CODE.UNAUTHENTICATED]);
    expect((await post({}, '/v1/nothing')).status).toBe(401);
  });

  it('still answers CORS preflights, which carry no credentials', async () => {
    const preflight = await fetch(`${receiver.endpoint}/v1/traces`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization, content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    const foreign = await fetch(`${receiver.endpoint}/v1/traces`, { method: 'OPTIONS', headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' } });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    recordTrial({ area: 'security', trial: 'OTLP/HTTP CORS preflight with a token set: loopback origin allowed, other site not', tried: 2, held: 2, detail: '204 + allow-origin, 204 without allow-origin' });
  });
});

describe('OTLP/HTTP receiver without a token (loopback, as before)', () => {
  it('accepts exports with no Authorization header', async () => {
    const sink = countingSink();
    const receiver = await startOtlpHttpReceiver({ host: '127.0.0.1', port: 0, sink });
    try {
      const response = await fetch(`${receiver.endpoint}/v1/traces`, { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json' } });
      expect(response.status).toBe(200);
      expect(sink.accepted).toBe(1);
    } finally {
      await receiver.close();
    }
  });
});

describe('OTLP/gRPC receiver with an access token', () => {
  const sink = countingSink();
  let receiver: OtlpGrpcReceiver;
  let client: grpc.Client;

  beforeAll(async () => {
    receiver = await startOtlpGrpcReceiver({ host: '127.0.0.1', port: 0, sink, token: TOKEN });
    client = new grpc.Client(`127.0.0.1:${receiver.port}`, grpc.credentials.createInsecure());
  });
  afterAll(async () => {
    client.close();
    await receiver.close();
  });

  it('answers UNAUTHENTICATED without, or with a wrong, token and OK with the right one', async () => {
    const codes: number[] = [];
    for (const value of [undefined, `Bearer ${WRONG}`, TOKEN, `Bearer ${TOKEN.slice(1)}`]) {
      const code = await exportOverGrpc(client, withAuthorization(value));
      codes.push(code);
      expect(code).toBe(grpc.status.UNAUTHENTICATED);
    }
    expect(sink.accepted).toBe(0);
    const right = await exportOverGrpc(client, withAuthorization(`Bearer ${TOKEN}`));
    codes.push(right);
    expect(right).toBe(grpc.status.OK);
    expect(sink.accepted).toBe(1);
    recordTrial({ area: 'security', trial: 'OTLP/gRPC export without / with wrong / with right token', tried: codes.length, held: codes.length, detail: codes.map((code) => grpc.status[code]).join(', ') });
  });
});

describe('OTLP/gRPC receiver without a token (loopback, as before)', () => {
  it('accepts calls with no metadata', async () => {
    const sink = countingSink();
    const receiver = await startOtlpGrpcReceiver({ host: '127.0.0.1', port: 0, sink });
    const client = new grpc.Client(`127.0.0.1:${receiver.port}`, grpc.credentials.createInsecure());
    try {
      expect(await exportOverGrpc(client, new grpc.Metadata())).toBe(grpc.status.OK);
      expect(sink.accepted).toBe(1);
    } finally {
      client.close();
      await receiver.close();
    }
  });
});
