import { describe, expect, it } from 'vitest';
import { parseLoadavg } from './parse-loadavg.ts';
import { PROC_LOADAVG } from './proc-fixtures.ts';

describe('parseLoadavg', () => {
  it('reads the three averages from real /proc/loadavg text', () => {
    expect(parseLoadavg(PROC_LOADAVG)).toEqual({ m1: 0.13, m5: 0.35, m15: 0.19 });
  });

  it('fails on truncated or non-numeric text', () => {
    expect(() => parseLoadavg('0.13 0.35')).toThrow(/malformed/);
    expect(() => parseLoadavg('')).toThrow(/malformed/);
    expect(() => parseLoadavg('a b c 1/2 3')).toThrow(/malformed/);
  });
});
