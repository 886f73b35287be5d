// Duration percentiles of one operation over a time range. Small ranges are exact, read from the operation index;
// once the range holds many spans, whole minutes come from the per-minute histograms (store/latency-rollup.ts)
// and only the part-minutes at either end are read span by span, so an hour costs about the same as a minute.
import type Database from 'better-sqlite3';
import { bucketMiddleNs, latencyBucket, NANOS_PER_MINUTE } from './latency-rollup.ts';
import type { OperationIndex } from './operation-index.ts';
import type { StringDictionary } from './string-dictionary.ts';

export interface OperationLatency {
  count: number;
  p50Nano: number;
  p95Nano: number;
  p99Nano: number;
  /** True when read from the histograms: each percentile is then within 2.2% of the exact value. */
  approximate: boolean;
}

/** Below this many spans the exact answer is cheap enough (about 25 ms here). */
const EXACT_MAX_SPANS = 50_000;
const QUANTILES = [0.5, 0.95, 0.99] as const;

export class OperationLatencyQuery {
  private readonly index: OperationIndex;
  private readonly buckets: Database.Statement<[bigint, bigint, bigint, bigint], [bigint, bigint]>;
  private readonly dict: StringDictionary;

  constructor(db: Database.Database, dict: StringDictionary, index: OperationIndex) {
    this.dict = dict;
    // The durations come from the operation index's entries alone, without reading span rows.
    this.index = index;
    this.buckets = db
      .prepare<[bigint, bigint, bigint, bigint], [bigint, bigint]>(
        'SELECT bucket, sum(span_count) FROM operation_latency WHERE service = ? AND name = ? AND minute >= ? AND minute < ? GROUP BY bucket',
      )
      .raw(true)
      .safeIntegers(true);
  }

  /** p50/p95/p99 of the operation's spans that started in [from, to); null when it has none there. */
  latency(service: string, name: string, fromUnixNano: bigint, toUnixNano: bigint): OperationLatency | null {
    const serviceId = this.dict.lookup(service);
    const nameId = this.dict.lookup(name);
    if (serviceId === undefined || nameId === undefined || toUnixNano <= fromUnixNano) return null;
    const s = BigInt(serviceId);
    const n = BigInt(nameId);
    const durations = (from: bigint, to: bigint) => this.index.durations(serviceId, nameId, from, to);
    // The whole minutes inside the range: [firstMinute, endMinute).
    const firstMinute = (fromUnixNano + NANOS_PER_MINUTE - 1n) / NANOS_PER_MINUTE;
    const endMinute = toUnixNano / NANOS_PER_MINUTE;
    const counts = new Map<number, number>();
    let inWhole = 0;
    if (firstMinute < endMinute) {
      for (const [bucket, count] of this.buckets.all(s, n, firstMinute, endMinute)) {
        counts.set(Number(bucket), Number(count));
        inWhole += Number(count);
      }
    }
    if (inWhole <= EXACT_MAX_SPANS) return exact(durations(fromUnixNano, toUnixNano));
    // The part-minutes at either end, span by span, into the same buckets.
    for (const [from, to] of [
      [fromUnixNano, firstMinute * NANOS_PER_MINUTE],
      [endMinute * NANOS_PER_MINUTE, toUnixNano],
    ]) {
      if (from >= to) continue;
      for (const duration of durations(from, to)) {
        const bucket = latencyBucket(duration);
        counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
      }
    }
    const sorted = [...counts].sort((a, b) => a[0] - b[0]);
    const total = sorted.reduce((sum, [, count]) => sum + count, 0);
    // The same rank as the exact answer: the value at floor(q × count) in sorted order.
    const at = (q: number): number => {
      const rank = Math.min(total - 1, Math.floor(q * total));
      let seen = 0;
      for (const [bucket, count] of sorted) {
        seen += count;
        if (seen > rank) return Math.round(bucketMiddleNs(bucket));
      }
      return Math.round(bucketMiddleNs(sorted[sorted.length - 1][0]));
    };
    const [p50Nano, p95Nano, p99Nano] = QUANTILES.map(at);
    return { count: total, p50Nano, p95Nano, p99Nano, approximate: true };
  }
}

/** Exact percentiles of `values` (durations in ns); null when there are none. */
function exact(values: number[]): OperationLatency | null {
  const durations = new Float64Array(values).sort();
  if (durations.length === 0) return null;
  const at = (q: number) => durations[Math.min(durations.length - 1, Math.floor(q * durations.length))];
  const [p50Nano, p95Nano, p99Nano] = QUANTILES.map(at);
  return { count: durations.length, p50Nano, p95Nano, p99Nano, approximate: false };
}
