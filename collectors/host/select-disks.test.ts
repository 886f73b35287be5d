import { describe, expect, it } from 'vitest';
import { parseDiskstats } from './parse-diskstats.ts';
import { isPartitionName, selectWholeDisks } from './select-disks.ts';
import { PROC_DISKSTATS } from './proc-fixtures.ts';

const names = (text: string) => selectWholeDisks(parseDiskstats(text)).map((e) => e.device);
const line = (name: string) => ` 8 0 ${name} 1 2 3 4 5 6 7 8 0 10 11 0 0 0 0\n`;

describe('selectWholeDisks', () => {
  it('drops loop and zram devices from this machine’s diskstats, keeping vda', () => {
    expect(names(PROC_DISKSTATS)).toEqual(['vda']);
  });

  it('drops partitions whose disk is listed, for both naming schemes', () => {
    const text = ['sda', 'sda1', 'sda2', 'nvme0n1', 'nvme0n1p1', 'mmcblk0', 'mmcblk0p1', 'ram0', 'dm-0', 'md127'].map(line).join('');
    expect(names(text)).toEqual(['sda', 'nvme0n1', 'mmcblk0', 'dm-0', 'md127']);
  });

  it('keeps a partition when its disk is not listed, and does not mistake nbd10 for a partition of nbd1', () => {
    expect(names(['vdb1', 'nbd1', 'nbd10', 'sdaa'].map(line).join(''))).toEqual(['vdb1', 'nbd1', 'nbd10', 'sdaa']);
  });
});

describe('isPartitionName', () => {
  it('follows the kernel naming rule', () => {
    expect(isPartitionName('sda1', 'sda')).toBe(true);
    expect(isPartitionName('sda', 'sda')).toBe(false);
    expect(isPartitionName('sdab', 'sda')).toBe(false);
    expect(isPartitionName('nvme0n1p3', 'nvme0n1')).toBe(true);
    expect(isPartitionName('nvme0n12', 'nvme0n1')).toBe(false);
  });
});
