// Load process for the memory benchmark: sends OTLP/HTTP protobuf at a steady rate for a bounded time. One
// request body of real SDK spans is encoded once; every request is a copy of it with fresh trace and span ids and
// timestamps moved to now, patched in place at offsets found once, so the receiver stores new, live-looking data
// all along and this process stays cheap enough to keep the rate.
import http from 'node:http';
import { randomFillSync } from 'node:crypto';
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { hrTimeToUnixNano, makeSyntheticSpans } from '../fixtures/synthetic-spans.ts';

export interface SteadyLoadRequest {
  endpoint: string;
  spansPerSecond: number;
  seconds: number;
}

export type SteadyLoadMessage = { type: 'done'; sentSpans: number; acceptedSpans: number; refused: number; failures: number; behindMs: number };

const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
const TICK_MS = 100;
/** 5 spans a trace (a server span, a cache read and 3 queries): 500 spans a request. */
const TEMPLATE_TRACES = 100;

function post(url: URL, body: Uint8Array): Promise<number> {
  return new Promise((resolve) => {
    const req = http.request(url, { method: 'POST', agent, headers: { 'Content-Type': 'application/x-protobuf', 'Content-Length': body.byteLength } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
    req.end(body);
  });
}

/**
 * Posts, retrying a request whose connection failed before any answer (a keep-alive socket the server closed
 * just as it was reused, as exporters retry it too). Status 0 means it never got an answer.
 */
async function postRetryingResets(url: URL, body: Uint8Array): Promise<number> {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const status = await post(url, body);
    if (status !== 0) return status;
  }
  return 0;
}

/** Every offset at which `needle` occurs in `haystack`. */
function offsetsOf(haystack: Buffer, needle: Buffer): number[] {
  const found: number[] = [];
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) found.push(at);
  return found;
}

interface Template {
  body: Buffer;
  spans: number;
  /** Where each distinct id sits (random ids do not occur by chance elsewhere in the body). */
  ids: { length: number; offsets: number[] }[];
  /** Where every timestamp sits (fixed64, little-endian). */
  times: number[];
  firstStartNanos: bigint;
}

function makeTemplate(): Template {
  const spans = makeSyntheticSpans({ traces: TEMPLATE_TRACES, queriesPerTrace: 3 });
  const encoded = ProtobufTraceSerializer.serializeRequest(spans);
  if (encoded === undefined) throw new Error('serializer returned nothing');
  const body = Buffer.from(encoded);
  const traceIds = new Set(spans.map((s) => s.spanContext().traceId));
  const spanIds = new Set(spans.map((s) => s.spanContext().spanId));
  const ids = [...traceIds, ...spanIds].map((hex) => ({ length: hex.length / 2, offsets: offsetsOf(body, Buffer.from(hex, 'hex')) }));
  const stamps = new Set<bigint>();
  for (const span of spans) {
    stamps.add(hrTimeToUnixNano(span.startTime));
    stamps.add(hrTimeToUnixNano(span.endTime));
    for (const event of span.events) stamps.add(hrTimeToUnixNano(event.time));
  }
  const times: number[] = [];
  const value = Buffer.alloc(8);
  for (const stamp of stamps) {
    value.writeBigUInt64LE(stamp);
    times.push(...offsetsOf(body, value));
  }
  const firstStartNanos = spans.reduce((min, s) => (hrTimeToUnixNano(s.startTime) < min ? hrTimeToUnixNano(s.startTime) : min), hrTimeToUnixNano(spans[0].startTime));
  return { body, spans: spans.length, ids, times, firstStartNanos };
}

/** A copy of the template's body with new ids and its times moved so the first span starts now. */
function freshBody(template: Template): Buffer {
  const body = Buffer.from(template.body);
  const id = Buffer.alloc(16);
  for (const { length, offsets } of template.ids) {
    randomFillSync(id, 0, length);
    for (const at of offsets) id.copy(body, at, 0, length);
  }
  const shift = BigInt(Date.now()) * 1_000_000n - template.firstStartNanos;
  for (const at of template.times) body.writeBigUInt64LE(body.readBigUInt64LE(at) + shift, at);
  return body;
}

async function run(request: SteadyLoadRequest): Promise<void> {
  const template = makeTemplate();
  const url = new URL(`${request.endpoint}/v1/traces`);
  const requestsPerTick = Math.max(1, Math.round((request.spansPerSecond * TICK_MS) / 1000 / template.spans));
  const ticks = Math.round((request.seconds * 1000) / TICK_MS);
  let sentSpans = 0;
  let acceptedSpans = 0;
  let refused = 0;
  let failures = 0;
  let behindMs = 0;
  const started = Date.now();
  const inFlight = new Set<Promise<void>>();
  for (let tick = 0; tick < ticks; tick += 1) {
    for (let r = 0; r < requestsPerTick; r += 1) {
      sentSpans += template.spans;
      const sent: Promise<void> = postRetryingResets(url, freshBody(template)).then((status) => {
        if (status === 200) acceptedSpans += template.spans;
        else if (status === 429 || status === 503) refused += 1;
        else failures += 1;
        inFlight.delete(sent);
      });
      inFlight.add(sent);
    }
    // Keep to the schedule; when behind, still give the responses a turn before sending more.
    const wait = started + (tick + 1) * TICK_MS - Date.now();
    if (wait <= 0) behindMs = Math.max(behindMs, -wait);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, wait)));
  }
  await Promise.all(inFlight);
  process.send?.({ type: 'done', sentSpans, acceptedSpans, refused, failures, behindMs } satisfies SteadyLoadMessage);
  agent.destroy();
}

process.once('message', (request: SteadyLoadRequest) => {
  run(request).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
});
