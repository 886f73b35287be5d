// The source for macOS and Windows (and any non-Linux platform), built on Node's os module and
// systeminformation. It yields the same HostSnapshot as the /proc source, as far as the platform
// allows; what it cannot know is left out rather than reported as zero:
//
// - CPU: os.cpus() cumulative milliseconds per logical CPU (user, nice, system, idle, interrupt);
//   this is what systeminformation's currentLoad() reads too, but currentLoad() only returns
//   per-call deltas, which cannot make a cumulative system.cpu.time. No iowait or steal.
// - Memory and swap: systeminformation mem(). Available/shared only on Linux.
// - Disk: one aggregate device named 'all' — disksIO() for operation counts (not on Windows),
//   fsStats() for bytes (not on Windows), read/write wait time only where the platform fills it
//   in (Linux). No io_time, so the console's disk-busy chart stays empty on macOS/Windows.
// - Network: networkStats('*') per interface: bytes, errors, drops; no packet counts.
// - Paging faults: none. Load average: os.loadavg(), not on Windows (always zeros there).
// systeminformation is imported lazily, so the Linux path never loads it.

import { cpus, loadavg, uptime } from 'node:os';
import type { Systeminformation } from 'systeminformation';
import type * as SystemInformationModule from 'systeminformation';
import type {
  HostCpu,
  HostDisk,
  HostMemory,
  HostSnapshot,
  SnapshotFailure,
  SnapshotPart,
  SnapshotResult,
  SnapshotSource,
} from './host-snapshot.ts';
import { toError } from './host-snapshot.ts';

export function osCpus(): HostCpu {
  const perCpu = cpus().map((c, logicalNumber) => ({
    logicalNumber,
    ticks: { user: c.times.user, nice: c.times.nice, system: c.times.sys, idle: c.times.idle, interrupt: c.times.irq },
  }));
  if (perCpu.length === 0) throw new Error('os.cpus() returned no CPUs');
  const total = { user: 0, nice: 0, system: 0, idle: 0, interrupt: 0 };
  for (const { ticks } of perCpu) {
    total.user += ticks.user;
    total.nice += ticks.nice;
    total.system += ticks.system;
    total.idle += ticks.idle;
    total.interrupt += ticks.interrupt;
  }
  return { ticksPerSecond: 1000, total, perCpu };
}

export function siMemory(m: Systeminformation.MemData, platform: string): HostMemory {
  const linux = platform === 'linux';
  const cachedBytes = linux ? m.cached + m.reclaimable : Math.max(0, m.buffcache - m.buffers);
  return {
    totalBytes: m.total,
    freeBytes: m.free,
    buffersBytes: m.buffers,
    cachedBytes,
    usedBytes: Math.max(0, m.total - m.free - m.buffers - cachedBytes),
    availableBytes: linux ? m.available : null,
    sharedBytes: null,
  };
}

export function siDisk(
  io: Systeminformation.DisksIoData | null,
  fs: Systeminformation.FsStatsData | null,
  platform: string,
): HostDisk | null {
  if (!io && !fs) return null;
  const waits = io !== null && platform !== 'darwin';
  return {
    device: 'all',
    readBytes: fs ? fs.rx : null,
    writeBytes: fs ? fs.wx : null,
    readOps: io ? io.rIO : null,
    writeOps: io ? io.wIO : null,
    readMerged: null,
    writeMerged: null,
    readTimeSeconds: waits ? io.rWaitTime / 1000 : null,
    writeTimeSeconds: waits ? io.wWaitTime / 1000 : null,
    ioTimeSeconds: null,
  };
}

export function createSysteminformationSource(platform: string = process.platform): SnapshotSource {
  let loaded: Promise<typeof SystemInformationModule> | null = null;
  const si = () => (loaded ??= import('systeminformation'));
  // Fixed once: os.uptime() has a one-second resolution, so recomputing would jitter.
  const bootTimeUnixNano = BigInt(Date.now() - Math.round(uptime() * 1000)) * 1_000_000n;

  return async (): Promise<SnapshotResult> => {
    const snapshot: HostSnapshot = { bootTimeUnixNano };
    const failures: SnapshotFailure[] = [];
    const part = async (name: SnapshotPart, run: () => Promise<void> | void) => {
      try {
        await run();
      } catch (err) {
        failures.push({ part: name, error: toError(err) });
      }
    };

    await Promise.all([
      part('cpu', () => {
        snapshot.cpu = osCpus();
      }),
      part('load', () => {
        if (platform === 'win32') return;
        const [m1, m5, m15] = loadavg();
        snapshot.load = { m1: m1 ?? 0, m5: m5 ?? 0, m15: m15 ?? 0 };
      }),
      part('memory', async () => {
        const m = await (await si()).mem();
        snapshot.memory = siMemory(m, platform);
        snapshot.swap = { totalBytes: m.swaptotal, freeBytes: Math.max(0, m.swaptotal - m.swapused) };
      }),
      part('disk', async () => {
        const lib = await si();
        // Both resolve null (despite their types) on Windows.
        const [io, fs] = await Promise.all([
          lib.disksIO() as Promise<Systeminformation.DisksIoData | null>,
          lib.fsStats() as Promise<Systeminformation.FsStatsData | null>,
        ]);
        const disk = siDisk(io, fs, platform);
        if (disk) snapshot.disks = [disk];
      }),
      part('network', async () => {
        const stats = await (await si()).networkStats('*');
        snapshot.network = stats.map((n) => ({
          interface: n.iface,
          rxBytes: n.rx_bytes,
          txBytes: n.tx_bytes,
          rxPackets: null,
          txPackets: null,
          rxErrors: n.rx_errors,
          txErrors: n.tx_errors,
          rxDropped: n.rx_dropped,
          txDropped: n.tx_dropped,
        }));
      }),
    ]);
    return { snapshot, failures };
  };
}
