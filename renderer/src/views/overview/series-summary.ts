// Current, average and peak of a host series, plus whether its newest point is too old to trust.
import type { SeriesPoint } from '../../../../common/api-contract.ts';

export interface SeriesSummary {
  current: number | null;
  average: number | null;
  peak: number | null;
  /** Unix ms of the newest point. */
  latestAt: number | null;
  /** The newest point is older than `staleAfterMs`. */
  stale: boolean;
}

export function summarizeSeries(points: readonly SeriesPoint[], nowMs: number, staleAfterMs = 15_000): SeriesSummary {
  let latest: SeriesPoint | null = null;
  let sum = 0;
  let count = 0;
  let peak = Number.NEGATIVE_INFINITY;
  for (const point of points) {
    if (!Number.isFinite(point.v)) continue;
    sum += point.v;
    count += 1;
    peak = Math.max(peak, point.v);
    if (latest === null || point.t >= latest.t) latest = point;
  }
  if (latest === null) return { current: null, average: null, peak: null, latestAt: null, stale: false };
  return {
    current: latest.v,
    average: sum / count,
    peak,
    latestAt: latest.t,
    stale: nowMs - latest.t > staleAfterMs,
  };
}
