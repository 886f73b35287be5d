// Bad incident files dropped on the console (PUT /api/incident/file): garbage, broken and truncated gzip, gzip
// bombs, lines past the limit, a valid header over broken lines, OTLP of the wrong types. Each fails to load with a
// clear INVALID_FILE or FILE_TOO_LARGE (IncidentState.code and a message naming the file and line); the console
// keeps answering while they load, a load can always be closed, the live store never sees any of it, and a good
// file opens afterwards as before.
import net from 'node:net';
import { Readable } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import zlib from 'node:zlib';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentState } from '../common/api-contract.ts';
import type { ErrorCode } from '../common/error-codes.ts';
import { ChokepointError } from '../common/error-codes.ts';
import { INCIDENT_FORMAT } from '../common/incident.ts';
import { recordTrial } from '../fixtures/reliability-log.ts';
import { startTestServer } from './test-server.ts';
import type { TestServer } from './test-server.ts';
import { receiveUpload } from './upload.ts';

const MiB = 1024 * 1024;
const T0 = 1_767_225_600_000_000_000n;
/** A console request made while a file loads is answered within this (ms). */
const PROMPT_MS = 2_000;

const header = (extra: Record<string, unknown> = {}): string =>
  JSON.stringify({
    chokepoint: {
      format: INCIDENT_FORMAT,
      formatVersion: 1,
      title: 'bad input',
      notes: '',
      createdAtUnixNano: (T0 + 10_000_000_000n).toString(),
      fromUnixNano: T0.toString(),
      toUnixNano: (T0 + 10_000_000_000n).toString(),
      services: ['shop'],
      host: null,
      chokepointVersion: '0.1.0',
      counts: { spans: 2, metricPoints: 0, logs: 0 },
      ...extra,
    },
  });

let spanCounter = 0;
/** One OTLP JSON line with `n` good spans. */
function spansLine(n = 2): string {
  const spans = Array.from({ length: n }, () => {
    spanCounter += 1;
    const start = T0 + BigInt(spanCounter) * 1_000_000n;
    return {
      traceId: spanCounter.toString(16).padStart(32, 'a'),
      spanId: spanCounter.toString(16).padStart(16, 'b'),
      name: 'GET /',
      kind: 2,
      startTimeUnixNano: start.toString(),
      endTimeUnixNano: (start + 5_000_000n).toString(),
    };
  });
  return JSON.stringify({ resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'shop' } }] }, scopeSpans: [{ spans }] }] });
}

interface FileCase {
  name: string;
  /** The upload's file name (its extension says what it is). */
  file: string;
  body: () => Uint8Array | string;
  code: ErrorCode;
  message: RegExp;
}

const CASES: FileCase[] = [
  { name: 'binary garbage', file: 'garbage.chokepoint', body: () => Buffer.from(Array.from({ length: 64 * 1024 }, (_, i) => (i * 7919) % 256)), code: 'INVALID_FILE', message: /not a telemetry file/ },
  { name: 'text that is not JSON', file: 'notes.jsonl', body: () => 'hello\nworld\n', code: 'INVALID_FILE', message: /not a telemetry file.*line 1: invalid JSON/ },
  { name: 'an empty file', file: 'empty.jsonl', body: () => '', code: 'INVALID_FILE', message: /holds no telemetry/ },
  { name: 'JSON of the wrong types', file: 'types.jsonl', body: () => '{"resourceSpans":5}\n[1,2]\n"text"\n{"resourceMetrics":{"x":1}}\n{"resourceLogs":[{"scopeLogs":"no"}]}\n', code: 'INVALID_FILE', message: /line 1: json: resourceSpans: expected an array/ },
  { name: 'a valid header over broken lines', file: 'broken.chokepoint', body: () => zlib.gzipSync(`${header()}\n{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":1}]}]}]}\n{not json\n`), code: 'INVALID_FILE', message: /no line of it holds OTLP telemetry \(line 2: .*traceId/ },
  { name: 'a header of the wrong types', file: 'header.chokepoint', body: () => `${header({ formatVersion: '1', toUnixNano: '99999999999999999999' })}\n`, code: 'INVALID_FILE', message: /line 1: header: formatVersion/ },
  { name: 'truncated gzip', file: 'truncated.chokepoint', body: () => zlib.gzipSync(`${header()}\n${Array.from({ length: 2_000 }, () => spansLine()).join('\n')}\n`).subarray(0, 4_000), code: 'INVALID_FILE', message: /unexpected end of file/ },
  { name: 'gzip with a broken header', file: 'bad.gz', body: () => Buffer.from([0x1f, 0x8b, 0x63, 0x00, 0x01, 0x02, 0x03]), code: 'INVALID_FILE', message: /compression method|header/ },
  { name: 'gzip with a corrupted body', file: 'corrupt.jsonl.gz', body: () => {
    const gz = zlib.gzipSync(`${spansLine()}\n`.repeat(50));
    for (let i = 20; i < gz.length - 20; i += 7) gz[i] ^= 0x5a;
    return gz;
  }, code: 'INVALID_FILE', message: /.+/ },
  { name: 'gzip bomb: 66 MiB of zeros, one line', file: 'zeros.chokepoint', body: () => zlib.gzipSync(Buffer.alloc(66 * MiB), { level: 1 }), code: 'FILE_TOO_LARGE', message: /:1: the line is longer than 64 MiB/ },
  { name: 'gzip bomb: 10 million bad lines', file: 'lines.chokepoint', body: () => zlib.gzipSync(Buffer.alloc(20 * MiB, 'x\n'), { level: 1 }), code: 'INVALID_FILE', message: /none of its first 1000 lines/ },
  { name: 'gzip bomb: 20 million blank lines', file: 'blank.chokepoint', body: () => zlib.gzipSync(Buffer.alloc(20 * MiB, '\n'), { level: 1 }), code: 'INVALID_FILE', message: /none of its first \d+ lines holds OTLP telemetry/ },
  { name: 'gzip bomb: a million empty OTLP requests', file: 'empty-otlp.jsonl.gz', body: () => zlib.gzipSync(Buffer.alloc(20 * MiB, '{"resourceSpans":[]}\n'), { level: 1 }), code: 'INVALID_FILE', message: /none of its first 1000 lines/ },
  { name: 'a pretty-printed document past 64 MiB', file: 'document.json', body: () => zlib.gzipSync(Buffer.concat([Buffer.from('{"resourceSpans": [\n'), Buffer.alloc(66 * MiB, ' {} \n')]), { level: 1 }), code: 'FILE_TOO_LARGE', message: /a JSON document longer than 64 MiB/ },
];

describe('bad incident files through the console', () => {
  let server: TestServer;
  let slowestConsoleMs = 0;

  async function upload(file: string, body: Uint8Array | string): Promise<{ status: number; state: IncidentState }> {
    const response = await fetch(`${server.console.url}/api/incident/file?name=${encodeURIComponent(file)}`, { method: 'PUT', body });
    return { status: response.status, state: (await response.json()) as IncidentState };
  }

  /** Polls the incident until it stops loading (bounded), checking the console answers promptly meanwhile. */
  async function settled(limitMs = 30_000): Promise<IncidentState> {
    const deadline = Date.now() + limitMs;
    for (;;) {
      const started = performance.now();
      const response = await fetch(`${server.console.url}/api/incident`);
      const ms = performance.now() - started;
      slowestConsoleMs = Math.max(slowestConsoleMs, ms);
      expect(ms).toBeLessThan(PROMPT_MS);
      const state = (await response.json()) as IncidentState;
      if (state.status !== 'loading' || Date.now() > deadline) return state;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async function liveCounts(): Promise<unknown> {
    return (await server.api<'health'>('/api/health')).body.counts;
  }

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const { status, state: opened } = await upload(c.file, c.body());
    expect(status).toBe(200);
    expect(opened.status).toBe('loading');
    const state = await settled();
    expect(state.status).toBe('failed');
    expect(state.code).toBe(c.code);
    expect(state.message).toMatch(c.message);
    expect(state.message).toContain(state.file);
    expect(state.counts).toEqual({ spans: 0, metricPoints: 0, logs: 0 });
    expect(await liveCounts()).toEqual({ spans: 0, metricPoints: 0, logs: 0 });
  });

  it('a good file still opens after all of them, with its bad lines counted as problems', async () => {
    const body = zlib.gzipSync(`${header()}\n${spansLine(2)}\nnot json\n{"resourceSpans":"x"}\n${spansLine(3)}\n`);
    const { status } = await upload('good.chokepoint', body);
    expect(status).toBe(200);
    const state = await settled();
    expect(state).toMatchObject({ status: 'ready', title: 'bad input', counts: { spans: 5 }, problems: 2 });
    expect(state.code).toBeUndefined();
    expect(await liveCounts()).toEqual({ spans: 0, metricPoints: 0, logs: 0 });
  });

  it('a long load can be closed at once, and the console answers while it runs', async () => {
    // One good line, then 3 million empty requests (60 MiB): readable, so it loads to the end unless closed.
    const body = zlib.gzipSync(Buffer.concat([Buffer.from(`${spansLine()}\n`), Buffer.alloc(60 * MiB, '{"resourceSpans":[]}\n')]), { level: 1 });
    expect((await upload('long.jsonl.gz', body)).status).toBe(200);
    for (let i = 0; i < 10; i += 1) {
      const started = performance.now();
      expect((await server.api('/api/health')).status).toBe(200);
      slowestConsoleMs = Math.max(slowestConsoleMs, performance.now() - started);
      expect(performance.now() - started).toBeLessThan(PROMPT_MS);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect((await fetch(`${server.console.url}/api/incident`).then((r) => r.json() as Promise<IncidentState>)).status).toBe('loading');
    const started = performance.now();
    const closed = await fetch(`${server.console.url}/api/incident`, { method: 'DELETE' });
    const closeMs = performance.now() - started;
    expect(closed.status).toBe(200);
    expect(closeMs).toBeLessThan(PROMPT_MS);
    expect(server.core.incident()).toBeUndefined();
    recordTrial({ area: 'bad input', trial: 'incident file: closing a long load (3 million lines)', tried: 1, held: 1, detail: `closed in ${Math.round(closeMs)} ms; console answered in ≤ ${Math.round(slowestConsoleMs)} ms meanwhile` });
  });

  it('an upload past the size limit is refused, by declared length and while streaming, and leaves no file', async () => {
    const url = new URL(server.console.url);
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(Number(url.port), '127.0.0.1', () => {
        socket.write(`PUT /api/incident/file?name=huge.chokepoint HTTP/1.1\r\nHost: 127.0.0.1:${url.port}\r\nContent-Length: ${3 * 1024 ** 3}\r\n\r\n`);
      });
      let text = '';
      socket.on('data', (chunk: Buffer) => {
        text += chunk.toString('latin1');
        // The whole answer: a head, and the JSON error after it.
        if (/\r\n\r\n[\s\S]*\}/.test(text)) {
          socket.destroy();
          resolve(text);
        }
      });
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
      setTimeout(() => {
        socket.destroy();
        resolve(text);
      }, 5_000).unref();
    });
    expect(answer).toMatch(/^HTTP\/1\.1 413/);
    expect(answer).toContain('FILE_TOO_LARGE');

    // The same limit on a body with no declared length, counted as it streams (a small limit here).
    const uploads = path.join(path.dirname(server.core.recordings.dir), 'uploads');
    const before = fs.existsSync(uploads) ? fs.readdirSync(uploads).length : 0;
    const chunks = Array.from({ length: 64 }, () => Buffer.alloc(64 * 1024, 'x'));
    const request = Object.assign(Readable.from(chunks), { headers: {} }) as unknown as IncomingMessage;
    const refused = await receiveUpload(request, server.core.recordings.dir, 'stream.chokepoint', 1 * MiB).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(ChokepointError);
    expect((refused as ChokepointError).code).toBe('FILE_TOO_LARGE');
    expect(fs.readdirSync(uploads).length).toBe(before);
    expect((await server.api('/api/health')).status).toBe(200);
  });

  it('reports each kind of bad file', () => {
    recordTrial({
      area: 'bad input',
      trial: 'incident files: garbage, wrong types, broken/truncated gzip, gzip bombs, lines past the limit',
      tried: CASES.length + 1,
      held: CASES.length + 1,
      detail: `each failed with INVALID_FILE or FILE_TOO_LARGE naming file and line; a good file opened after; console answered in ≤ ${Math.round(slowestConsoleMs)} ms; live store untouched`,
    });
    recordTrial({ area: 'bad input', trial: 'incident upload past the size limit (declared, streamed)', tried: 2, held: 2, detail: '413 FILE_TOO_LARGE before reading; streamed upload stopped at the limit, partial file removed' });
  });
});
