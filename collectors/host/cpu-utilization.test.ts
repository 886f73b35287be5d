import { describe, expect, it } from 'vitest';
import { cpuUtilization } from './cpu-utilization.ts';

describe('cpuUtilization', () => {
  it('gives each mode its share of the ticks elapsed between two readings', () => {
    const shares = cpuUtilization(
      { user: 100, system: 50, idle: 1000, iowait: 10 },
      { user: 120, system: 55, idle: 1070, iowait: 15 },
    );
    expect(shares).toEqual({ user: 0.2, system: 0.05, idle: 0.7, iowait: 0.05 });
  });

  it('only compares modes present in both readings', () => {
    expect(cpuUtilization({ user: 0, idle: 0 }, { user: 1, idle: 3, steal: 100 })).toEqual({ user: 0.25, idle: 0.75 });
  });

  it('returns null when no time elapsed or a counter went backwards', () => {
    expect(cpuUtilization({ user: 5, idle: 5 }, { user: 5, idle: 5 })).toBeNull();
    expect(cpuUtilization({ user: 5, idle: 5 }, { user: 4, idle: 50 })).toBeNull();
  });
});
