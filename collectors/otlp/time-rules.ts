// Time checks shared by spans, span events, metric points and log records.
// OTLP times are unsigned 64-bit nanoseconds (up to the year 2554); the store keeps signed 64-bit integers
// (SQLite), so the latest time it can hold is 2^63 - 1 ns, in April 2262. A later time rejects its item
// (OTLP partial success) instead of failing the whole request when it reaches the store.

/** The latest Unix time in nanoseconds that can be stored: 2262-04-11T23:47:16.854775807Z. */
export const LATEST_UNIX_NANO = 2n ** 63n - 1n;

/** Why `value` (a Unix time in ns, named `name`) cannot be stored, or null when it can. */
export function timeProblem(name: string, value: bigint): string | null {
  return value > LATEST_UNIX_NANO ? `${name} ${value} is after the year 2262 (the latest time that can be stored)` : null;
}
