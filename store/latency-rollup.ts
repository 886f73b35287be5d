// Per-minute duration histograms of each operation (service + span name), kept in the same transactions as
// span inserts and deletes, so percentiles over an hour read about sixty small rows per bucket in use instead
// of every span. Buckets are log-linear: 16 per doubling, so a bucket's middle is within 2.2% of any duration
// in it. The bucket is computed here, in one place, for inserts, deletes and the backfill alike.
import type Database from 'better-sqlite3';

export const NANOS_PER_MINUTE = 60_000_000_000n;
const BUCKETS_PER_DOUBLING = 16;

/** The histogram bucket of a duration in nanoseconds (0 for anything up to 1 ns). */
export function latencyBucket(durationNs: number): number {
  return durationNs <= 1 ? 0 : Math.floor(Math.log2(durationNs) * BUCKETS_PER_DOUBLING);
}

/** The geometric middle of a bucket, in nanoseconds. */
export function bucketMiddleNs(bucket: number): number {
  return 2 ** ((bucket + 0.5) / BUCKETS_PER_DOUBLING);
}

/** The minute (since the Unix epoch) a start time falls in. */
export const minuteOf = (startNs: bigint): bigint => startNs / NANOS_PER_MINUTE;

type Entry = [service: number, name: number, minute: bigint, bucket: number, count: number];

/** Counts gathered in memory during a transaction and written (added or taken away) at its end. */
export class LatencyRollup {
  /** minute × 1024 + bucket → service → name → entry (numeric keys: no string per span). */
  private readonly pending = new Map<number, Map<number, Map<number, Entry>>>();
  private readonly upsert: Database.Statement<[number, number, bigint, number, number]>;
  private readonly dropEmpty: Database.Statement<[]>;
  /** The minute of the last span counted, and the start times it covers: [minuteStartNs, minuteEndNs). */
  private minute = 0n;
  private minuteStartNs = 0n;
  private minuteEndNs = 0n;

  constructor(db: Database.Database) {
    this.upsert = db.prepare(`
      INSERT INTO operation_latency (service, name, minute, bucket, span_count) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (service, name, minute, bucket) DO UPDATE SET span_count = span_count + excluded.span_count`);
    this.dropEmpty = db.prepare('DELETE FROM operation_latency WHERE span_count <= 0');
  }

  /** One span of `service`/`name` that started at `startNs` and took `durationNs`; `sign` −1 for a deleted one. */
  count(service: number, name: number, startNs: bigint, durationNs: number, sign: 1 | -1 = 1): void {
    // Spans come in clusters of nearby start times: comparing with the last minute's bounds spares most spans
    // a BigInt division (and the BigInt it allocates).
    let minute = this.minute;
    if (startNs < this.minuteStartNs || startNs >= this.minuteEndNs) {
      minute = minuteOf(startNs);
      // (Division truncates toward zero, so the bounds hold only for times after the epoch.)
      if (startNs >= 0n) {
        this.minute = minute;
        this.minuteStartNs = minute * NANOS_PER_MINUTE;
        this.minuteEndNs = this.minuteStartNs + NANOS_PER_MINUTE;
      }
    }
    const bucket = latencyBucket(durationNs);
    // Buckets stay under 1024 (2^63 ns is bucket 1008), so this key is exact.
    const slot = Number(minute) * 1024 + bucket;
    let byService = this.pending.get(slot);
    if (byService === undefined) this.pending.set(slot, (byService = new Map<number, Map<number, Entry>>()));
    let byName = byService.get(service);
    if (byName === undefined) byService.set(service, (byName = new Map<number, Entry>()));
    const known = byName.get(name);
    if (known === undefined) byName.set(name, [service, name, minute, bucket, sign]);
    else known[4] += sign;
  }

  private *entries(): Generator<Entry> {
    for (const byService of this.pending.values()) for (const byName of byService.values()) yield* byName.values();
  }

  /** Writes what was gathered (inside the caller's transaction). */
  flush(): void {
    let removed = false;
    for (const [service, name, minute, bucket, count] of this.entries()) {
      if (count === 0) continue;
      this.upsert.run(service, name, minute, bucket, count);
      if (count < 0) removed = true;
    }
    this.pending.clear();
    if (removed) this.dropEmpty.run();
  }

  /** Forgets what was gathered (after a rolled-back transaction). */
  clear(): void {
    this.pending.clear();
  }
}

/** Fills the rollup from the spans already stored (run once, by the migration that adds it). */
export function backfillLatencyRollup(db: Database.Database): void {
  const rollup = new LatencyRollup(db);
  const rows = db.prepare<[], [bigint, bigint, bigint, bigint]>('SELECT service, name, start_ns, duration_ns FROM spans').raw(true).safeIntegers(true);
  // Gathered in full first: the connection cannot write while the read is open.
  for (const [service, name, start, duration] of rows.iterate()) rollup.count(Number(service), Number(name), start, Number(duration));
  rollup.flush();
}
