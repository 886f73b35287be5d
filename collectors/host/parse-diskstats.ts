// Parses /proc/diskstats (Documentation/admin-guide/iostats.rst). Columns, 1-based as `awk` counts them:
// 1 major, 2 minor, 3 name, 4 reads completed, 5 reads merged, 6 sectors read, 7 ms reading,
// 8 writes completed, 9 writes merged, 10 sectors written, 11 ms writing, 12 I/Os in flight,
// 13 ms doing I/O (busy time), 14 weighted ms; 15+ (discard, flush) are ignored.
// Sectors are always 512-byte units here, whatever the device's block size.

export const DISKSTATS_SECTOR_BYTES = 512;

export interface DiskstatsEntry {
  major: number;
  minor: number;
  device: string;
  readsCompleted: number;
  readsMerged: number;
  sectorsRead: number;
  readTimeMs: number;
  writesCompleted: number;
  writesMerged: number;
  sectorsWritten: number;
  writeTimeMs: number;
  inFlight: number;
  ioTimeMs: number;
  weightedIoTimeMs: number;
}

/** Lines with fewer than 14 columns or non-numeric counters are skipped, not fatal. */
export function parseDiskstats(text: string): DiskstatsEntry[] {
  const entries: DiskstatsEntry[] = [];
  for (const line of text.split('\n')) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 14) continue;
    const device = fields[2];
    const n = [fields[0], fields[1], ...fields.slice(3, 14)].map(Number);
    if (device === undefined || n.some((v) => !Number.isFinite(v) || v < 0)) continue;
    const [major, minor, rc, rm, rs, rt, wc, wm, ws, wt, inFlight, io, wio] = n as [
      number, number, number, number, number, number, number, number, number, number, number, number, number,
    ];
    entries.push({
      major,
      minor,
      device,
      readsCompleted: rc,
      readsMerged: rm,
      sectorsRead: rs,
      readTimeMs: rt,
      writesCompleted: wc,
      writesMerged: wm,
      sectorsWritten: ws,
      writeTimeMs: wt,
      inFlight,
      ioTimeMs: io,
      weightedIoTimeMs: wio,
    });
  }
  return entries;
}
