import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MetricPoint, TelemetryBatch } from '../../common/telemetry.ts';
import { startHostSampler } from './host-sampler.ts';
import type { HostSampler } from './host-sampler.ts';
import type { SnapshotResult } from './host-snapshot.ts';
import { PROC_DISKSTATS, PROC_LOADAVG, PROC_MEMINFO, PROC_NET_DEV, PROC_STAT, PROC_VMSTAT } from './proc-fixtures.ts';

const find = (batch: TelemetryBatch, name: string, attrs: Record<string, unknown> = {}) =>
  batch.metricPoints.filter((p) => p.name === name && Object.entries(attrs).every(([k, v]) => p.attributes[k] === v));
const value = (point: MetricPoint | undefined) => {
  if (!point || (point.data.type !== 'gauge' && point.data.type !== 'sum')) throw new Error('no such point');
  return point.data.value;
};

let procRoot: string;
let sampler: HostSampler | undefined;
let clock: bigint;
const now = () => clock;

async function writeProc(files: Record<string, string>) {
  for (const [name, text] of Object.entries(files)) await writeFile(join(procRoot, name), text);
}

beforeEach(async () => {
  procRoot = await mkdtemp(join(tmpdir(), 'chokepoint-proc-'));
  await mkdir(join(procRoot, 'net'));
  await writeProc({
    stat: PROC_STAT,
    meminfo: PROC_MEMINFO,
    vmstat: PROC_VMSTAT,
    diskstats: PROC_DISKSTATS,
    'net/dev': PROC_NET_DEV,
    loadavg: PROC_LOADAVG,
  });
  clock = 1_800_000_000_000_000_000n;
});

afterEach(async () => {
  sampler?.stop();
  sampler = undefined;
  await rm(procRoot, { recursive: true, force: true });
});

function start(extra: Partial<Parameters<typeof startHostSampler>[0]> = {}) {
  const batches: TelemetryBatch[] = [];
  const errors: Error[] = [];
  sampler = startHostSampler({
    intervalMs: 3_600_000,
    procRoot,
    source: 'proc',
    now,
    hostName: 'fixture-host',
    onBatch: (b) => batches.push(b),
    onError: (e) => errors.push(e),
    ...extra,
  });
  return { sampler, batches, errors };
}

describe('startHostSampler over a fixture /proc', () => {
  it('computes CPU utilization from the jiffies that elapsed between two samples', async () => {
    const { sampler, batches } = start();
    const first = await sampler.sampleOnce();
    expect(find(first, 'system.cpu.utilization')).toHaveLength(0);

    // +100 jiffies in all: user 10, system 10, irq 3, softirq 2, idle 75 → 25 % busy.
    await writeProc({ stat: PROC_STAT.replace('cpu  15504 0 2341 62910 169 0 128 27', 'cpu  15514 0 2351 62985 169 3 130 27') });
    clock += 1_000_000_000n;
    const second = await sampler.sampleOnce();
    const util = (mode: string) => value(find(second, 'system.cpu.utilization', { 'cpu.mode': mode })[0]);
    expect(1 - util('idle')).toBe(0.25);
    expect(util('user')).toBe(0.1);
    expect(util('interrupt')).toBe(0.05);
    expect(util('iowait')).toBe(0);
    expect(util('steal')).toBe(0);
    expect(batches).toEqual([first, second]);
    expect(second.metricPoints[0].timeUnixNano).toBe(clock);
  });

  it('converts counters to seconds and bytes and starts them at boot time', async () => {
    const { sampler } = start();
    const batch = await sampler.sampleOnce();
    const user1 = find(batch, 'system.cpu.time', { 'cpu.logical_number': 1, 'cpu.mode': 'user' })[0];
    expect(value(user1)).toBe(107.68);
    expect(user1.startTimeUnixNano).toBe(1795406878n * 1_000_000_000n);
    expect(value(find(batch, 'system.cpu.time', { 'cpu.logical_number': 0, 'cpu.mode': 'interrupt' })[0])).toBe(0.62);
    const vda = { 'system.device': 'vda' };
    expect(value(find(batch, 'system.disk.io', { ...vda, 'disk.io.direction': 'read' })[0])).toBe(1053722 * 512);
    expect(value(find(batch, 'system.disk.io', { ...vda, 'disk.io.direction': 'write' })[0])).toBe(1194896 * 512);
    expect(value(find(batch, 'system.disk.operations', { ...vda, 'disk.io.direction': 'write' })[0])).toBe(2273);
    expect(value(find(batch, 'system.disk.io_time', vda)[0])).toBe(2.556);
    expect(value(find(batch, 'system.disk.operation_time', { ...vda, 'disk.io.direction': 'read' })[0])).toBe(6.414);
    expect(value(find(batch, 'system.disk.operation_time', { ...vda, 'disk.io.direction': 'write' })[0])).toBe(5.438);
    expect(find(batch, 'system.disk.io', { 'system.device': 'loop0' })).toHaveLength(0);
    expect(value(find(batch, 'system.memory.limit')[0])).toBe(24683656 * 1024);
    // procps arithmetic: used = total − free − buffers − (cached + SReclaimable).
    expect(value(find(batch, 'system.memory.usage', { 'system.memory.state': 'used' })[0])).toBe((24683656 - 24325512 - 4156 - 242128 - 53408) * 1024);
    expect(value(find(batch, 'system.paging.faults', { 'system.paging.fault.type': 'minor' })[0])).toBe(2016105 - 344);
    expect(value(find(batch, 'system.network.io', { 'network.interface.name': 'lo', 'network.io.direction': 'receive' })[0])).toBe(3193);
    expect(value(find(batch, 'system.cpu.load_average.5m')[0])).toBe(0.35);
    expect(batch.metricPoints[0].resource.key).toBe('host:fixture-host');
    expect(batch.metricPoints[0].scope).toEqual({ name: 'chokepoint.host-sampler', version: '0.1.0', attributes: {} });
  });

  it('skips a failing part, reports it once, and reports again only after it recovered', async () => {
    const { sampler, errors } = start();
    await rm(join(procRoot, 'vmstat'));
    await writeProc({ meminfo: 'MemFree: 1 kB\n' });
    const broken = await sampler.sampleOnce();
    await sampler.sampleOnce();
    expect(find(broken, 'system.paging.faults')).toHaveLength(0);
    expect(find(broken, 'system.memory.usage')).toHaveLength(0);
    expect(find(broken, 'system.cpu.time').length).toBeGreaterThan(0);
    expect(errors.map((e) => e.message).sort()).toEqual([
      expect.stringMatching(/^memory: \/proc\/meminfo: missing MemTotal/),
      expect.stringMatching(/^paging: ENOENT/),
    ]);

    await writeProc({ vmstat: PROC_VMSTAT, meminfo: PROC_MEMINFO });
    const healed = await sampler.sampleOnce();
    expect(find(healed, 'system.paging.faults')).toHaveLength(2);
    await rm(join(procRoot, 'vmstat'));
    await sampler.sampleOnce();
    expect(errors).toHaveLength(3);
  });

  it('keeps CPU utilization going across a failed /proc/stat read', async () => {
    const { sampler } = start();
    await sampler.sampleOnce();
    await writeProc({ stat: 'garbage' });
    const failed = await sampler.sampleOnce();
    expect(find(failed, 'system.cpu.time')).toHaveLength(0);
    await writeProc({ stat: PROC_STAT.replace('cpu  15504 0 2341 62910', 'cpu  15554 0 2341 62960') });
    const after = await sampler.sampleOnce();
    expect(value(find(after, 'system.cpu.utilization', { 'cpu.mode': 'user' })[0])).toBe(0.5);
  });

  it('survives an onBatch that throws and does not call onBatch when nothing could be read', async () => {
    let calls = 0;
    const { sampler, errors } = start({
      onBatch: () => {
        calls += 1;
        throw new Error('store is down');
      },
    });
    await sampler.sampleOnce();
    await sampler.sampleOnce();
    expect(calls).toBe(2);
    expect(errors.map((e) => e.message)).toEqual(['onBatch: store is down']);

    await rm(procRoot, { recursive: true, force: true });
    const empty = await sampler.sampleOnce();
    expect(empty.metricPoints).toEqual([]);
    expect(calls).toBe(2);
  });
});

describe('startHostSampler scheduling', () => {
  const slowSource = (ms: number, counters: { running: number; max: number; calls: number }) => async (): Promise<SnapshotResult> => {
    counters.running += 1;
    counters.calls += 1;
    counters.max = Math.max(counters.max, counters.running);
    await new Promise((resolve) => setTimeout(resolve, ms));
    counters.running -= 1;
    return { snapshot: { load: { m1: counters.calls, m5: 0, m15: 0 } }, failures: [] };
  };

  it('never runs two samples at once, whether from the timer or sampleOnce', async () => {
    const counters = { running: 0, max: 0, calls: 0 };
    const { sampler, batches } = start({ intervalMs: 5, source: slowSource(15, counters) });
    const manual = await Promise.all([sampler.sampleOnce(), sampler.sampleOnce(), sampler.sampleOnce()]);
    await new Promise((resolve) => setTimeout(resolve, 60));
    sampler.stop();
    expect(counters.max).toBe(1);
    expect(new Set(manual.map((b) => value(b.metricPoints[0]))).size).toBe(3);
    expect(batches.length).toBeGreaterThanOrEqual(4);
  });

  it('samples every interval until stopped', async () => {
    const counters = { running: 0, max: 0, calls: 0 };
    const { sampler, batches } = start({ intervalMs: 10, source: slowSource(0, counters) });
    await new Promise((resolve) => setTimeout(resolve, 120));
    sampler.stop();
    const seen = batches.length;
    expect(seen).toBeGreaterThanOrEqual(4);
    expect(seen).toBeLessThanOrEqual(13);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(batches.length).toBe(seen);
    // Still usable by hand, but nothing reaches onBatch after stop().
    expect((await sampler.sampleOnce()).metricPoints).toHaveLength(3);
    expect(batches.length).toBe(seen);
  });

  it('does not keep the process alive (the timer is unref’d)', async () => {
    const entry = new URL('./host-sampler.ts', import.meta.url).href;
    const script = `import { startHostSampler } from ${JSON.stringify(entry)};
      startHostSampler({ intervalMs: 20, onBatch: () => { globalThis.sampled = true; } });
      setTimeout(() => { if (!globalThis.sampled) process.exitCode = 3; }, 200);`;
    const started = Date.now();
    await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { timeout: 10_000 });
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe.runIf(process.platform === 'linux')('startHostSampler on this machine’s /proc', () => {
  it('reads every part of the real /proc with sane values', async () => {
    const { sampler, errors } = start({ procRoot: '/proc', now: undefined });
    await sampler.sampleOnce();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const batch = await sampler.sampleOnce();
    expect(errors).toEqual([]);
    const names = new Set(batch.metricPoints.map((p) => p.name));
    for (const name of [
      'system.cpu.time', 'system.cpu.utilization', 'system.cpu.logical.count', 'system.cpu.load_average.1m',
      'system.memory.usage', 'system.memory.limit', 'system.memory.utilization', 'system.memory.linux.available',
      'system.paging.faults', 'system.paging.usage', 'system.network.io', 'system.network.packet.count',
      'system.network.errors', 'system.network.packet.dropped',
    ]) {
      expect(names, name).toContain(name);
    }
    const utilization = find(batch, 'system.cpu.utilization').reduce((sum, p) => sum + value(p), 0);
    expect(utilization).toBeCloseTo(1, 9);
    const memUtil = value(find(batch, 'system.memory.utilization', { 'system.memory.state': 'used' })[0]);
    expect(memUtil).toBeGreaterThan(0);
    expect(memUtil).toBeLessThan(1);
    expect(find(batch, 'system.network.io', { 'network.interface.name': 'lo' })).toHaveLength(2);
    const wallNs = BigInt(Date.now()) * 1_000_000n;
    const t = batch.metricPoints[0].timeUnixNano;
    expect(t > wallNs - 5_000_000_000n && t <= wallNs + 5_000_000_000n).toBe(true);
  });
});
