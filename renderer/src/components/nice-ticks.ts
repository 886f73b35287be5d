// Round axis ticks from zero (or a negative minimum) to just above the maximum: 0, 200, 400, 600.

const STEPS = [1, 2, 2.5, 5, 10];

/** About `count` evenly spaced round ticks covering `min..max`; the last is the axis top. */
export function niceTicks(min: number, max: number, count: number): number[] {
  const low = Math.min(min, 0);
  const high = max > low ? max : low + 1;
  const raw = (high - low) / Math.max(count - 1, 1);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = (STEPS.find((candidate) => candidate * magnitude >= raw) ?? 10) * magnitude;
  const first = Math.floor(low / step) * step;
  const ticks: number[] = [];
  for (let tick = first; tick < high + step; tick += step) {
    ticks.push(Number(tick.toPrecision(12)));
    if (tick >= high) break;
  }
  return ticks;
}
