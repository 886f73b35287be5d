// How much slower each call to a dependency ran than that same operation normally runs there. Comparing
// like with like (per statement or endpoint) keeps a change in the mix — more calls of a slow report, fewer
// of a fast lookup — from looking like the dependency itself slowing down.
import type { EvidenceSpan } from './evidence.ts';
import { callTarget, isOutboundCall } from './outbound-calls.ts';
import { percentile } from './series-math.ts';
import { durationMs } from './span-attributes.ts';
import type { TimeBucket } from './time-buckets.ts';

export interface Slowdown {
  /** Duration ÷ the operation's healthy duration. */
  factor: number;
  /** Duration − the operation's healthy duration (ms). */
  extraMs: number;
}

const shapeOf = (span: EvidenceSpan): string => span.normalizedStatement ?? (isOutboundCall(span) ? callTarget(span).key : span.name);

/**
 * Each call's slowdown against its operation's healthy level: the better quarter of that operation's
 * per-bucket medians (the trouble may cover most of the window). Calls of an operation seen in fewer than
 * `minBuckets` buckets have no healthy level and get no entry.
 */
export function callSlowdowns(buckets: readonly TimeBucket<EvidenceSpan>[], minBuckets = 3): Map<EvidenceSpan, Slowdown> {
  const mediansByShape = new Map<string, number[]>();
  for (const bucket of buckets) {
    const byShape = new Map<string, number[]>();
    for (const span of bucket.items) {
      const shape = shapeOf(span);
      const list = byShape.get(shape);
      if (list === undefined) byShape.set(shape, [durationMs(span)]);
      else list.push(durationMs(span));
    }
    for (const [shape, durations] of byShape) {
      const medians = mediansByShape.get(shape);
      if (medians === undefined) mediansByShape.set(shape, [percentile(durations, 50)]);
      else medians.push(percentile(durations, 50));
    }
  }
  const healthy = new Map<string, number>();
  for (const [shape, medians] of mediansByShape) if (medians.length >= minBuckets) healthy.set(shape, percentile(medians, 25));
  const out = new Map<EvidenceSpan, Slowdown>();
  for (const bucket of buckets) {
    for (const span of bucket.items) {
      const base = healthy.get(shapeOf(span));
      if (base === undefined) continue;
      const ms = durationMs(span);
      out.set(span, { factor: ms / Math.max(0.05, base), extraMs: ms - base });
    }
  }
  return out;
}
