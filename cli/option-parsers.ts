// Parsers for command-line values: ports, on/off switches, durations and sizes. Each throws a clear error.
import { InvalidArgumentError } from 'commander';

export function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new InvalidArgumentError(`"${value}" is not a port (0–65535)`);
  return port;
}

/** A receiver port, or false for 'off' (commander turns a parser's null into ''). */
export function parsePortOrOff(value: string): number | false {
  return value.toLowerCase() === 'off' ? false : parsePort(value);
}

export function parseOnOff(value: string): boolean {
  const lowered = value.toLowerCase();
  if (lowered === 'on' || lowered === 'true') return true;
  if (lowered === 'off' || lowered === 'false') return false;
  throw new InvalidArgumentError(`"${value}" must be on or off`);
}

const DURATION_UNITS_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** "500ms", "30s", "5m", "12h", "7d" → milliseconds. */
export function parseDurationMs(value: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(value.trim());
  if (match === null) throw new InvalidArgumentError(`"${value}" is not a duration like 30s, 5m, 12h or 7d`);
  return Math.round(Number(match[1]) * DURATION_UNITS_MS[match[2]]);
}

const SIZE_UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3, tb: 1024 ** 4 };

/** "512MB", "2GB", "100kb" → bytes (binary multiples). */
export function parseSizeBytes(value: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb|tb)$/i.exec(value.trim());
  if (match === null) throw new InvalidArgumentError(`"${value}" is not a size like 512MB or 2GB`);
  return Math.round(Number(match[1]) * SIZE_UNITS[match[2].toLowerCase()]);
}

export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
