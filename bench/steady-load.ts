// Load process for the memory benchmark: sends OTLP/HTTP protobuf at a steady rate for a bounded time. One
// request body of real SDK spans is encoded once; every request is a copy of it with fresh trace and span ids and
// timestamps moved to now, patched in place at offsets found once, so the receiver stores new, live-looking data
// all along and this process stays cheap enough to keep the rate.
import http from 'node:http';
import { freshSpanBody, makeSpanBodyTemplate } from '../fixtures/span-body-template.ts';

export interface SteadyLoadRequest {
  endpoint: string;
  spansPerSecond: number;
  seconds: number;
}

export type SteadyLoadMessage = { type: 'done'; sentSpans: number; acceptedSpans: number; refused: number; failures: number; behindMs: number };

const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
const TICK_MS = 100;

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

async function run(request: SteadyLoadRequest): Promise<void> {
  const template = makeSpanBodyTemplate(100); // 500 spans a request
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
      const sent: Promise<void> = postRetryingResets(url, freshSpanBody(template).body).then((status) => {
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
