// Breaks a series where samples are missing (collector down, app stopped) so a chart shows a gap
// instead of a straight line across time nobody measured.
import type { SeriesPoint } from '../../../common/api-contract.ts';

export interface ChartPoint {
  t: number;
  /** null marks a gap. */
  v: number | null;
}

/** The typical spacing of a series: the median gap between neighbours. */
export function medianInterval(points: readonly SeriesPoint[]): number | null {
  if (points.length < 2) return null;
  const gaps: number[] = [];
  for (let index = 1; index < points.length; index += 1) {
    const gap = (points[index]?.t ?? 0) - (points[index - 1]?.t ?? 0);
    if (gap > 0) gaps.push(gap);
  }
  if (gaps.length === 0) return null;
  gaps.sort((a, b) => a - b);
  return gaps[Math.floor(gaps.length / 2)] ?? null;
}

/** Inserts a null point inside every gap longer than `factor` typical intervals. Input must be time-sorted. */
export function withGaps(points: readonly SeriesPoint[], factor = 3): ChartPoint[] {
  const typical = medianInterval(points);
  if (typical === null) return points.map((point) => ({ t: point.t, v: point.v }));
  const limit = typical * factor;
  const out: ChartPoint[] = [];
  let previous: SeriesPoint | null = null;
  for (const point of points) {
    if (previous !== null && point.t - previous.t > limit) out.push({ t: (previous.t + point.t) / 2, v: null });
    out.push({ t: point.t, v: point.v });
    previous = point;
  }
  return out;
}
