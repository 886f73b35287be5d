// Durability: what `chokepoint serve` acknowledged (HTTP 200, gRPC OK) survives `kill -9` at a random moment of
// heavy ingest. The receivers answer only after the batch's transaction has committed (WAL, synchronous=NORMAL:
// a commit is in the WAL file before the answer, so a killed process loses nothing it acknowledged).
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { grpcClient, grpcExport, postProtobuf } from '../fixtures/otlp-clients.ts';
import { recordTrial } from '../fixtures/reliability-log.ts';
import { spawnServe } from '../fixtures/serve-process.ts';
import type { ServeProcess } from '../fixtures/serve-process.ts';
import { freshSpanBody, makeSpanBodyTemplate } from '../fixtures/span-body-template.ts';
import type { SpanBodyTemplate } from '../fixtures/span-body-template.ts';

const KILLS = 3;
const HTTP_CLIENTS = 6;
const GRPC_CLIENTS = 2;
/** Each round's load stops after this long even when the kill never came (it always does, earlier). */
const ROUND_LIMIT_MS = 6_000;
const SERVE_FLAGS = ['--host-metrics', 'off'];

const template: SpanBodyTemplate = makeSpanBodyTemplate(40); // 200 spans a request
const agent = new http.Agent({ keepAlive: true, maxSockets: HTTP_CLIENTS });

interface RoundResult {
  acked: string[];
  sentRequests: number;
  ackedRequests: number;
  /** Answered, but not with OK (a full queue sheds with 429 / RESOURCE_EXHAUSTED): not acknowledged. */
  refusedRequests: number;
  killAfterMs: number;
}

/** Sends from several clients until `serve` is killed `killAfterMs` after the load started. */
async function loadThenKill(server: ServeProcess, killAfterMs: number): Promise<RoundResult> {
  const acked: string[] = [];
  let sentRequests = 0;
  let ackedRequests = 0;
  let refusedRequests = 0;
  let dead = false;
  const started = Date.now();
  const keepGoing = () => !dead && Date.now() - started < ROUND_LIMIT_MS;
  const httpLoop = async () => {
    while (keepGoing()) {
      const { body, traceIds } = freshSpanBody(template);
      sentRequests += 1;
      const { status } = await postProtobuf(`${server.otlpHttp}/v1/traces`, body, agent);
      if (status === 200) {
        ackedRequests += 1;
        acked.push(...traceIds);
      } else if (status !== 0) refusedRequests += 1;
    }
  };
  const grpcLoop = async () => {
    const client = grpcClient(server.otlpGrpc);
    try {
      while (keepGoing()) {
        const { body, traceIds } = freshSpanBody(template);
        sentRequests += 1;
        const { code } = await grpcExport(client, 'traces', body, 10_000);
        if (code === grpc.status.OK) {
          ackedRequests += 1;
          acked.push(...traceIds);
        } else if (code === grpc.status.RESOURCE_EXHAUSTED) refusedRequests += 1;
      }
    } finally {
      client.close();
    }
  };
  const killer = new Promise<void>((resolve) => {
    setTimeout(() => {
      server.child.kill('SIGKILL');
      server.child.once('exit', () => {
        dead = true;
        resolve();
      });
    }, killAfterMs);
  });
  await Promise.all([killer, ...Array.from({ length: HTTP_CLIENTS }, httpLoop), ...Array.from({ length: GRPC_CLIENTS }, grpcLoop)]);
  return { acked, sentRequests, ackedRequests, refusedRequests, killAfterMs };
}

describe('kill -9 during heavy ingest', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chokepoint-durability-'));
  afterAll(() => {
    agent.destroy();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every acknowledged span, exactly once, across restarts', async () => {
    const rounds: RoundResult[] = [];
    for (let kill = 0; kill < KILLS; kill += 1) {
      const server = await spawnServe(dataDir, SERVE_FLAGS);
      // A random moment between 0.4 and 1.6 s into the load: mid-request, mid-commit or mid-checkpoint.
      rounds.push(await loadThenKill(server, 400 + Math.floor(Math.random() * 1200)));
    }
    const acked = rounds.flatMap((round) => round.acked);
    expect(acked.length).toBeGreaterThan(KILLS * 100); // the load was heavy enough to matter

    // Restart on the same data: the store must open cleanly and count what it holds.
    const server = await spawnServe(dataDir, SERVE_FLAGS);
    const health = (await (await fetch(`${server.consoleUrl}/api/health`)).json()) as { counts: { spans: number } };
    const sample = acked.filter((_, i) => i % Math.ceil(acked.length / 20) === 0);
    const fetched = await Promise.all(
      sample.map(async (traceId) => ((await (await fetch(`${server.consoleUrl}/api/traces/${traceId}`)).json()) as unknown[]).length),
    );
    expect(await server.stop()).toBe(0);

    const db = new Database(path.join(dataDir, 'chokepoint.db'), { readonly: true });
    const stored = new Map(
      (db.prepare('SELECT lower(hex(trace_id)) AS id, count(*) AS spans FROM spans GROUP BY trace_id').all() as { id: string; spans: number }[]).map(
        (row) => [row.id, row.spans],
      ),
    );
    const rows = (db.prepare('SELECT count(*) AS n FROM spans').get() as { n: number }).n;
    const integrity = db.pragma('quick_check', { simple: true });
    db.close();

    const lost = acked.filter((id) => stored.get(id) !== template.spansPerTrace);
    const duplicated = [...stored.values()].filter((spans) => spans !== template.spansPerTrace);
    expect(lost).toEqual([]);
    expect(duplicated).toEqual([]);
    expect(integrity).toBe('ok');
    expect(health.counts.spans).toBe(rows);
    expect(fetched.every((spans) => spans === template.spansPerTrace)).toBe(true);

    const ackedSpans = acked.length * template.spansPerTrace;
    recordTrial({
      area: 'durability',
      trial: `kill -9 during ingest (${HTTP_CLIENTS} HTTP + ${GRPC_CLIENTS} gRPC clients), restart`,
      tried: KILLS,
      held: KILLS,
      detail:
        `kills at ${rounds.map((r) => `${r.killAfterMs} ms`).join(', ')}; ${rounds.reduce((n, r) => n + r.sentRequests, 0)} requests sent, ` +
        `${rounds.reduce((n, r) => n + r.ackedRequests, 0)} acknowledged, ${rounds.reduce((n, r) => n + r.refusedRequests, 0)} shed, the rest cut off by the kill; ${ackedSpans} acknowledged spans, ${ackedSpans} found, ` +
        `${rows - ackedSpans} more stored whose answer was lost; 0 duplicated; quick_check ok`,
    });
  }, 120_000);
});
