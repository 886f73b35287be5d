import { describe, expect, it } from 'vitest';
import { parseProcStat } from './parse-proc-stat.ts';
import { PROC_STAT } from './proc-fixtures.ts';

describe('parseProcStat', () => {
  it('reads the aggregate line, each logical CPU and the boot time from real /proc/stat text', () => {
    const stat = parseProcStat(PROC_STAT);
    expect(stat.total).toEqual({
      user: 15504, nice: 0, system: 2341, idle: 62910, iowait: 169, irq: 0, softirq: 128, steal: 27, guest: 0, guestNice: 0,
    });
    expect(stat.cpus.map((c) => c.logicalNumber)).toEqual([0, 1]);
    expect(stat.cpus[1].jiffies.user).toBe(10768);
    expect(stat.cpus[1].jiffies.iowait).toBe(144);
    expect(stat.bootTimeSeconds).toBe(1795406878);
  });

  it('keeps the kernel CPU numbers when CPUs are offline', () => {
    const stat = parseProcStat('cpu  2 0 2 4 0 0 0 0 0 0\ncpu0 1 0 1 2 0 0 0 0 0 0\ncpu3 1 0 1 2 0 0 0 0 0 0\n');
    expect(stat.cpus.map((c) => c.logicalNumber)).toEqual([0, 3]);
  });

  it('reads missing trailing columns (old kernels: no steal/guest) as 0 and a missing btime as null', () => {
    const stat = parseProcStat('cpu  10 1 5 100\ncpu0 10 1 5 100\n');
    expect(stat.total).toMatchObject({ user: 10, nice: 1, system: 5, idle: 100, iowait: 0, steal: 0, guest: 0 });
    expect(stat.bootTimeSeconds).toBeNull();
  });

  it('rejects text without the aggregate cpu line and malformed cpu lines', () => {
    expect(() => parseProcStat('intr 1 2 3\nbtime 5\n')).toThrow(/no aggregate "cpu" line/);
    expect(() => parseProcStat('cpu  1 x 3 4\n')).toThrow(/malformed/);
    expect(() => parseProcStat('cpu  1 2\n')).toThrow(/malformed/);
  });
});
