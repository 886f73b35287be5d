// Sustained, near-linear growth of a memory series: the shape of a leak or an unbounded cache, as opposed to
// warm-up (fast, then slowing down), a GC sawtooth, or memory re-grown after a compaction. From where the climb
// turns up (its knee), a least-squares line must fit well (R²), climb fast enough, add a real share of the
// starting size, keep its pace in the second half, and reach mostly new ground (above any earlier level).
import { linearFit, type TimedValue } from './series-math.ts';

export interface GrowthCriteria {
  minSeconds: number;
  minRSquared: number;
  /** Units per second (bytes per second for memory). */
  minPerSecond: number;
  /** Growth over the stretch as a share of the level at its start. */
  minShare: number;
}

export interface Growth {
  onsetUnixNano: bigint;
  endUnixNano: bigint;
  /** Fitted level at the start and end of the stretch. */
  startValue: number;
  endValue: number;
  perSecond: number;
  rSquared: number;
  seconds: number;
  points: number;
}

// The second half of the stretch must climb at least this fraction of the first half's pace: warm-up
// (heap and pools filling, JIT) decelerates, a leak under steady load does not.
const MIN_PACE_KEPT = 0.5;
// Share of the growth that must lie above the highest level seen before it started.
const MIN_NEW_GROUND = 0.5;
const NANOS_PER_SECOND = 1e9;

function keepsPace(points: readonly TimedValue[]): boolean {
  const middle = points[0].timeUnixNano + (points[points.length - 1].timeUnixNano - points[0].timeUnixNano) / 2n;
  const first = linearFit(points.filter((p) => p.timeUnixNano <= middle));
  const second = linearFit(points.filter((p) => p.timeUnixNano >= middle));
  if (first === null || second === null) return false;
  return second.slope >= MIN_PACE_KEPT * Math.max(0, first.slope);
}

/**
 * Where a flat-then-rising stretch turns (segmented regression with one hinge: y = a + b·max(0, t − knee),
 * the knee placed where the squared error is least). Fitting a line from an earlier start would pull the
 * onset back into the flat part.
 */
function kneeIndex(points: readonly TimedValue[]): number {
  let best = 0;
  let bestError = Number.POSITIVE_INFINITY;
  const t0 = points[0].timeUnixNano;
  const xs = points.map((p) => Number(p.timeUnixNano - t0) / NANOS_PER_SECOND);
  const ys = points.map((p) => p.value - points[0].value);
  for (let k = 0; k <= points.length - 4; k += 1) {
    const zs = xs.map((x) => Math.max(0, x - xs[k]));
    const mz = zs.reduce((a, b) => a + b, 0) / zs.length;
    const my = ys.reduce((a, b) => a + b, 0) / ys.length;
    let cov = 0;
    let varZ = 0;
    for (let m = 0; m < zs.length; m += 1) {
      cov += (zs[m] - mz) * (ys[m] - my);
      varZ += (zs[m] - mz) ** 2;
    }
    if (varZ <= 0) continue;
    const b = cov / varZ;
    const a = my - b * mz;
    let error = 0;
    for (let m = 0; m < zs.length; m += 1) error += (ys[m] - a - b * zs[m]) ** 2;
    if (error < bestError) {
      bestError = error;
      best = k;
    }
  }
  return best;
}

/** The growth from its knee to points[end], if it qualifies. */
function qualify(points: readonly TimedValue[], c: GrowthCriteria): Growth | null {
  const fit = linearFit(points);
  if (fit === null || fit.seconds < c.minSeconds || points.length < 4) return null;
  const startValue = fit.intercept;
  const endValue = fit.intercept + fit.slope * fit.seconds;
  if (fit.rSquared < c.minRSquared || fit.slope < c.minPerSecond || startValue <= 0 || (endValue - startValue) / startValue < c.minShare) return null;
  if (!keepsPace(points)) return null;
  return { onsetUnixNano: points[0].timeUnixNano, endUnixNano: points[points.length - 1].timeUnixNano, startValue, endValue, perSecond: fit.slope, rSquared: fit.rSquared, seconds: fit.seconds, points: points.length };
}

/** Growth ending at points[end]: the longest stretch back that still fits a rising line, cut at its knee. */
function growthEndingAt(points: readonly TimedValue[], end: number, c: GrowthCriteria): Growth | null {
  const tEnd = points[end].timeUnixNano;
  const yEnd = points[end].value;
  // Running sums over points i..end, with x in seconds before the end and y relative to the end value, so the
  // sums stay small for byte-sized values.
  let n = 0;
  let sx = 0;
  let sy = 0;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  let earliest = -1;
  for (let i = end; i >= 0; i -= 1) {
    const x = Number(points[i].timeUnixNano - tEnd) / NANOS_PER_SECOND;
    const y = points[i].value - yEnd;
    n += 1;
    sx += x;
    sy += y;
    sxy += x * y;
    sxx += x * x;
    syy += y * y;
    if (n < 4 || -x < c.minSeconds) continue;
    const cov = sxy - (sx * sy) / n;
    const varX = sxx - (sx * sx) / n;
    const varY = syy - (sy * sy) / n;
    if (varX <= 0 || varY <= 0) continue;
    if ((cov * cov) / (varX * varY) >= c.minRSquared && cov / varX >= c.minPerSecond) earliest = i;
  }
  if (earliest < 0) return null;
  const stretch = points.slice(earliest, end + 1);
  const knee = earliest + kneeIndex(stretch);
  const growth = qualify(points.slice(knee, end + 1), c);
  if (growth === null || knee === 0) return growth;
  // Climbing back to a level the process already held (memory re-grown after a GC compaction or a restart,
  // one more tooth of a sawtooth) is not a leak: most of the growth must be new ground.
  const priorTop = Math.max(...points.slice(0, knee).map((p) => p.value));
  return growth.endValue - priorTop >= MIN_NEW_GROUND * (growth.endValue - growth.startValue) ? growth : null;
}

/**
 * The latest stretch of sustained growth: either still going at the last point, or ending where the series
 * reached its top (a leak that hit a cap, or a process that was then restarted, still counts).
 */
export function sustainedGrowth(series: readonly TimedValue[], c: GrowthCriteria): Growth | null {
  const points = series.filter((p) => Number.isFinite(p.value));
  if (points.length < 4) return null;
  const last = points.length - 1;
  const atLast = growthEndingAt(points, last, c);
  if (atLast !== null) return atLast;
  const top = Math.max(...points.map((p) => p.value));
  const topIndex = points.findIndex((p) => p.value >= 0.98 * top);
  return topIndex > 0 && topIndex < last ? growthEndingAt(points, topIndex, c) : null;
}
