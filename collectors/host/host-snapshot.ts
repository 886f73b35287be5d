// One reading of the host, as plain data in OS-neutral units. Both sources (/proc on Linux,
// systeminformation elsewhere) produce this; snapshot-to-points turns it into semconv metric points.
// A part is absent when it could not be read this time (the failure is listed next to it).

/** The `cpu.mode` values the semantic conventions ask system.cpu.* to use. */
export const CPU_MODES = ['user', 'system', 'nice', 'idle', 'iowait', 'interrupt', 'steal'] as const;
export type CpuMode = (typeof CPU_MODES)[number];

/** Cumulative ticks per mode; a mode the platform does not report is absent. */
export type CpuModeTicks = Partial<Record<CpuMode, number>>;

export interface HostCpu {
  /** 100 for Linux jiffies (USER_HZ), 1000 for os.cpus() milliseconds. */
  ticksPerSecond: number;
  total: CpuModeTicks;
  perCpu: { logicalNumber: number; ticks: CpuModeTicks }[];
}

/** used + free + buffers + cached = total. */
export interface HostMemory {
  totalBytes: number;
  usedBytes: number;
  freeBytes: number;
  buffersBytes: number;
  cachedBytes: number;
  /** Linux MemAvailable; null elsewhere or on old kernels. */
  availableBytes: number | null;
  /** Linux Shmem; null elsewhere. */
  sharedBytes: number | null;
}

export interface HostSwap {
  totalBytes: number;
  freeBytes: number;
}

export interface HostPaging {
  minorFaults: number;
  majorFaults: number;
  pagesSwappedIn: number | null;
  pagesSwappedOut: number | null;
}

/** Cumulative counters of one block device (or 'all' when the platform only gives a total); null = not available. */
export interface HostDisk {
  device: string;
  readBytes: number | null;
  writeBytes: number | null;
  readOps: number | null;
  writeOps: number | null;
  readMerged: number | null;
  writeMerged: number | null;
  readTimeSeconds: number | null;
  writeTimeSeconds: number | null;
  ioTimeSeconds: number | null;
}

export interface HostNetworkInterface {
  interface: string;
  rxBytes: number;
  txBytes: number;
  rxPackets: number | null;
  txPackets: number | null;
  rxErrors: number;
  txErrors: number;
  rxDropped: number;
  txDropped: number;
}

export interface HostLoad {
  m1: number;
  m5: number;
  m15: number;
}

export interface HostSnapshot {
  cpu?: HostCpu;
  memory?: HostMemory;
  swap?: HostSwap;
  paging?: HostPaging;
  disks?: HostDisk[];
  network?: HostNetworkInterface[];
  load?: HostLoad;
  /** When the kernel's counters started (boot), if the source knows it. */
  bootTimeUnixNano?: bigint;
}

export type SnapshotPart = 'cpu' | 'memory' | 'paging' | 'disk' | 'network' | 'load';

export interface SnapshotFailure {
  part: SnapshotPart;
  error: Error;
}

export interface SnapshotResult {
  snapshot: HostSnapshot;
  failures: SnapshotFailure[];
}

/** Reads the host once. Must not reject: failures go into `failures`. */
export type SnapshotSource = () => Promise<SnapshotResult>;

export function toError(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value));
}
