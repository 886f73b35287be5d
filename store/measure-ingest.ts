// Store-level measurement (not a test): insertBatch throughput vs the raw floor, bytes per span, and query latency.
// Run: node bin/run-ts.mjs store/measure-ingest.ts [spans=100000] [batchSize=10000]
// MEASURE_DIR=dir keeps the database there (and adds to one already there); spans=0 only measures the queries.
import fs from 'node:fs';
import path from 'node:path';
import { measureRawInsertFloor } from './raw-floor.ts';
import { TelemetryStore } from './telemetry-store.ts';
import { buildTypicalSpans, tempDir, traceIdFor } from './test-builders.ts';

const total = Number(process.argv[2] ?? 100_000);
const batchSize = Number(process.argv[3] ?? 10_000);
const chunk = 100_000;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const keptDir = process.env.MEASURE_DIR;
const dir = keptDir ?? tempDir();
try {
  const store = TelemetryStore.open({ dataDir: dir });
  const already = store.counts().spans;
  const sample = buildTypicalSpans(Math.min(Math.max(total, 1), chunk), Math.ceil(already / 5));
  const floor = measureRawInsertFloor(sample, path.join(dir, 'floor'));
  let insertMs = 0;
  for (let done = 0; done < total; done += chunk) {
    const spans = done === 0 ? sample : buildTypicalSpans(Math.min(chunk, total - done), Math.ceil((already + done) / 5));
    const started = performance.now();
    for (let i = 0; i < spans.length; i += batchSize) store.insertBatch({ spans: spans.slice(i, i + batchSize), metricPoints: [], logs: [] });
    insertMs += performance.now() - started;
  }
  const rate = total / (insertMs / 1000);
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  const stored = store.counts().spans;
  const used = store.usedBytes();
  const fileBytes = fs.statSync(store.databaseFile).size;

  const traces = stored / 5;
  const traceTimes: number[] = [];
  for (let i = 0; i < 200; i += 1) {
    const t0 = performance.now();
    store.trace(traceIdFor(Math.floor(Math.random() * traces)));
    traceTimes.push(performance.now() - t0);
  }
  const searchTimes: number[] = [];
  for (let i = 0; i < 100; i += 1) {
    const t0 = performance.now();
    store.searchSpans({ service: 'orders', name: 'SELECT orders.order_lines', minDurationNano: 2_500_000n, limit: 100 });
    searchTimes.push(performance.now() - t0);
  }
  const recentTimes: number[] = [];
  for (let i = 0; i < 50; i += 1) {
    const t0 = performance.now();
    store.recentSpans({ limit: 100, service: i % 2 === 0 ? 'orders' : undefined, rootsOnly: i % 3 === 0 });
    recentTimes.push(performance.now() - t0);
  }
  const sizes = store.db
    .prepare<[], { name: string; bytes: number }>("SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC")
    .all();
  store.close();

  console.log(`spans inserted ${total} (batch ${batchSize}), stored ${stored}`);
  if (total > 0) {
    console.log(`insertBatch: ${Math.round(rate).toLocaleString('en-US')} spans/s`);
    console.log(`raw floor (same first ${sample.length} spans): ${Math.round(floor.rowsPerSecond).toLocaleString('en-US')} rows/s → ratio ${(rate / floor.rowsPerSecond).toFixed(2)}`);
  }
  console.log(`used bytes/span ${(used / stored).toFixed(1)} (file ${(fileBytes / stored).toFixed(1)})`);
  for (const s of sizes.filter((x) => x.bytes / stored >= 0.1)) console.log(`  ${s.name.padEnd(28)} ${(s.bytes / stored).toFixed(1)} B/span`);
  console.log(`trace by id p50 ${percentile(traceTimes, 50).toFixed(2)} ms p95 ${percentile(traceTimes, 95).toFixed(2)} ms`);
  console.log(`search service+name+minDuration newest 100 p50 ${percentile(searchTimes, 50).toFixed(2)} ms p95 ${percentile(searchTimes, 95).toFixed(2)} ms`);
  console.log(`recentSpans(100) p50 ${percentile(recentTimes, 50).toFixed(2)} ms p95 ${percentile(recentTimes, 95).toFixed(2)} ms`);
} finally {
  if (keptDir === undefined) fs.rmSync(dir, { recursive: true, force: true });
  else fs.rmSync(path.join(dir, 'floor'), { recursive: true, force: true });
}
