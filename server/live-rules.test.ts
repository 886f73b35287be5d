import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { MetricPoint } from '../common/telemetry.ts';
import { buildMetricPoint, buildResource } from '../fixtures/domain-builders.ts';
import { StoreClient } from '../store/index.ts';
import { startLiveRules, type LiveRules } from './live-rules.ts';

const SECOND = 1_000_000_000n;
const T0 = 1_700_000_000n * SECOND;
const host = buildResource('chokepoint-host', { 'host.name': 'api-1' });

function cpu(fromSecond: number, toSecond: number, busy: number): MetricPoint[] {
  const points: MetricPoint[] = [];
  for (let s = fromSecond; s < toSecond; s += 1) {
    for (const [mode, value] of [['user', busy], ['idle', 1 - busy]] as const) {
      points.push(buildMetricPoint({ type: 'gauge', value }, { resource: host, attributes: { 'cpu.mode': mode }, timeUnixNano: T0 + BigInt(s) * SECOND }));
    }
  }
  return points;
}

describe('live rules', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  it('reads only new rows each tick, raises a finding, stores it, and marks it inactive once it stops firing', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chokepoint-live-rules-'));
    const store = await StoreClient.open({ dataDir: dir, retention: {} });
    let now = T0 + 30n * SECOND;
    const rules: LiveRules = startLiveRules(store, { intervalMs: 60_000, now: () => now });
    cleanups.push(async () => {
      rules.stop();
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    await store.write({ spans: [], metricPoints: cpu(0, 30, 0.2), logs: [] });
    expect((await rules.evaluateNow()).findings).toEqual([]);

    await store.write({ spans: [], metricPoints: cpu(30, 60, 0.98), logs: [] });
    now = T0 + 60n * SECOND;
    const hot = await rules.evaluateNow();
    expect(hot.findings.map((f) => [f.kind, f.active])).toEqual([['cpu_saturation', true]]);
    expect(hot.evaluatedAtUnixNano).toBe(now.toString());
    const stored = await store.query('findings', {});
    expect(stored.map((f) => f.kind)).toEqual(['cpu_saturation']);

    // Ten minutes later the CPU is calm again and the busy stretch has aged out of the window.
    await store.write({ spans: [], metricPoints: cpu(600, 700, 0.1), logs: [] });
    now = T0 + 700n * SECOND;
    const calm = await rules.evaluateNow();
    expect(calm.findings.map((f) => [f.kind, f.active])).toEqual([['cpu_saturation', false]]);
  });
});
