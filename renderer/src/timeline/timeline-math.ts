// Positions on the incident timeline: time ↔ fraction of the track, axis ticks at round offsets, and
// marker lanes so findings raised close together do not hide each other.

export function fractionOf(ms: number, fromMs: number, toMs: number): number {
  if (!(toMs > fromMs)) return 0;
  return Math.min(Math.max((ms - fromMs) / (toMs - fromMs), 0), 1);
}

export function timeAtFraction(fraction: number, fromMs: number, toMs: number): number {
  return fromMs + Math.min(Math.max(fraction, 0), 1) * Math.max(toMs - fromMs, 0);
}

/** The time under a pointer at `clientX` on a track spanning `left`..`left + width` on screen. */
export function timeAtClientX(clientX: number, left: number, width: number, fromMs: number, toMs: number): number {
  return timeAtFraction(width > 0 ? (clientX - left) / width : 0, fromMs, toMs);
}

const TICK_STEPS_MS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21_600, 43_200, 86_400].map(
  (seconds) => seconds * 1000,
);

/** Offsets from the start (ms) at the roundest step that gives at most `maxTicks` ticks, 0 included. */
export function axisTicks(durationMs: number, maxTicks: number): number[] {
  if (!(durationMs > 0) || maxTicks < 2) return [0];
  const stepMs = TICK_STEPS_MS.find((candidate) => durationMs / candidate <= maxTicks - 1) ?? TICK_STEPS_MS[TICK_STEPS_MS.length - 1] ?? 86_400_000;
  const ticks: number[] = [];
  for (let offset = 0; offset <= durationMs; offset += stepMs) ticks.push(offset);
  return ticks;
}

/** Absolute times (Unix ms) on whole steps (every 10 s at :00, :10, …) within `fromMs..toMs`, about `maxTicks` of them. */
export function alignedTicks(fromMs: number, toMs: number, maxTicks: number): number[] {
  if (!(toMs > fromMs) || maxTicks < 1) return [];
  const span = toMs - fromMs;
  const stepMs = TICK_STEPS_MS.find((candidate) => span / candidate <= maxTicks) ?? TICK_STEPS_MS[TICK_STEPS_MS.length - 1] ?? 86_400_000;
  const ticks: number[] = [];
  for (let tick = Math.ceil(fromMs / stepMs) * stepMs; tick <= toMs; tick += stepMs) ticks.push(tick);
  return ticks;
}

/**
 * A lane (0 = nearest the axis) for each marker, given their fractions along the track: a marker goes into
 * the first lane whose last marker is at least `minGap` away; beyond `lanes`, into the emptiest-looking last.
 */
export function markerLanes(fractions: readonly number[], minGap: number, lanes: number): number[] {
  const order = fractions.map((fraction, index) => ({ fraction, index })).sort((a, b) => a.fraction - b.fraction);
  const lastInLane: number[] = [];
  const result = new Array<number>(fractions.length).fill(0);
  for (const { fraction, index } of order) {
    let lane = lastInLane.findIndex((last) => fraction - last >= minGap);
    if (lane === -1) lane = lastInLane.length < lanes ? lastInLane.length : lanes - 1;
    lastInLane[lane] = fraction;
    result[index] = lane;
  }
  return result;
}
