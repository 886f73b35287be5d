// Parses /proc/meminfo into bytes. Only MemTotal and MemFree are required; fields that old or
// unusual kernels lack read as 0, except MemAvailable and Shmem which read as null (metric skipped).

export interface Meminfo {
  memTotalBytes: number;
  memFreeBytes: number;
  /** null on kernels before 3.14 (no MemAvailable line). */
  memAvailableBytes: number | null;
  buffersBytes: number;
  cachedBytes: number;
  sReclaimableBytes: number;
  shmemBytes: number | null;
  swapTotalBytes: number;
  swapFreeBytes: number;
}

/** Every `Key: value [kB]` line, in bytes when the unit is kB, else the bare number (HugePages_*). */
export function parseMeminfoFields(text: string): Map<string, number> {
  const fields = new Map<string, number>();
  for (const line of text.split('\n')) {
    const match = /^([^:\s]+):\s*(\d+)(?:\s+(kB))?\s*$/.exec(line);
    if (!match) continue;
    const value = Number(match[2]);
    fields.set(match[1], match[3] === 'kB' ? value * 1024 : value);
  }
  return fields;
}

export function parseMeminfo(text: string): Meminfo {
  const fields = parseMeminfoFields(text);
  const required = (key: string): number => {
    const value = fields.get(key);
    if (value === undefined) throw new Error(`/proc/meminfo: missing ${key}`);
    return value;
  };
  return {
    memTotalBytes: required('MemTotal'),
    memFreeBytes: required('MemFree'),
    memAvailableBytes: fields.get('MemAvailable') ?? null,
    buffersBytes: fields.get('Buffers') ?? 0,
    cachedBytes: fields.get('Cached') ?? 0,
    sReclaimableBytes: fields.get('SReclaimable') ?? 0,
    shmemBytes: fields.get('Shmem') ?? null,
    swapTotalBytes: fields.get('SwapTotal') ?? 0,
    swapFreeBytes: fields.get('SwapFree') ?? 0,
  };
}
