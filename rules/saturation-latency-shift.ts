// serverLatencyShift (server-latency.ts) over the window's columns, for the host saturation rules (network,
// disk) that ask it for several onsets per evaluation: the server spans are found by their kind column and
// timed from the time columns; span objects are read only for the slowest list, and only when it is used.
import type { Evidence, EvidenceSpan } from './evidence.ts';
import type { LatencyShift } from './server-latency.ts';
import { KIND, KIND_SERVER } from './span-facts.ts';

/** p95 (ms) of the durations, as percentile() of series-math.ts computes it. */
function p95(durations: Float64Array): number {
  if (durations.length === 0) return Number.NaN;
  durations.sort();
  return durations[Math.min(durations.length - 1, Math.max(0, Math.ceil(0.95 * durations.length) - 1))];
}

/** p95 server latency before vs after `onset`, or null when either side has fewer than `minSpans` spans. */
export function serverLatencyShiftOf(evidence: Evidence, onsetUnixNano: bigint, minSpans = 10): LatencyShift | null {
  const columns = evidence.columns();
  const kind = columns.fact(KIND);
  const { startNs, endNs, length } = columns;
  const onset = columns.toNs(onsetUnixNano);
  let beforeCount = 0;
  let afterCount = 0;
  for (let row = 0; row < length; row += 1) {
    if (kind[row] !== KIND_SERVER) continue;
    if (startNs[row] < onset) beforeCount += 1;
    else afterCount += 1;
  }
  if (beforeCount < minSpans || afterCount < minSpans) return null;
  const before = new Float64Array(beforeCount);
  const after = new Float64Array(afterCount);
  const afterRows = new Int32Array(afterCount);
  let b = 0;
  let a = 0;
  for (let row = 0; row < length; row += 1) {
    if (kind[row] !== KIND_SERVER) continue;
    // Exact: both times are integers below 2^53, so this is Number(end - start) of the span, then in ms.
    const ms = (endNs[row] - startNs[row]) / 1e6;
    if (startNs[row] < onset) before[b++] = ms;
    else {
      afterRows[a] = row;
      after[a++] = ms;
    }
  }
  let slowest: EvidenceSpan[] | undefined;
  return {
    beforeP95Ms: p95(before),
    afterP95Ms: p95(after),
    beforeCount,
    afterCount,
    // Sorted on first use: most callers only compare the two p95s.
    get slowest(): EvidenceSpan[] {
      if (slowest === undefined) {
        // Longest first, ties in window order (the stable sort of slowestFirst).
        const rows = Array.from(afterRows).sort((x, y) => endNs[y] - startNs[y] - (endNs[x] - startNs[x]) || x - y);
        slowest = rows.map((row) => columns.spans[row]);
      }
      return slowest;
    },
  };
}
