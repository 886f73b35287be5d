// Store at scale: BENCH_STORE_SPANS (default 10,000,000) typical spans (fixtures/domain-builders: a frontend
// request, an order lookup, SQL and an HTTP call per trace, with realistic attributes) written through the
// store's own write path (pack, insert; batches of 10,000), then the console's reads at that size:
//   - trace by id (200 random traces)                          goal p95 ≤ 5 ms
//   - search: service + operation + min duration, newest 100   goal p95 ≤ 50 ms
//   - percentiles of one operation over the last hour          goal ≤ 200 ms
//   - bytes per span                                           goal ≤ 250
//   - retention by size: a cap of half the data holds
// OTLP decoding is left out here: `npm run bench:ingest` measures it. Prints a readable line and one JSON line
// per figure.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { applyRetention, TelemetryStore } from '../store/index.ts';
import { buildTypicalSpans, traceIdFor } from '../fixtures/domain-builders.ts';

const TOTAL = Number(process.env.BENCH_STORE_SPANS ?? 10_000_000);
const CHUNK = 100_000;
const BATCH = 10_000;
const HOUR_NS = 3_600_000_000_000n;

const emit = (figure: Record<string, unknown>) => console.log(JSON.stringify(figure));
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))];
const timed = <T>(run: () => T): [T, number] => {
  const started = performance.now();
  const value = run();
  return [value, performance.now() - started];
};

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chokepoint-bench-store-'));
try {
  const store = TelemetryStore.open({ dataDir: dir });
  let insertMs = 0;
  let newest = 0n;
  for (let done = 0; done < TOTAL; done += CHUNK) {
    const spans = buildTypicalSpans(Math.min(CHUNK, TOTAL - done), done / 5);
    for (const span of spans) if (span.startTimeUnixNano > newest) newest = span.startTimeUnixNano;
    const [, ms] = timed(() => {
      for (let i = 0; i < spans.length; i += BATCH) store.insertBatch({ spans: spans.slice(i, i + BATCH), metricPoints: [], logs: [] });
    });
    insertMs += ms;
    if ((done / CHUNK) % 10 === 9) process.stderr.write(`  ${((done + CHUNK) / 1e6).toFixed(1)}M spans stored\n`);
  }
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  const stored = store.counts().spans;
  const bytesPerSpan = store.usedBytes() / stored;
  console.log(`store.write: ${stored.toLocaleString('en-US')} spans in ${(insertMs / 1000).toFixed(0)} s (${Math.round(stored / (insertMs / 1000)).toLocaleString('en-US')} spans/s through pack + insert)`);
  emit({ bench: 'store.write', value: Math.round(stored / (insertMs / 1000)), unit: 'spans/s', goal: 'store path only; see ingest for OTLP' });

  const traces = stored / 5;
  const traceTimes = Array.from({ length: 200 }, () => timed(() => store.trace(traceIdFor(Math.floor(Math.random() * traces))))[1]);
  const searchTimes = Array.from({ length: 100 }, () => timed(() => store.searchSpans({ service: 'orders', name: 'SELECT orders.order_lines', minDurationNano: 2_500_000n, limit: 100 }))[1]);
  const latencyTimes = Array.from({ length: 5 }, () => timed(() => store.spans.operationLatency('frontend', 'GET /api/orders/:id', newest - HOUR_NS, newest + 1n))[1]);
  const latency = store.spans.operationLatency('frontend', 'GET /api/orders/:id', newest - HOUR_NS, newest + 1n);

  const figures = [
    { bench: 'store.trace-by-id.p95', value: percentile(traceTimes, 95), unit: 'ms', goal: '<= 5', ok: percentile(traceTimes, 95) <= 5, extra: `p50 ${percentile(traceTimes, 50).toFixed(2)} ms` },
    { bench: 'store.search.p95', value: percentile(searchTimes, 95), unit: 'ms', goal: '<= 50', ok: percentile(searchTimes, 95) <= 50, extra: `service + operation + min duration, newest 100; p50 ${percentile(searchTimes, 50).toFixed(2)} ms` },
    { bench: 'store.operation-percentiles-1h', value: percentile(latencyTimes, 50), unit: 'ms', goal: '<= 200', ok: percentile(latencyTimes, 50) <= 200, extra: `p50/p95/p99 of ${latency?.count.toLocaleString('en-US') ?? 0} root spans` },
    { bench: 'store.bytes-per-span', value: bytesPerSpan, unit: 'B', goal: '<= 250', ok: bytesPerSpan <= 250, extra: `${(store.usedBytes() / 1e9).toFixed(2)} GB for ${stored.toLocaleString('en-US')} spans` },
  ];

  // Retention by size: cap at half of what is stored; the store must end under the cap, oldest gone first.
  const cap = Math.floor(store.usedBytes() / 2);
  const [result, retentionMs] = timed(() => applyRetention(store, { maxBytes: cap, nowUnixNano: newest }));
  const after = store.usedBytes();
  const left = store.counts().spans;
  figures.push({ bench: 'store.retention-by-size', value: after / cap, unit: 'share of cap', goal: '<= 1', ok: after <= cap, extra: `cap ${(cap / 1e9).toFixed(2)} GB → ${(after / 1e9).toFixed(2)} GB in ${(retentionMs / 1000).toFixed(1)} s, ${result.deleted.spans.toLocaleString('en-US')} oldest spans deleted, ${left.toLocaleString('en-US')} left` });
  store.close();

  for (const f of figures) {
    console.log(`${f.bench}: ${f.value.toFixed(2)} ${f.unit} (goal ${f.goal}${f.ok ? ', met' : ', NOT met'}) · ${f.extra}`);
    emit({ bench: f.bench, value: Number(f.value.toFixed(3)), unit: f.unit, goal: f.goal });
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
