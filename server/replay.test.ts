import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../common/findings.ts';
import { buildSpan, spanIdFor, traceIdFor } from '../fixtures/domain-builders.ts';
import { IncidentFileWriter } from '../collectors/files/index.ts';
import { StoreClient } from '../store/index.ts';
import { replayFile, type IncidentEvaluator } from './replay.ts';

const SECOND = 1_000_000_000n;
const t0 = 1_700_000_000n * SECOND;

/** One span per second for 60 s; from second 30 on, each span is slow. */
const spans = Array.from({ length: 60 }, (_, i) =>
  buildSpan({ traceId: traceIdFor(i), spanId: spanIdFor(i), startTimeUnixNano: t0 + BigInt(i) * SECOND, endTimeUnixNano: t0 + BigInt(i) * SECOND + (i >= 30 ? SECOND / 2n : SECOND / 100n) }),
);

/** Stands in for the rules: raises one finding once the store holds a slow span, and notes when it was asked. */
class SlowSpanEvaluator implements IncidentEvaluator {
  readonly askedAt: bigint[] = [];
  constructor(private readonly store: StoreClient) {}
  async evaluate(atUnixNano: bigint): Promise<Finding[]> {
    this.askedAt.push(atUnixNano);
    const stored = await this.store.query('telemetryInRange', 0n, atUnixNano + 1n);
    const slow = stored.spans.filter((s) => s.endTimeUnixNano - s.startTimeUnixNano > SECOND / 10n);
    if (slow.length === 0) return [];
    return [{
      id: 'slow', kind: 'slow_query', ruleId: 'test', severity: 'warning', score: 0.5, confidence: 1, title: 'slow', summary: '',
      onsetUnixNano: slow[0].startTimeUnixNano.toString(), endUnixNano: atUnixNano.toString(),
      evidence: { series: [], spans: [], traceIds: [], numbers: { slow: slow.length } }, techniques: [],
    }];
  }
}

describe('replayFile', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chokepoint-replay-'));
  const file = path.join(dir, 'incident.jsonl');
  let n = 0;
  const freshStore = () => StoreClient.open({ dataDir: path.join(dir, `store-${(n += 1)}`), retention: {} });

  beforeAll(async () => {
    const writer = new IncidentFileWriter(file, { maxItemsPerLine: 5 });
    // Lines out of order by up to 10 s, as files from several exporters are.
    await writer.write({ spans: [...spans.slice(10, 20), ...spans.slice(0, 10), ...spans.slice(20)], metricPoints: [], logs: [] });
    await writer.close({ title: 'slow spans', notes: '', host: null, chokepointVersion: 'test' });
    fs.appendFileSync(file, 'this line is broken\n');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('raises a finding at the first evaluation after its onset, with the incident time it was detected', async () => {
    const store = await freshStore();
    const evaluator = new SlowSpanEvaluator(store);
    const result = await replayFile(file, store, { speed: 'max', evaluator });
    await store.close();
    expect(result.counts.spans).toBe(60);
    expect(result.errors).toEqual([{ file, line: 14, message: expect.stringContaining('invalid JSON') as unknown }]);
    // The slow span starting at +30 s ends at +30.5 s; the 5 s evaluation after that is +35 s.
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0].detectedAtUnixNano).toBe((t0 + 35n * SECOND).toString());
    expect(evaluator.askedAt.slice(0, 3)).toEqual([t0 + 5n * SECOND, t0 + 10n * SECOND, t0 + 15n * SECOND]);
  });

  it('shifts every timestamp so the incident starts now, and detection moves with it', async () => {
    const store = await freshStore();
    const before = BigInt(Date.now()) * 1_000_000n;
    const result = await replayFile(file, store, { speed: 'max', shiftToNow: true, evaluator: new SlowSpanEvaluator(store) });
    const range = await store.query('timeRange');
    await store.close();
    expect(result.shiftNanos).toBeGreaterThan(before - t0 - SECOND);
    expect(range!.fromUnixNano).toBeGreaterThanOrEqual(before);
    expect(BigInt(result.findings[0].detectedAtUnixNano!) - result.shiftNanos).toBe(t0 + 35n * SECOND);
  });

  it('paces delivery at the chosen speed', async () => {
    const store = await freshStore();
    const started = performance.now();
    await replayFile(file, store, { speed: 60 });
    await store.close();
    // 60 s of incident at 60× is about one second of wall time; at max speed it would be a few milliseconds.
    expect(performance.now() - started).toBeGreaterThan(900);
  });
});
