// Durations arrive as nanosecond decimal strings (JSON has no bigint). BigInt keeps them exact
// until the last step, where the chosen unit is small enough for a float.

const NS_PER_US = 1_000n;
const NS_PER_MS = 1_000_000n;
const NS_PER_S = 1_000_000_000n;
const NS_PER_MIN = 60n * NS_PER_S;
const NS_PER_HOUR = 60n * NS_PER_MIN;

/** Parses a nanosecond value; null when it is not a whole number. */
export function parseNanos(value: string | bigint | number): bigint | null {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? BigInt(Math.trunc(value)) : null;
  const trimmed = value.trim();
  if (!/^-?\d+$/.test(trimmed)) return null;
  return BigInt(trimmed);
}

/** Three significant digits at most: 1.23, 12.3, 123. */
function threeSignificant(value: number): string {
  if (value >= 100) return value.toFixed(0);
  if (value >= 10) return trimZeros(value.toFixed(1));
  return trimZeros(value.toFixed(2));
}

function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

function scaled(ns: bigint, unit: bigint): number {
  // Split so the integer part stays exact even for very long durations.
  const whole = ns / unit;
  const rest = ns % unit;
  return Number(whole) + Number(rest) / Number(unit);
}

/**
 * Human duration: "850 ns", "12.3 µs", "4.56 ms", "1.2 s", "2m 05s", "3h 07m".
 * Returns "—" for values that are not whole numbers.
 */
export function formatDuration(value: string | bigint | number): string {
  const parsed = parseNanos(value);
  if (parsed === null) return '—';
  const negative = parsed < 0n;
  const ns = negative ? -parsed : parsed;
  const sign = negative ? '-' : '';

  if (ns < NS_PER_US) return `${sign}${ns} ns`;
  if (ns < NS_PER_MS) return `${sign}${bumpUnit(scaled(ns, NS_PER_US), 'µs', 'ms')}`;
  if (ns < NS_PER_S) return `${sign}${bumpUnit(scaled(ns, NS_PER_MS), 'ms', 's')}`;
  if (ns < NS_PER_MIN) {
    const seconds = scaled(ns, NS_PER_S);
    // 59.96 s would round to "60 s"; show it as a minute instead.
    if (Number(threeSignificant(seconds)) < 60) return `${sign}${threeSignificant(seconds)} s`;
    return `${sign}1m 00s`;
  }
  if (ns < NS_PER_HOUR) {
    const minutes = ns / NS_PER_MIN;
    const seconds = (ns % NS_PER_MIN) / NS_PER_S;
    return `${sign}${minutes}m ${seconds.toString().padStart(2, '0')}s`;
  }
  const hours = ns / NS_PER_HOUR;
  const minutes = (ns % NS_PER_HOUR) / NS_PER_MIN;
  return `${sign}${hours}h ${minutes.toString().padStart(2, '0')}m`;
}

/** 999.6 µs rounds to "1000 µs"; move such values to the next unit ("1 ms"). */
function bumpUnit(value: number, unit: string, nextUnit: string): string {
  const text = threeSignificant(value);
  if (Number(text) >= 1000) return `${threeSignificant(Number(text) / 1000)} ${nextUnit}`;
  return `${text} ${unit}`;
}

/** Milliseconds (float) from a nanosecond string, for charts and Date. */
export function nanosToMillis(value: string | bigint): number {
  const parsed = parseNanos(value);
  if (parsed === null) return Number.NaN;
  return Number(parsed / NS_PER_MS) + Number(parsed % NS_PER_MS) / 1e6;
}
