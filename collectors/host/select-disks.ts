// Chooses which /proc/diskstats devices to report.
//
// - Memory-backed and virtual loop devices (loopN, ramN, zramN) are skipped: their "I/O" is memory
//   traffic, never a disk bottleneck (zram swap shows up in the paging metrics instead).
// - A partition is skipped when its whole disk is listed too: the disk already counts its I/O, and
//   reporting both would double the totals. The kernel names partitions by appending the number to
//   the disk name, with a "p" in between when the disk name ends in a digit (sda → sda1,
//   vda → vda1, nvme0n1 → nvme0n1p1, mmcblk0 → mmcblk0p1), so this is decided from names alone,
//   without /sys: nbd10 is not taken for a partition of nbd1.
// - Everything else is kept, including device-mapper (dm-N) and md RAID devices, which stack on
//   top of disks; a bottleneck view wants the busiest device, and these are where LVM/RAID I/O waits.

import type { DiskstatsEntry } from './parse-diskstats.ts';

const MEMORY_BACKED = /^(loop|ram|zram)\d+$/;

export function isPartitionName(name: string, diskName: string): boolean {
  if (!name.startsWith(diskName) || name === diskName) return false;
  const suffix = name.slice(diskName.length);
  return /\d$/.test(diskName) ? /^p\d+$/.test(suffix) : /^\d+$/.test(suffix);
}

export function selectWholeDisks(entries: DiskstatsEntry[]): DiskstatsEntry[] {
  const names = entries.map((e) => e.device);
  return entries.filter(
    (e) => !MEMORY_BACKED.test(e.device) && !names.some((disk) => isPartitionName(e.device, disk)),
  );
}
