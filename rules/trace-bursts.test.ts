import { describe, expect, it } from 'vitest';
import {
  distinctTracesBetween,
  firstStartingAt,
  largestTraceBurst,
  medianPerWindow,
  sortByStart,
  traceCounters,
  tracesPerBucket,
  type TimedRows,
} from './trace-bursts.ts';

const MS = 1_000_000;
const BASE = 1_700_000_000_000_000_000n;

/** Rows 0…n-1 starting at `startsMs` (ms), in traces `traces`, sorted as the functions expect. */
function timed(startsMs: number[], traces: number[]): TimedRows {
  const startNs = Float64Array.from(startsMs, (ms) => ms * MS);
  return { rows: sortByStart(Int32Array.from(startsMs, (_, i) => i), startNs), startNs, trace: Int32Array.from(traces) };
}
const counters = () => traceCounters(100);
const allZero = (c: Int32Array) => c.every((n) => n === 0);

describe('trace bursts over span columns', () => {
  it('sorts rows by start, row order among equal starts, and leaves sorted rows as they are', () => {
    const startNs = Float64Array.from([30, 10, 20, 10]);
    expect([...sortByStart(Int32Array.from([0, 1, 2, 3]), startNs)]).toEqual([1, 3, 2, 0]);
    const sorted = Int32Array.from([1, 3, 2, 0]);
    expect(sortByStart(sorted, startNs)).toBe(sorted);
    expect([...sortByStart(Int32Array.from([3, 1, 2, 0]), startNs)]).toEqual([1, 3, 2, 0]);
  });

  it('finds the window holding the most distinct traces, the earliest on ties, counting a trace once', () => {
    // Traces 1 and 2 twice each within 500 ms, then three traces within 1 s, then two more far later.
    const t = timed([0, 100, 200, 300, 5000, 5500, 6000, 9000, 9100], [1, 1, 2, 2, 3, 4, 5, 6, 7]);
    const c = counters();
    expect(largestTraceBurst(t, 1000 * MS, c)).toEqual({ from: 4, to: 6, traces: 3 });
    expect(allZero(c)).toBe(true);
    // The window's span is inclusive: 1000 ms apart still counts, 1001 ms does not.
    expect(largestTraceBurst(timed([0, 1000], [1, 2]), 1000 * MS, c).traces).toBe(2);
    expect(largestTraceBurst(timed([0, 1001], [1, 2]), 1000 * MS, c)).toEqual({ from: 0, to: 0, traces: 1 });
    expect(largestTraceBurst(timed([], []), 1000 * MS, c)).toEqual({ from: 0, to: -1, traces: 0 });
    expect(allZero(c)).toBe(true);
  });

  it('counts distinct traces between two times, ends included', () => {
    const t = timed([0, 100, 100, 200, 300], [1, 2, 2, 3, 4]);
    const c = counters();
    expect(distinctTracesBetween(t, 100 * MS, 200 * MS, c)).toBe(2);
    expect(distinctTracesBetween(t, 0, 300 * MS, c)).toBe(4);
    expect(distinctTracesBetween(t, 301 * MS, 400 * MS, c)).toBe(0);
    expect(allZero(c)).toBe(true);
    expect(firstStartingAt(t, 100 * MS)).toBe(1);
    expect(firstStartingAt(t, 101 * MS)).toBe(3);
    expect(firstStartingAt(t, 301 * MS)).toBe(5);
  });

  it('takes the median count per window before a start, slices counted back from it', () => {
    // Windows of 1 s back from 4 s: [3,4) holds 3 rows, [2,3) 1, [1,2) none, [0,1) 1 → median 1.
    const t = timed([500, 2000, 3000, 3500, 3999, 4000], [1, 2, 3, 4, 5, 6]);
    const toNs = (unixNano: bigint) => Number(unixNano - BASE);
    expect(medianPerWindow(t, toNs, BASE, BASE + 4_000_000_000n, 1_000_000_000n)).toBe(1);
    // Only whole slices: 3.5 s of history is 3 slices back from 4 s, so the row at 0.5 s is left out.
    expect(medianPerWindow(t, toNs, BASE + 500_000_000n, BASE + 4_000_000_000n, 1_000_000_000n)).toBe(1);
    expect(medianPerWindow(t, toNs, BASE + 4_000_000_000n, BASE + 4_000_000_000n, 1_000_000_000n)).toBe(0);
  });

  it('charts distinct traces per step from the earliest start, empty steps as zero', () => {
    const t = timed([100, 200, 250, 2600], [1, 2, 2, 3]);
    const toUnixNano = (ns: number) => BASE + BigInt(ns);
    expect(tracesPerBucket(t, toUnixNano, 1_000_000_000n)).toEqual([
      { timeUnixNano: (BASE + 100_000_000n).toString(), value: 2 },
      { timeUnixNano: (BASE + 1_100_000_000n).toString(), value: 0 },
      { timeUnixNano: (BASE + 2_100_000_000n).toString(), value: 1 },
    ]);
    expect(tracesPerBucket(timed([0, 1_001_000], [1, 2]), toUnixNano, 1_000_000_000n)).toEqual([]);
  });
});
