// system.cpu.utilization from two readings of cumulative CPU ticks: each mode's share of all the
// ticks that elapsed in between. Dividing by the ticks rather than by wall-clock time keeps the
// shares summing to 1 even when the timer fires late.

import type { CpuMode, CpuModeTicks } from './host-snapshot.ts';
import { CPU_MODES } from './host-snapshot.ts';

/** null when there is nothing to divide by, or a counter went backwards (CPU hot-unplug, reset). */
export function cpuUtilization(previous: CpuModeTicks, current: CpuModeTicks): CpuModeTicks | null {
  const deltas: [CpuMode, number][] = [];
  let elapsed = 0;
  for (const mode of CPU_MODES) {
    const before = previous[mode];
    const after = current[mode];
    if (before === undefined || after === undefined) continue;
    const delta = after - before;
    if (delta < 0) return null;
    deltas.push([mode, delta]);
    elapsed += delta;
  }
  if (elapsed <= 0) return null;
  const shares: CpuModeTicks = {};
  for (const [mode, delta] of deltas) shares[mode] = delta / elapsed;
  return shares;
}
