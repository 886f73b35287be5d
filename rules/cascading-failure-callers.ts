// The callers of a dependency's calls: each call's entry span (the request it was made for, entrySpanOf), how
// much of those requests' time went to the calls, and whether their latency moved with the calls'. These walk span
// objects and the span tree, so cascading-failure asks only for the calls of a dependency that degraded.
import type { RowBuckets } from './cascading-failure-buckets.ts';
import { rowsDurationPercentile } from './cascading-failure-percentile.ts';
import type { EvidenceSpan } from './evidence.ts';
import { pearson, percentile } from './series-math.ts';
import { durationMs } from './span-attributes.ts';
import type { SpanColumns } from './span-columns.ts';
import { entrySpanOf, spanKey, type SpanTree } from './span-tree.ts';

const MIN_BUCKET_CALLS = 3;

/** The calls' callers: each call's entry span (looked up once per call), as in entrySpanOf. */
export class Callers {
  private readonly entries = new Map<number, EvidenceSpan>();

  constructor(
    private readonly tree: SpanTree,
    private readonly spans: readonly EvidenceSpan[],
  ) {}

  entryOf(row: number): EvidenceSpan {
    let entry = this.entries.get(row);
    if (entry === undefined) {
      entry = entrySpanOf(this.tree, this.spans[row]);
      this.entries.set(row, entry);
    }
    return entry;
  }

  /** The callers' entry spans (one per request) for these calls, skipping calls whose entry span is not in the window. */
  of(rows: ArrayLike<number>): EvidenceSpan[] {
    const entries = new Map<string, EvidenceSpan>();
    for (let i = 0; i < rows.length; i += 1) {
      const entry = this.entryOf(rows[i]);
      if (entry !== this.spans[rows[i]]) entries.set(spanKey(entry), entry);
    }
    return [...entries.values()];
  }
}

/** Share of the callers' time spent waiting on the dependency (median over requests). */
export function dependencyShare(columns: SpanColumns, callers: Callers, calls: readonly number[], entries: readonly EvidenceSpan[]): number {
  const waited = new Map<string, number>();
  for (const row of calls) {
    const id = spanKey(callers.entryOf(row));
    waited.set(id, (waited.get(id) ?? 0) + (columns.endNs[row] - columns.startNs[row]) / 1e6);
  }
  return percentile(entries.map((c) => Math.min(1, (waited.get(spanKey(c)) ?? 0) / Math.max(0.001, durationMs(c)))), 50);
}

/** Correlation, across 5 s buckets, of the dependency's median call time and its callers' median request time. */
export function latencyCorrelation(columns: SpanColumns, callers: Callers, buckets: RowBuckets): number {
  const pairs: [number, number][] = [];
  for (let b = 0; b < buckets.count; b += 1) {
    const items = buckets.rows.subarray(buckets.offsets[b], buckets.offsets[b + 1]);
    if (items.length < MIN_BUCKET_CALLS) continue;
    const entries = callers.of(items);
    if (entries.length >= MIN_BUCKET_CALLS) pairs.push([rowsDurationPercentile(columns, items, 50), percentile(entries.map(durationMs), 50)]);
  }
  return pairs.length < 4 ? Number.NaN : pearson(pairs);
}
