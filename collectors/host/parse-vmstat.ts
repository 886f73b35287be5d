// Parses the paging counters out of /proc/vmstat (`name value` lines).

export interface Vmstat {
  /** All page faults since boot (minor + major). */
  pgfault: number;
  /** Faults that needed I/O. */
  pgmajfault: number;
  /** Pages swapped in / out since boot; null when the kernel has no swap support compiled in. */
  pswpin: number | null;
  pswpout: number | null;
}

export function parseVmstat(text: string): Vmstat {
  const fields = new Map<string, number>();
  for (const line of text.split('\n')) {
    const match = /^(\w+)\s+(\d+)\s*$/.exec(line);
    if (match) fields.set(match[1], Number(match[2]));
  }
  const pgfault = fields.get('pgfault');
  const pgmajfault = fields.get('pgmajfault');
  if (pgfault === undefined || pgmajfault === undefined) {
    throw new Error('/proc/vmstat: missing pgfault or pgmajfault');
  }
  return { pgfault, pgmajfault, pswpin: fields.get('pswpin') ?? null, pswpout: fields.get('pswpout') ?? null };
}
