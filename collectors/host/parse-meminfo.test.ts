import { describe, expect, it } from 'vitest';
import { parseMeminfo, parseMeminfoFields } from './parse-meminfo.ts';
import { PROC_MEMINFO } from './proc-fixtures.ts';

describe('parseMeminfo', () => {
  it('converts kB to bytes from real /proc/meminfo text', () => {
    const m = parseMeminfo(PROC_MEMINFO);
    expect(m).toEqual({
      memTotalBytes: 24683656 * 1024,
      memFreeBytes: 24325512 * 1024,
      memAvailableBytes: 24383432 * 1024,
      buffersBytes: 4156 * 1024,
      cachedBytes: 242128 * 1024,
      sReclaimableBytes: 53408 * 1024,
      shmemBytes: 8952 * 1024,
      swapTotalBytes: 0,
      swapFreeBytes: 0,
    });
  });

  it('keeps unit-less counts (HugePages_*) as plain numbers and ignores odd lines', () => {
    const fields = parseMeminfoFields(PROC_MEMINFO + 'garbage line\nHugePages_Total:      12\n');
    expect(fields.get('HugePages_Total')).toBe(12);
    expect(fields.get('Hugepagesize')).toBe(2048 * 1024);
    expect(fields.has('garbage line')).toBe(false);
  });

  it('treats a missing MemAvailable (kernel < 3.14) as null and missing optional fields as 0', () => {
    const m = parseMeminfo('MemTotal: 1000 kB\nMemFree: 400 kB\n');
    expect(m.memAvailableBytes).toBeNull();
    expect(m.shmemBytes).toBeNull();
    expect(m.buffersBytes).toBe(0);
    expect(m.swapTotalBytes).toBe(0);
  });

  it('fails when a required field is missing', () => {
    expect(() => parseMeminfo('MemFree: 400 kB\n')).toThrow(/missing MemTotal/);
    expect(() => parseMeminfo('MemTotal: 400 kB\n')).toThrow(/missing MemFree/);
  });
});
