// Memory benchmark: `chokepoint serve` (as `npm start` runs it) receives OTLP/HTTP protobuf at 20,000 spans/s
// from a separate load process for 10 minutes, by then holding over 10 million spans (the default 2 GiB
// retention cap starts deleting the oldest near 11 million). Its resident memory is sampled every 5 s from
// /proc. Prints a readable table and one JSON line per figure.
//   memory.serve-rss-max: highest resident set of the whole process, all threads (goal ≤ 500 MB)
//   memory.serve-rss-growth: growth over the second half of the run (goal: flat, under 10% of the max)
// RSS counts SQLite's memory-mapped database pages too (RssFile): the kernel can drop those at will, so the
// anonymous part (heap, SQLite page cache) is printed beside it.
import { fork, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SteadyLoadMessage, SteadyLoadRequest } from './steady-load.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const SECONDS = Number(process.env.BENCH_MEMORY_SECONDS ?? 600);
const RATE = Number(process.env.BENCH_MEMORY_RATE ?? 20_000);
const SAMPLE_MS = 5_000;
const CONSOLE_PORT = 18_686;
const OTLP_PORT = 14_318;

const emit = (figure: Record<string, unknown>) => console.log(JSON.stringify(figure));

interface Sample {
  seconds: number;
  rssMb: number;
  anonMb: number;
  fileMb: number;
  spans: number;
}

function readStatus(pid: number): { rssMb: number; anonMb: number; fileMb: number } | null {
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return null;
  }
  const kb = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 'NaN') / 1024;
  return { rssMb: kb('VmRSS'), anonMb: kb('RssAnon'), fileMb: kb('RssFile') + kb('RssShmem') };
}

async function storedSpans(): Promise<number> {
  try {
    const res = await fetch(`http://127.0.0.1:${CONSOLE_PORT}/api/health`, { signal: AbortSignal.timeout(10_000) });
    const body = (await res.json()) as { counts: { spans: number } };
    return body.counts.spans;
  } catch {
    return Number.NaN;
  }
}

async function waitUntilUp(deadlineMs: number): Promise<void> {
  while (Date.now() < deadlineMs) {
    if (!Number.isNaN(await storedSpans())) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('serve did not answer /api/health in time');
}

/** Least-squares slope of y over x. */
function slope(points: readonly { x: number; y: number }[]): number {
  const n = points.length;
  const mx = points.reduce((a, p) => a + p.x, 0) / n;
  const my = points.reduce((a, p) => a + p.y, 0) / n;
  const num = points.reduce((a, p) => a + (p.x - mx) * (p.y - my), 0);
  const den = points.reduce((a, p) => a + (p.x - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chokepoint-bench-memory-'));
const serve = spawn(
  process.execPath,
  ['--max-semi-space-size=32', path.join(root, 'bin', 'chokepoint.mjs'), 'serve', '--port', String(CONSOLE_PORT), '--otlp-http', String(OTLP_PORT), '--otlp-grpc', 'off', '--host-metrics', 'off', '--data-dir', dir],
  { stdio: ['ignore', 'ignore', 'inherit'] },
);
const load = fork(path.join(here, 'steady-load.ts'), [], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
try {
  await waitUntilUp(Date.now() + 60_000);
  const pid = serve.pid ?? -1;
  const samples: Sample[] = [];
  const started = Date.now();
  const done = new Promise<SteadyLoadMessage>((resolve) => load.once('message', (m: SteadyLoadMessage) => resolve(m)));
  load.send({ endpoint: `http://127.0.0.1:${OTLP_PORT}`, spansPerSecond: RATE, seconds: SECONDS } satisfies SteadyLoadRequest);
  let finished: SteadyLoadMessage | null = null;
  void done.then((m) => (finished = m));
  while (finished === null && Date.now() - started < (SECONDS + 120) * 1000) {
    await new Promise((resolve) => setTimeout(resolve, SAMPLE_MS));
    const status = readStatus(pid);
    if (status === null) throw new Error('serve exited during the run');
    const sample = { seconds: (Date.now() - started) / 1000, ...status, spans: await storedSpans() };
    samples.push(sample);
    if (samples.length % 12 === 0) {
      console.log(`  ${sample.seconds.toFixed(0).padStart(4)} s  rss ${sample.rssMb.toFixed(0)} MB (anon ${sample.anonMb.toFixed(0)}, file ${sample.fileMb.toFixed(0)})  ${sample.spans.toLocaleString('en-US')} spans`);
    }
  }
  const result = await done;
  const final = await storedSpans();
  const max = samples.reduce((m, s) => (s.rssMb > m.rssMb ? s : m), samples[0]);
  const maxAnon = Math.max(...samples.map((s) => s.anonMb));
  const secondHalf = samples.filter((s) => s.seconds >= SECONDS / 2);
  const perMinute = slope(secondHalf.map((s) => ({ x: s.seconds / 60, y: s.rssMb })));
  const growth = perMinute * ((secondHalf.length * SAMPLE_MS) / 60_000);
  const anonPerMinute = slope(secondHalf.map((s) => ({ x: s.seconds / 60, y: s.anonMb })));
  console.log(
    `memory.serve-rss-max: ${max.rssMb.toFixed(0)} MB at ${max.seconds.toFixed(0)} s (goal ≤ 500 MB; anonymous at most ${maxAnon.toFixed(0)} MB) · ` +
      `second half ${perMinute >= 0 ? '+' : ''}${perMinute.toFixed(1)} MB/min (anonymous ${anonPerMinute >= 0 ? '+' : ''}${anonPerMinute.toFixed(1)}) · ` +
      `${RATE.toLocaleString('en-US')} spans/s for ${SECONDS} s: ${result.acceptedSpans.toLocaleString('en-US')} of ${result.sentSpans.toLocaleString('en-US')} accepted, ` +
      `${result.refused} requests refused, ${result.failures} failed, load behind schedule by at most ${result.behindMs} ms, ${final.toLocaleString('en-US')} spans held at the end`,
  );
  emit({ bench: 'memory.serve-rss-max', value: Math.round(max.rssMb), unit: 'MB', goal: '<= 500' });
  emit({ bench: 'memory.serve-rss-anon-max', value: Math.round(maxAnon), unit: 'MB' });
  emit({ bench: 'memory.serve-rss-growth', value: Number(growth.toFixed(1)), unit: 'MB over the second half', goal: `flat: under ${(max.rssMb / 10).toFixed(0)} (10% of the max)` });
  emit({ bench: 'memory.spans-held', value: final, unit: 'spans' });
} finally {
  load.kill();
  serve.kill('SIGTERM');
  await new Promise((resolve) => serve.once('exit', resolve));
  fs.rmSync(dir, { recursive: true, force: true });
}
