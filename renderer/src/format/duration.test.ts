import { describe, expect, it } from 'vitest';
import { formatDuration, nanosToMillis, parseNanos } from './duration.ts';

describe('formatDuration', () => {
  it('keeps nanoseconds whole', () => {
    expect(formatDuration('0')).toBe('0 ns');
    expect(formatDuration('850')).toBe('850 ns');
    expect(formatDuration('999')).toBe('999 ns');
  });

  it('uses three significant digits below a minute', () => {
    expect(formatDuration('1000')).toBe('1 µs');
    expect(formatDuration('12345')).toBe('12.3 µs');
    expect(formatDuration('4560000')).toBe('4.56 ms');
    expect(formatDuration('123456789')).toBe('123 ms');
    expect(formatDuration('1200000000')).toBe('1.2 s');
    expect(formatDuration('59400000000')).toBe('59.4 s');
  });

  it('moves a value that rounds up to 1000 into the next unit', () => {
    expect(formatDuration('999600')).toBe('1 ms');
    expect(formatDuration('999999999')).toBe('1 s');
    expect(formatDuration('59999000000')).toBe('1m 00s');
  });

  it('uses minutes and hours for long spans', () => {
    expect(formatDuration('125000000000')).toBe('2m 05s');
    expect(formatDuration(String(3n * 3_600_000_000_000n + 7n * 60_000_000_000n))).toBe('3h 07m');
  });

  it('is exact for values beyond Number.MAX_SAFE_INTEGER', () => {
    const huge = 2n ** 63n - 1n; // ~106751 days
    expect(formatDuration(huge.toString())).toBe('2562047h 47m');
  });

  it('accepts bigint and number, and shows a dash for garbage', () => {
    expect(formatDuration(1500n)).toBe('1.5 µs');
    expect(formatDuration(2_000_000)).toBe('2 ms');
    expect(formatDuration('-2000000')).toBe('-2 ms');
    expect(formatDuration('1e6')).toBe('—');
    expect(formatDuration('')).toBe('—');
    expect(formatDuration(Number.NaN)).toBe('—');
  });
});

describe('parseNanos and nanosToMillis', () => {
  it('parses decimal strings exactly', () => {
    expect(parseNanos('1700000000123456789')).toBe(1700000000123456789n);
    expect(parseNanos(' 42 ')).toBe(42n);
    expect(parseNanos('4.2')).toBeNull();
  });

  it('converts Unix nanoseconds to milliseconds without losing the millisecond part', () => {
    expect(nanosToMillis('1700000000123456789')).toBeCloseTo(1700000000123.4568, 3);
    expect(nanosToMillis('1500000')).toBe(1.5);
    expect(Number.isNaN(nanosToMillis('x'))).toBe(true);
  });
});
