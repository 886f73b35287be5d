import { describe, expect, it } from 'vitest';
import { parseDiskstats } from './parse-diskstats.ts';
import { PROC_DISKSTATS } from './proc-fixtures.ts';

describe('parseDiskstats', () => {
  it('maps the columns of real /proc/diskstats text', () => {
    const entries = parseDiskstats(PROC_DISKSTATS);
    expect(entries.map((e) => e.device)).toEqual(['loop0', 'loop1', 'vda', 'zram0']);
    expect(entries[2]).toEqual({
      major: 254,
      minor: 0,
      device: 'vda',
      readsCompleted: 10261,
      readsMerged: 5128,
      sectorsRead: 1053722,
      readTimeMs: 6414,
      writesCompleted: 2273,
      writesMerged: 29087,
      sectorsWritten: 1194896,
      writeTimeMs: 5438,
      inFlight: 0,
      ioTimeMs: 2556,
      weightedIoTimeMs: 12550,
    });
  });

  it('accepts the 14-column format of old kernels and skips short or garbled lines', () => {
    const text = ' 8 0 sda 1 2 3 4 5 6 7 8 0 10 11\n 8 1 sda1 1 2 3\n 8 2 sdb x 2 3 4 5 6 7 8 0 10 11\n\n';
    const entries = parseDiskstats(text);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ device: 'sda', writeTimeMs: 8, ioTimeMs: 10, weightedIoTimeMs: 11 });
  });
});
