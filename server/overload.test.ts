// Overload: at twice the rate `chokepoint serve` sustains, the receivers shed with 429 + Retry-After instead of
// queueing without end; memory stays bounded, the console API keeps answering, everything acknowledged is stored,
// and the real OpenTelemetry exporter, which retries on 429, gets all of its spans in.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { postProtobuf } from '../fixtures/otlp-clients.ts';
import { recordTrial } from '../fixtures/reliability-log.ts';
import { spawnServe } from '../fixtures/serve-process.ts';
import type { ServeProcess } from '../fixtures/serve-process.ts';
import { freshSpanBody, makeSpanBodyTemplate } from '../fixtures/span-body-template.ts';
import { makeSyntheticSpans } from '../fixtures/synthetic-spans.ts';

const MEASURE_MS = 3_000;
const OVERLOAD_MS = 6_000;
const TICK_MS = 50;
const MAX_IN_FLIGHT = 256;
const EXPORTER_BATCHES = 20;
/** Resident memory the serve process may reach under overload (its queue is bounded by items and bytes). */
const RSS_LIMIT_MB = 900;
/** The console's health call under overload, 95th percentile. */
const HEALTH_P95_LIMIT_MS = 1_000;

const template = makeSpanBodyTemplate(40); // 200 spans a request
const agent = new http.Agent({ keepAlive: true, maxSockets: MAX_IN_FLIGHT });

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

class Tally {
  acked: string[] = [];
  sent = 0;
  shed = 0;
  shedWithoutRetryAfter = 0;
  failed = 0;
  async send(server: ServeProcess): Promise<void> {
    const { body, traceIds } = freshSpanBody(template);
    this.sent += 1;
    const answer = await postProtobuf(`${server.otlpHttp}/v1/traces`, body, agent);
    if (answer.status === 200) this.acked.push(...traceIds);
    else if (answer.status === 429 || answer.status === 503) {
      this.shed += 1;
      if (!/^\d+$/.test(answer.retryAfter ?? '')) this.shedWithoutRetryAfter += 1;
    } else this.failed += 1;
  }
}

describe('twice the sustainable ingest rate', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chokepoint-overload-'));
  afterAll(() => {
    agent.destroy();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('sheds with 429 + Retry-After, stays bounded and responsive, and stores everything it acknowledged', async () => {
    const server = await spawnServe(dataDir, ['--host-metrics', 'off']);
    const pid = server.child.pid as number;
    try {
      // 1. What this machine sustains: a closed loop of 8 clients, each sending when its last answer came.
      const measured = new Tally();
      const measureEnd = Date.now() + MEASURE_MS;
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          while (Date.now() < measureEnd) await measured.send(server);
        }),
      );
      const sustainedSpansPerSecond = (measured.acked.length * template.spansPerTrace * 1000) / MEASURE_MS;

      // 2. Twice that, open loop: requests go out on schedule whatever the answers.
      const overload = new Tally();
      const requestsPerTick = Math.max(1, Math.round((2 * sustainedSpansPerSecond * TICK_MS) / 1000 / template.spans));
      const healthMs: number[] = [];
      let maxRssMb = rssMb(pid);
      let clientSkipped = 0;
      let stop = false;
      const watch = (async () => {
        while (!stop) {
          const started = performance.now();
          const answer = await fetch(`${server.consoleUrl}/api/health`);
          await answer.json();
          healthMs.push(performance.now() - started);
          maxRssMb = Math.max(maxRssMb, rssMb(pid));
          await sleep(200);
        }
      })();
      // The real exporter, sending alongside the overload; it retries 429s, honouring Retry-After.
      const exporter = new OTLPTraceExporter({ url: `${server.otlpHttp}/v1/traces`, timeoutMillis: 60_000 });
      const exportedBatches = Array.from({ length: EXPORTER_BATCHES }, () => makeSyntheticSpans({ traces: 10 }));
      const exported = exportedBatches.map(
        (spans) => new Promise<boolean>((resolve) => exporter.export(spans, (result) => resolve(result.error === undefined))),
      );
      const inFlight = new Set<Promise<void>>();
      const overloadStart = Date.now();
      for (let tick = 0; Date.now() - overloadStart < OVERLOAD_MS; tick += 1) {
        for (let r = 0; r < requestsPerTick; r += 1) {
          if (inFlight.size >= MAX_IN_FLIGHT) {
            clientSkipped += 1;
            continue;
          }
          const sent: Promise<void> = overload.send(server).finally(() => inFlight.delete(sent));
          inFlight.add(sent);
        }
        await sleep(Math.max(0, overloadStart + (tick + 1) * TICK_MS - Date.now()));
      }
      await Promise.all(inFlight);
      const exporterResults = await Promise.all(exported);
      await exporter.shutdown();
      stop = true;
      await watch;

      const countAnswer = (await (await fetch(`${server.consoleUrl}/api/health`)).json()) as { counts: { spans: number } };
      expect(await server.stop()).toBe(0);

      const exporterTraceIds = exportedBatches.flatMap((spans) => [...new Set(spans.map((s) => s.spanContext().traceId))]);
      const db = new Database(path.join(dataDir, 'chokepoint.db'), { readonly: true });
      // One pass: spans have no trace-id index (the store keeps its own), so a query per trace would scan per trace.
      const stored = new Map(
        (db.prepare('SELECT lower(hex(trace_id)) AS id, count(*) AS n FROM spans GROUP BY trace_id').all() as { id: string; n: number }[]).map(
          (row) => [row.id, row.n],
        ),
      );
      const spansOf = (id: string) => stored.get(id) ?? 0;
      const ackedMissing = [...measured.acked, ...overload.acked].filter((id) => spansOf(id) !== template.spansPerTrace).length;
      const exporterMissing = exporterTraceIds.filter((id) => spansOf(id) === 0).length;
      const rows = (db.prepare('SELECT count(*) AS n FROM spans').get() as { n: number }).n;
      db.close();

      const ackedSpans = (measured.acked.length + overload.acked.length) * template.spansPerTrace;
      const exporterSpans = exportedBatches.reduce((n, spans) => n + spans.length, 0);
      const healthP95 = percentile(healthMs, 95);
      expect(overload.shed).toBeGreaterThan(0);
      expect(overload.shedWithoutRetryAfter).toBe(0);
      expect(overload.failed).toBe(0);
      expect(ackedMissing).toBe(0);
      expect(exporterResults.every(Boolean)).toBe(true);
      expect(exporterMissing).toBe(0);
      expect(rows).toBe(ackedSpans + exporterSpans);
      expect(countAnswer.counts.spans).toBe(rows);
      expect(maxRssMb).toBeLessThan(RSS_LIMIT_MB);
      expect(healthP95).toBeLessThan(HEALTH_P95_LIMIT_MS);

      recordTrial({
        area: 'overload',
        trial: `2× the sustained rate for ${OVERLOAD_MS / 1000} s over OTLP/HTTP, plus the real exporter retrying`,
        tried: overload.sent + EXPORTER_BATCHES,
        held: overload.sent + EXPORTER_BATCHES,
        detail:
          `sustained ${Math.round(sustainedSpansPerSecond)} spans/s, offered ${Math.round((requestsPerTick * template.spans * 1000) / TICK_MS)}/s; ` +
          `${overload.acked.length / template.traces} requests stored, ${overload.shed} shed with 429/503 + Retry-After, 0 lost, ` +
          `${clientSkipped} held back by the load generator (at most ${MAX_IN_FLIGHT} requests in flight); exporter ${EXPORTER_BATCHES}/${EXPORTER_BATCHES} batches in after retries; ` +
          `RSS max ${Math.round(maxRssMb)} MB (limit ${RSS_LIMIT_MB}); /api/health p95 ${Math.round(healthP95)} ms, max ${Math.round(Math.max(...healthMs))} ms`,
      });
    } finally {
      await server.stop();
    }
  }, 120_000);
});
