// Parses /proc/stat: cumulative CPU time in clock ticks (USER_HZ) per logical CPU, and the boot time.
// Only the lines this sampler uses are read; the rest (intr, ctxt, softirq …) are ignored.

/** Clock ticks per mode since boot, as the kernel prints them. Missing trailing columns (old kernels) read as 0. */
export interface CpuJiffies {
  user: number;
  nice: number;
  system: number;
  idle: number;
  iowait: number;
  irq: number;
  softirq: number;
  steal: number;
  /** Already included in `user` by the kernel; kept for completeness, never added to a total. */
  guest: number;
  /** Already included in `nice` by the kernel. */
  guestNice: number;
}

export interface ProcStat {
  /** The aggregate `cpu` line (sum over online CPUs). */
  total: CpuJiffies;
  /** One entry per `cpuN` line, in file order. Offline CPUs are absent, so numbers may have holes. */
  cpus: { logicalNumber: number; jiffies: CpuJiffies }[];
  /** `btime`: boot time in Unix seconds, or null when the line is missing. */
  bootTimeSeconds: number | null;
}

const COLUMNS = ['user', 'nice', 'system', 'idle', 'iowait', 'irq', 'softirq', 'steal', 'guest', 'guestNice'] as const;

function parseJiffies(fields: string[], line: string): CpuJiffies {
  const values = fields.map(Number);
  if (values.length < 4 || values.some((v) => !Number.isFinite(v) || v < 0)) {
    throw new Error(`/proc/stat: malformed cpu line: ${line.slice(0, 80)}`);
  }
  const jiffies = {} as CpuJiffies;
  COLUMNS.forEach((column, i) => {
    jiffies[column] = values[i] ?? 0;
  });
  return jiffies;
}

export function parseProcStat(text: string): ProcStat {
  let total: CpuJiffies | null = null;
  const cpus: ProcStat['cpus'] = [];
  let bootTimeSeconds: number | null = null;

  for (const line of text.split('\n')) {
    const fields = line.trim().split(/\s+/);
    const label = fields[0] ?? '';
    if (label === 'cpu') {
      total = parseJiffies(fields.slice(1), line);
    } else if (/^cpu\d+$/.test(label)) {
      cpus.push({ logicalNumber: Number(label.slice(3)), jiffies: parseJiffies(fields.slice(1), line) });
    } else if (label === 'btime') {
      const value = Number(fields[1]);
      if (Number.isFinite(value) && value > 0) bootTimeSeconds = value;
    }
  }
  if (total === null) throw new Error('/proc/stat: no aggregate "cpu" line');
  return { total, cpus, bootTimeSeconds };
}
