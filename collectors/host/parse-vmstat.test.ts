import { describe, expect, it } from 'vitest';
import { parseVmstat } from './parse-vmstat.ts';
import { PROC_VMSTAT } from './proc-fixtures.ts';

describe('parseVmstat', () => {
  it('reads page fault and swap counters from real /proc/vmstat text', () => {
    expect(parseVmstat(PROC_VMSTAT)).toEqual({ pgfault: 2016105, pgmajfault: 344, pswpin: 0, pswpout: 0 });
  });

  it('reports swap counters as null when the kernel has none', () => {
    expect(parseVmstat('pgfault 10\npgmajfault 2\n')).toEqual({ pgfault: 10, pgmajfault: 2, pswpin: null, pswpout: null });
  });

  it('fails without the fault counters', () => {
    expect(() => parseVmstat('pgfault 10\n')).toThrow(/pgmajfault/);
  });
});
