// Reconnect delays: exponential from 500 ms up to 10 s, with jitter so many tabs do not sync up.

export const BACKOFF_BASE_MS = 500;
export const BACKOFF_MAX_MS = 10_000;

/** Delay before reconnect attempt `attempt` (0-based). `random` is injectable for tests. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(attempt, 0), 10);
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** exponent);
  // Full jitter over the upper half: never sooner than half the ceiling.
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}
