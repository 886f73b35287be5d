// Incident times: the API speaks Unix nanoseconds as decimal strings, the playhead Unix milliseconds.

/** Unix ms (fractions kept to the microsecond) → Unix ns as a decimal string. */
export function millisToNanos(ms: number): string {
  return (BigInt(Math.round(ms * 1000)) * 1000n).toString();
}

/** Unix ns as a decimal string → Unix ms; null for anything else. */
export function nanosToMillisOrNull(text: string | null | undefined): number | null {
  if (typeof text !== 'string' || !/^\d+$/.test(text)) return null;
  const ns = BigInt(text);
  return Number(ns / 1_000_000n) + Number(ns % 1_000_000n) / 1e6;
}

/** "+1:05" from the incident start; "+1:02:03" past an hour. */
export function formatOffset(offsetMs: number): string {
  const total = Math.max(0, Math.floor(offsetMs / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = (total % 60).toString().padStart(2, '0');
  return hours > 0 ? `+${hours}:${minutes.toString().padStart(2, '0')}:${seconds}` : `+${minutes}:${seconds}`;
}
