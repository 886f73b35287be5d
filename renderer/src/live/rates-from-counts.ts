// When the live channel is down, rates come from two health samples: stored-count delta / time.
import type { TelemetryCounts } from '../../../common/telemetry.ts';

export interface CountSample {
  counts: TelemetryCounts;
  atMs: number;
}

export function ratesFromCounts(previous: CountSample | null, next: CountSample): TelemetryCounts | null {
  if (!previous) return null;
  const seconds = (next.atMs - previous.atMs) / 1000;
  if (!(seconds > 0)) return null;
  // Counts can drop when retention prunes; a negative rate means nothing, so clamp to zero.
  const rate = (key: keyof TelemetryCounts): number => Math.max(0, (next.counts[key] - previous.counts[key]) / seconds);
  return { spans: rate('spans'), metricPoints: rate('metricPoints'), logs: rate('logs') };
}
