// Replay and analyze benchmarks: a one-hour incident replayed at max speed through the store with the rules
// evaluated every 5 s of incident time (goal: under 60 s), and `analyze` on a file of about a million spans
// (goal: under 10 s). Prints a readable line and one JSON line per figure.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_LINE_READER_LIMITS, readLines } from '../collectors/files/index.ts';
import { StoreClient } from '../store/index.ts';
import { replayFile } from '../server/replay.ts';
import { StoreTeeRulesRunner } from '../server/rules-runner.ts';
import { analyzeFiles } from '../server/run-analyze.ts';
import { writeSyntheticIncident } from './synthetic-incident.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chokepoint-bench-replay-'));
const emit = (figure: Record<string, unknown>) => console.log(JSON.stringify(figure));

try {
  const hourFile = path.join(dir, 'hour.chokepoint');
  const hour = await writeSyntheticIncident({ file: hourFile, seconds: 3600, tracesPerSecond: 20 });
  const store = await StoreClient.open({ dataDir: path.join(dir, 'store'), retention: {} });
  const started = performance.now();
  const runner = new StoreTeeRulesRunner(store);
  const result = await replayFile(hourFile, runner, { speed: 'max', evaluator: runner });
  const replaySeconds = (performance.now() - started) / 1000;
  await store.close();
  console.log(
    `replay.one-hour-max-speed: ${replaySeconds.toFixed(1)} s for 3600 s of incident (${hour.spans.toLocaleString('en-US')} spans, ${hour.metricPoints.toLocaleString('en-US')} metric points, ` +
      `${result.findings.length} findings: ${result.findings.map((f) => f.kind).join(', ')}) · goal < 60 s`,
  );
  emit({ bench: 'replay.one-hour-max-speed', value: Number(replaySeconds.toFixed(2)), unit: 's', goal: '< 60' });

  const millionFile = path.join(dir, 'million.chokepoint');
  const million = await writeSyntheticIncident({ file: millionFile, seconds: 2000, tracesPerSecond: 100 });
  // What reading alone costs: gunzip, split into lines and JSON.parse each, with nothing done with the result.
  const readStarted = performance.now();
  for await (const { text } of readLines(millionFile, DEFAULT_LINE_READER_LIMITS)) JSON.parse(text);
  const readSeconds = (performance.now() - readStarted) / 1000;
  console.log(`analyze.read-floor: ${readSeconds.toFixed(1)} s only to gunzip and JSON.parse the same file (no decoding, no rules)`);
  emit({ bench: 'analyze.read-floor', value: Number(readSeconds.toFixed(2)), unit: 's', goal: 'lower bound of analyze on this machine' });
  const heapBefore = process.memoryUsage().rss;
  const analyzeStarted = performance.now();
  const analyzed = await analyzeFiles({ files: [millionFile], overrides: {} });
  const analyzeSeconds = (performance.now() - analyzeStarted) / 1000;
  const rssMb = process.memoryUsage().rss / 1024 ** 2;
  console.log(
    `analyze.million-spans: ${analyzeSeconds.toFixed(1)} s for ${million.spans.toLocaleString('en-US')} spans and ${million.metricPoints.toLocaleString('en-US')} metric points ` +
      `(${(fs.statSync(millionFile).size / 1024 ** 2).toFixed(0)} MiB gzip'd; ${analyzed.findings.length} findings; RSS ${rssMb.toFixed(0)} MiB, was ${(heapBefore / 1024 ** 2).toFixed(0)}) · goal < 10 s`,
  );
  emit({ bench: 'analyze.million-spans', value: Number(analyzeSeconds.toFixed(2)), unit: 's', goal: '< 10' });
  emit({ bench: 'analyze.million-spans.rss', value: Math.round(rssMb), unit: 'MiB', goal: 'bounded (streamed)' });
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
