// Rules benchmarks. Prints a readable line and one JSON line per figure.
//   rules.full-pass-1m-spans: analyze's path, 1,000,000 typical spans put in the evidence window, then every
//     rule once (goal ≤ 3 s for the rules).
//   rules.live-20k-spans-per-s: the store receives 20,000 spans a second of data time (written 5 s at a time);
//     the live runner, configured as `serve` configures it, evaluates once per 5 s. The CPU of both threads
//     during each evaluation ÷ 5 s is its share of one core (goal ≤ 10%).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Span } from '../common/telemetry.ts';
import { buildTypicalSpans } from '../fixtures/domain-builders.ts';
import { LIVE_MAX_SPANS, LIVE_PAGE_ROWS } from '../server/live-rules.ts';
import { DirectRulesRunner, StoreRulesRunner } from '../server/rules-runner.ts';
import { StoreClient } from '../store/index.ts';

const emit = (figure: Record<string, unknown>) => console.log(JSON.stringify(figure));
const FULL_SPANS = Number(process.env.BENCH_RULES_SPANS ?? 1_000_000);
const LIVE_SECONDS = Number(process.env.BENCH_RULES_LIVE_SECONDS ?? 60);
const LIVE_RATE = 20_000;
const TICK_SECONDS = 5;

/** Typical spans squeezed in time so that `perSecond` of them start in each second (durations kept). */
function spansAtRate(count: number, firstSpan: number, perSecond: number): Span[] {
  const spans = buildTypicalSpans(count, firstSpan / 5);
  const base = 1_700_000_000_000_000_000n;
  // buildTypicalSpans starts a trace (5 spans) every millisecond: 5,000 spans a second of data time.
  const squeeze = BigInt(Math.round((perSecond / 5000) * 1000));
  for (const span of spans) {
    const duration = span.endTimeUnixNano - span.startTimeUnixNano;
    span.startTimeUnixNano = base + ((span.startTimeUnixNano - base) * 1000n) / squeeze;
    span.endTimeUnixNano = span.startTimeUnixNano + duration;
  }
  return spans;
}

// Full pass.
{
  // A window that keeps every span: the rules see all of them at once.
  const runner = new DirectRulesRunner({ spanWindowNanos: 24n * 3600n * 1_000_000_000n, maxSpans: FULL_SPANS });
  // Spans arrive in batches freshly made, as `analyze` decodes a file batch by batch and adds each one; only the
  // adding is timed. (Adding spans built long before measured the heap's layout more than the window: 20 s.)
  let addMs = 0;
  let count = 0;
  let end = 0n;
  for (let first = 0; first < FULL_SPANS; first += 10_000) {
    const batch = spansAtRate(Math.min(10_000, FULL_SPANS - first), first, 5000);
    for (const s of batch) if (s.endTimeUnixNano > end) end = s.endTimeUnixNano;
    const started = performance.now();
    runner.add({ spans: batch, metricPoints: [] });
    addMs += performance.now() - started;
    count += batch.length;
  }
  const started = performance.now();
  const findings = await runner.evaluate(end);
  const rulesMs = performance.now() - started;
  console.log(
    `rules.full-pass-1m-spans: ${(rulesMs / 1000).toFixed(2)} s for every rule over ${count.toLocaleString('en-US')} spans (goal ≤ 3 s) · ` +
      `${(addMs / 1000).toFixed(2)} s more to put them in the window · ${findings.length} findings`,
  );
  emit({ bench: 'rules.full-pass-1m-spans', value: Number((rulesMs / 1000).toFixed(3)), unit: 's', goal: '<= 3' });
  emit({ bench: 'rules.full-pass-1m-spans.window', value: Number((addMs / 1000).toFixed(3)), unit: 's' });
}

// Live.
{
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chokepoint-bench-rules-'));
  const store = await StoreClient.open({ dataDir: dir, retention: {} });
  try {
    const runner = new StoreRulesRunner(store, { live: { maxSpans: LIVE_MAX_SPANS }, pageSize: LIVE_PAGE_ROWS });
    const perTick = LIVE_RATE * TICK_SECONDS;
    const cpuMs: number[] = [];
    for (let tick = 0; tick < LIVE_SECONDS / TICK_SECONDS; tick += 1) {
      const spans = spansAtRate(perTick, tick * perTick, LIVE_RATE);
      for (let i = 0; i < spans.length; i += 10_000) await store.writeSpans(spans.slice(i, i + 10_000));
      await store.settled();
      const end = spans[spans.length - 1].startTimeUnixNano;
      const before = process.cpuUsage();
      await runner.evaluate(end);
      const used = process.cpuUsage(before);
      cpuMs.push((used.user + used.system) / 1000);
    }
    // The first ticks fill the window; the steady state is what a live session pays.
    const steady = cpuMs.slice(2);
    const mean = steady.reduce((a, b) => a + b, 0) / steady.length;
    const share = mean / (TICK_SECONDS * 1000);
    console.log(
      `rules.live-20k-spans-per-s: ${(share * 100).toFixed(1)}% of one core (goal ≤ 10%) · ${mean.toFixed(0)} ms CPU per ${TICK_SECONDS} s tick ` +
        `(max ${Math.max(...steady).toFixed(0)} ms), reading at most ${LIVE_PAGE_ROWS.toLocaleString('en-US')} of the ${perTick.toLocaleString('en-US')} new spans a tick, ` +
        `keeping ${LIVE_MAX_SPANS.toLocaleString('en-US')}; ${runner.skipped.toLocaleString('en-US')} spans skipped over ${LIVE_SECONDS} s`,
    );
    emit({ bench: 'rules.live-20k-spans-per-s', value: Number((share * 100).toFixed(2)), unit: '% of one core', goal: '<= 10' });
  } finally {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
