// Fixed time buckets over the span window, aligned to the evaluation time so that successive ticks cut the
// same boundaries (a bucket's numbers do not jitter from one tick to the next).
export interface TimeBucket<T> {
  startUnixNano: bigint;
  endUnixNano: bigint;
  items: T[];
}

/** Buckets of `bucketNanos` ending at `atUnixNano`, back to `fromUnixNano`; oldest first. Items outside are dropped. */
export function bucketByTime<T>(items: readonly T[], timeOf: (item: T) => bigint, fromUnixNano: bigint, atUnixNano: bigint, bucketNanos: bigint): TimeBucket<T>[] {
  if (bucketNanos <= 0n || atUnixNano <= fromUnixNano) return [];
  const count = Number((atUnixNano - fromUnixNano + bucketNanos - 1n) / bucketNanos);
  const buckets: TimeBucket<T>[] = [];
  for (let i = count - 1; i >= 0; i -= 1) {
    const endUnixNano = atUnixNano - BigInt(i) * bucketNanos;
    buckets.push({ startUnixNano: endUnixNano - bucketNanos, endUnixNano, items: [] });
  }
  const first = buckets[0].startUnixNano;
  for (const item of items) {
    const t = timeOf(item);
    if (t < first || t > atUnixNano) continue;
    buckets[Math.min(buckets.length - 1, Number((t - first) / bucketNanos))].items.push(item);
  }
  return buckets;
}

/**
 * Index range of the latest run of buckets for which `hit` is true, or null. Buckets for which `hit` returns
 * undefined (too little data to judge) neither extend nor break a run: quiet seconds are not health.
 */
export function latestRun<T>(buckets: readonly TimeBucket<T>[], hit: (bucket: TimeBucket<T>) => boolean | undefined): { first: number; last: number } | null {
  return latestRunOf(buckets.length, (i) => hit(buckets[i]));
}

/** latestRun over buckets known only by index (0 … count − 1), for rules that keep their buckets in columns. */
export function latestRunOf(count: number, hit: (index: number) => boolean | undefined): { first: number; last: number } | null {
  let last = -1;
  let first = -1;
  for (let i = count - 1; i >= 0; i -= 1) {
    const verdict = hit(i);
    if (verdict === undefined) continue;
    if (verdict) {
      if (last < 0) last = i;
      first = i;
    } else if (last >= 0) {
      break;
    }
  }
  return last < 0 ? null : { first, last };
}
