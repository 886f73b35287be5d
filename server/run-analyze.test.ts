// `chokepoint analyze` as a user runs it: the real CLI on files, stdout, stderr and the exit code.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../common/findings.ts';
import type { MetricPoint } from '../common/telemetry.ts';
import { buildMetricPoint, buildResource } from '../fixtures/domain-builders.ts';
import { IncidentFileWriter } from '../collectors/files/index.ts';

const run = promisify(execFile);
const cli = path.resolve('bin/chokepoint.mjs');
const SECOND = 1_000_000_000n;
const T0 = 1_700_000_000n * SECOND;

/** A host whose CPU sits at 30% for a minute, then 97% for a minute. */
function cpuIncident(): MetricPoint[] {
  const host = buildResource('chokepoint-host', { 'host.name': 'db-1' });
  const points: MetricPoint[] = [];
  for (let s = 0; s < 120; s += 1) {
    const busy = s < 60 ? 0.3 : 0.97;
    for (const [mode, value] of [['user', busy], ['idle', 1 - busy]] as const) {
      points.push(buildMetricPoint({ type: 'gauge', value }, { resource: host, name: 'system.cpu.utilization', attributes: { 'cpu.mode': mode }, timeUnixNano: T0 + BigInt(s) * SECOND }));
    }
  }
  return points;
}

async function analyze(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, 'analyze', ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('chokepoint analyze', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chokepoint-analyze-'));
  const incident = path.join(dir, 'cpu.jsonl.gz');
  const broken = path.join(dir, 'broken.jsonl');

  beforeAll(async () => {
    const writer = new IncidentFileWriter(incident, { plain: true, maxItemsPerLine: 50 });
    await writer.write({ spans: [], metricPoints: cpuIncident(), logs: [] });
    await writer.close({ title: '', notes: '', host: null, chokepointVersion: 'test' });
    // The same data uncompressed with two bad lines in the middle.
    const writerPlain = new IncidentFileWriter(broken, { plain: true, maxItemsPerLine: 50 });
    await writerPlain.write({ spans: [], metricPoints: cpuIncident(), logs: [] });
    await writerPlain.close({ title: '', notes: '', host: null, chokepointVersion: 'test' });
    const text = fs.readFileSync(broken, 'utf8').split('\n');
    text.splice(2, 0, '{"resourceMetrics": [ oops', '{"resourceSpans": 7}');
    fs.writeFileSync(broken, text.join('\n'));
  }, 30_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints exactly {"findings":[...]} with --json, ranked, with techniques as id/name/why', async () => {
    const { code, stdout } = await analyze([incident, '--json']);
    expect(code).toBe(0);
    const parsed = JSON.parse(stdout) as { findings: Finding[] };
    expect(Object.keys(parsed)).toEqual(['findings']);
    expect(parsed.findings.map((f) => f.kind)).toEqual(['cpu_saturation']);
    const [finding] = parsed.findings;
    expect(finding).toMatchObject({ severity: 'critical', onsetUnixNano: (T0 + 60n * SECOND).toString() });
    expect(finding.techniques[0]).toEqual({ id: 'profiling', name: expect.any(String) as unknown, why: expect.stringContaining('97%') as unknown });
  }, 30_000);

  it('exits 3 with --fail-on when a finding is at or above the level, 0 otherwise', async () => {
    expect((await analyze([incident, '--json', '--fail-on', 'critical'])).code).toBe(3);
    // A backtest: with the line raised above the load, nothing fires and CI passes.
    const relaxed = await analyze([incident, '--json', '--fail-on', 'warning', '--set', 'cpu-saturation.warningBusyRatio=0.99']);
    expect(relaxed.code).toBe(0);
    expect(JSON.parse(relaxed.stdout)).toEqual({ findings: [] });
  }, 30_000);

  it('names each bad line on stderr and still analyses the good ones', async () => {
    const { code, stdout, stderr } = await analyze([broken]);
    expect(code).toBe(0);
    expect(stderr).toContain(`${broken}:3:`);
    expect(stderr).toContain(`${broken}:4:`);
    expect(stdout).toContain('CPU on db-1');
  }, 30_000);

  it('refuses a threshold override that is not rule.threshold=value', async () => {
    const { code, stderr } = await analyze([incident, '--set', 'nonsense']);
    expect(code).not.toBe(0);
    expect(stderr).toContain('rule.threshold=value');
  }, 30_000);
});
