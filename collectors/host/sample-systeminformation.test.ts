import { describe, expect, it } from 'vitest';
import type { Systeminformation } from 'systeminformation';
import { createSysteminformationSource, osCpus, siDisk, siMemory } from './sample-systeminformation.ts';
import { snapshotToPoints } from './snapshot-to-points.ts';
import { HOST_SAMPLER_SCOPE, hostResource } from './host-resource.ts';

const mem = (over: Partial<Systeminformation.MemData>): Systeminformation.MemData => ({
  total: 1000, free: 100, used: 900, active: 500, available: 450, buffcache: 400, buffers: 50, cached: 250, slab: 100,
  reclaimable: 60, swaptotal: 0, swapused: 0, swapfree: 0, writeback: null, dirty: null, ...over,
});

describe('systeminformation conversions', () => {
  it('splits memory so the states add up to the total, per platform', () => {
    const linux = siMemory(mem({}), 'linux');
    expect(linux).toMatchObject({ cachedBytes: 310, buffersBytes: 50, usedBytes: 540, availableBytes: 450 });
    const mac = siMemory(mem({ buffers: 0, buffcache: 300 }), 'darwin');
    expect(mac).toMatchObject({ cachedBytes: 300, usedBytes: 600, availableBytes: null });
    for (const m of [linux, mac]) expect(m.usedBytes + m.freeBytes + m.buffersBytes + m.cachedBytes).toBe(m.totalBytes);
  });

  it('reports disk as one aggregate device and leaves out what the platform lacks', () => {
    const io = { rIO: 5, wIO: 7, rWaitTime: 1500, wWaitTime: 500 } as Systeminformation.DisksIoData;
    const fs = { rx: 4096, wx: 8192 } as Systeminformation.FsStatsData;
    expect(siDisk(io, fs, 'linux')).toMatchObject({ device: 'all', readBytes: 4096, writeOps: 7, readTimeSeconds: 1.5, ioTimeSeconds: null });
    expect(siDisk(io, null, 'darwin')).toMatchObject({ readBytes: null, readOps: 5, readTimeSeconds: null });
    expect(siDisk(null, null, 'win32')).toBeNull();
  });

  it('reads cumulative CPU milliseconds from os.cpus()', () => {
    const cpu = osCpus();
    expect(cpu.ticksPerSecond).toBe(1000);
    expect(cpu.perCpu.length).toBeGreaterThan(0);
    expect(cpu.total.idle).toBe(cpu.perCpu.reduce((sum, c) => sum + (c.ticks.idle ?? 0), 0));
  });
});

describe('createSysteminformationSource (smoke test, runs on this machine whatever the OS)', () => {
  it('produces the same metric names as the /proc source', async () => {
    const source = createSysteminformationSource();
    const first = await source();
    await new Promise((resolve) => setTimeout(resolve, 600));
    const second = await source();
    expect(second.failures).toEqual([]);
    const ctx = { resource: hostResource(), scope: HOST_SAMPLER_SCOPE, timeUnixNano: 2n, startTimeUnixNano: 1n };
    const names = new Set(snapshotToPoints(second.snapshot, first.snapshot, ctx).map((p) => p.name));
    for (const name of [
      'system.cpu.time', 'system.cpu.utilization', 'system.cpu.logical.count',
      'system.memory.usage', 'system.memory.limit', 'system.memory.utilization', 'system.paging.usage',
      'system.network.io', 'system.network.errors', 'system.network.packet.dropped',
    ]) {
      expect(names, name).toContain(name);
    }
    if (process.platform !== 'win32') {
      expect(names).toContain('system.cpu.load_average.1m');
      expect(names).toContain('system.disk.operations');
    }
    expect(second.snapshot.bootTimeUnixNano).toBe(first.snapshot.bootTimeUnixNano);
  });
});
