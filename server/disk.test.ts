// Disk faults on a real file system: a full disk pauses ingest (503 + Retry-After, gRPC UNAVAILABLE, the console
// says why) and it resumes by itself when space returns, with nothing acknowledged lost and the database intact;
// a read-only data dir stops `serve` with one clear line; a corrupt database is moved aside at start.
// The full and read-only cases need a small tmpfs, so they run where this process may mount one (root, as in CI).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { HealthResponse } from '../common/api-contract.ts';
import { grpcClient, grpcExport, postProtobuf } from '../fixtures/otlp-clients.ts';
import type { LoadReply } from '../fixtures/otlp-clients.ts';
import { recordTrial } from '../fixtures/reliability-log.ts';
import { spawnServe } from '../fixtures/serve-process.ts';
import type { ServeProcess } from '../fixtures/serve-process.ts';
import { freshSpanBody, makeSpanBodyTemplate } from '../fixtures/span-body-template.ts';

const FLAGS = ['--host-metrics', 'off'];
const template = makeSpanBodyTemplate(40); // 200 spans a request
const mounts: string[] = [];

/** Mounts a tmpfs of `megabytes` on a fresh directory; null where this process may not mount. */
function mountTmpfs(megabytes: number): string | null {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chokepoint-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${megabytes}m`, 'tmpfs', dir], { stdio: 'ignore' });
  } catch {
    fs.rmSync(dir, { recursive: true, force: true });
    return null;
  }
  mounts.push(dir);
  return dir;
}

const probe = mountTmpfs(1);
const canMount = probe !== null;
if (probe !== null) {
  execFileSync('umount', [probe]);
  mounts.pop();
}

afterAll(() => {
  for (const dir of mounts) {
    try {
      execFileSync('umount', ['-l', dir], { stdio: 'ignore' });
    } catch {
      // already unmounted
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

async function health(server: ServeProcess): Promise<HealthResponse> {
  return (await (await fetch(`${server.consoleUrl}/api/health`)).json()) as HealthResponse;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every acknowledged trace is in the database with all its spans, and SQLite finds the file sound. */
function checkDatabase(dataDir: string, acked: readonly string[]): { rows: number; integrity: unknown; missing: number } {
  const db = new Database(path.join(dataDir, 'chokepoint.db'), { readonly: true });
  try {
    const stored = new Map(
      (db.prepare('SELECT lower(hex(trace_id)) AS id, count(*) AS n FROM spans GROUP BY trace_id').all() as { id: string; n: number }[]).map(
        (row) => [row.id, row.n],
      ),
    );
    const missing = acked.filter((id) => stored.get(id) !== template.spansPerTrace).length;
    return { rows: (db.prepare('SELECT count(*) AS n FROM spans').get() as { n: number }).n, integrity: db.pragma('quick_check', { simple: true }), missing };
  } finally {
    db.close();
  }
}

describe.runIf(canMount)('a full disk', () => {
  it('pauses ingest with 503 / UNAVAILABLE and a reason, and resumes when space returns, losing nothing', async () => {
    const mount = mountTmpfs(48) as string;
    const dataDir = path.join(mount, 'data');
    const server = await spawnServe(dataDir, FLAGS);
    const acked: string[] = [];
    const send = async (): Promise<LoadReply> => {
      const { body, traceIds } = freshSpanBody(template);
      const answer = await postProtobuf(`${server.otlpHttp}/v1/traces`, body);
      if (answer.status === 200) acked.push(...traceIds);
      return answer;
    };
    for (let i = 0; i < 10; i += 1) expect((await send()).status).toBe(200);

    // Fill the disk but for 256 KiB, then send until the store cannot commit.
    const { bavail, bsize } = fs.statfsSync(mount);
    const filler = path.join(mount, 'filler');
    execFileSync('fallocate', ['-l', String(bavail * bsize - 256 * 1024), filler]);
    let refused: LoadReply | undefined;
    for (let i = 0; i < 300 && refused === undefined; i += 1) {
      const answer = await send();
      if (answer.status !== 200) refused = answer;
    }
    expect(refused).toEqual({ status: 503, retryAfter: expect.stringMatching(/^\d+$/) as unknown });
    const paused = await health(server);
    expect(paused.status).toBe('degraded');
    expect(paused.problem).toMatch(/Ingest paused since .*full/);
    // While paused, writes are refused at once over both transports.
    expect((await send()).status).toBe(503);
    const client = grpcClient(server.otlpGrpc);
    expect((await grpcExport(client, 'traces', freshSpanBody(template).body)).code).toBe(grpc.status.UNAVAILABLE);
    client.close();
    const ackedWhenFull = acked.length;

    // Space returns: ingest resumes by itself within a few probes.
    fs.rmSync(filler);
    let resumedAfterMs = -1;
    const freedAt = Date.now();
    for (let i = 0; i < 40 && resumedAfterMs < 0; i += 1) {
      if ((await send()).status === 200) resumedAfterMs = Date.now() - freedAt;
      else await sleep(250);
    }
    expect(resumedAfterMs).toBeGreaterThanOrEqual(0);
    for (let i = 0; i < 5; i += 1) expect((await send()).status).toBe(200);
    expect((await health(server)).status).toBe('ok');
    const counted = (await health(server)).counts.spans;
    expect(await server.stop()).toBe(0);

    const { rows, integrity, missing } = checkDatabase(dataDir, acked);
    expect(integrity).toBe('ok');
    expect(missing).toBe(0);
    expect(rows).toBe(acked.length * template.spansPerTrace);
    expect(counted).toBe(rows);
    recordTrial({
      area: 'disk',
      trial: 'disk full during ingest (48 MB tmpfs filled), then space freed',
      tried: 1,
      held: 1,
      detail:
        `${ackedWhenFull / template.traces} requests stored before the disk filled; then 503 + Retry-After ${refused?.retryAfter ?? '?'} s, ` +
        `gRPC UNAVAILABLE, health degraded ("Ingest paused… full"); resumed ${resumedAfterMs} ms after space returned; ` +
        `${rows} spans stored = ${acked.length / template.traces} acknowledged requests × ${template.spans}; quick_check ok`,
    });
  }, 90_000);
});

describe.runIf(canMount)('a read-only data dir', () => {
  it('stops serve with one clear line (exit 2), and the data is intact once the dir is writable again', async () => {
    const mount = mountTmpfs(16) as string;
    const dataDir = path.join(mount, 'data');
    const first = await spawnServe(dataDir, FLAGS);
    const { body, traceIds } = freshSpanBody(template);
    expect((await postProtobuf(`${first.otlpHttp}/v1/traces`, body)).status).toBe(200);
    expect(await first.stop()).toBe(0);

    execFileSync('mount', ['-o', 'remount,ro', mount]);
    const failure = await spawnServe(dataDir, FLAGS).then(
      async (server) => {
        await server.stop();
        return 'started';
      },
      (error: Error) => error.message,
    );
    expect(failure).toMatch(/serve exited with 2/);
    expect(failure).toMatch(/chokepoint: Store unavailable while opening .*chokepoint\.db: .*--data-dir/);
    expect(failure).not.toMatch(/\n\s+at /); // no stack trace

    execFileSync('mount', ['-o', 'remount,rw', mount]);
    const again = await spawnServe(dataDir, FLAGS);
    expect((await health(again)).counts.spans).toBe(template.spans);
    expect(await again.stop()).toBe(0);
    expect(checkDatabase(dataDir, traceIds).missing).toBe(0);
    recordTrial({
      area: 'disk',
      trial: 'read-only data dir at start',
      tried: 1,
      held: 1,
      detail: 'serve exits with status 2 and one line naming the file and --data-dir; no stack trace; data intact after remount rw',
    });
  }, 60_000);
});

describe('a corrupt database file', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chokepoint-corrupt-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('is moved aside at start; serve runs on a fresh database and says where the old file went', async () => {
    const first = await spawnServe(dataDir, FLAGS);
    expect((await postProtobuf(`${first.otlpHttp}/v1/traces`, freshSpanBody(template).body)).status).toBe(200);
    expect(await first.stop()).toBe(0);
    const file = path.join(dataDir, 'chokepoint.db');
    const garbage = Buffer.alloc(4096, 0x5a);
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, garbage, 0, garbage.length, 0); // the header page
    fs.closeSync(fd);

    const server = await spawnServe(dataDir, FLAGS);
    const answer = await health(server);
    expect(answer.status).toBe('ok');
    expect(answer.counts.spans).toBe(0);
    expect(answer.notice).toMatch(/damaged\. It was moved to .*chokepoint\.db\.corrupt-/);
    const aside = /moved to (\S+) and/.exec(answer.notice ?? '')?.[1] ?? '';
    expect(fs.existsSync(aside)).toBe(true);
    expect(server.output()).toMatch(/the database was corrupt: it was moved to/);
    expect((await postProtobuf(`${server.otlpHttp}/v1/traces`, freshSpanBody(template).body)).status).toBe(200);
    expect(await server.stop()).toBe(0);

    // The next start finds a sound database: no notice, the new data kept.
    const again = await spawnServe(dataDir, FLAGS);
    const later = await health(again);
    expect(later.notice).toBeUndefined();
    expect(later.counts.spans).toBe(template.spans);
    expect(await again.stop()).toBe(0);
    recordTrial({
      area: 'disk',
      trial: 'corrupt database header at start',
      tried: 1,
      held: 1,
      detail: 'moved aside with its WAL, fresh database started, notice in health and on stderr; next start clean',
    });
  }, 60_000);
});
