import { describe, expect, it } from 'vitest';
import { formatClockTime, formatRelativeTime, formatTimestamp } from './relative-time.ts';

const NOW = 1_700_000_000_000;

describe('formatRelativeTime', () => {
  it('says just now within two seconds either way', () => {
    expect(formatRelativeTime(NOW, NOW)).toBe('just now');
    expect(formatRelativeTime(NOW - 1999, NOW)).toBe('just now');
    expect(formatRelativeTime(NOW + 1500, NOW)).toBe('just now');
  });

  it('picks the largest whole unit', () => {
    expect(formatRelativeTime(NOW - 12_400, NOW)).toBe('12s ago');
    expect(formatRelativeTime(NOW - 5 * 60_000 - 59_000, NOW)).toBe('5m ago');
    expect(formatRelativeTime(NOW - 3 * 3_600_000, NOW)).toBe('3h ago');
    expect(formatRelativeTime(NOW - 2 * 86_400_000 - 1, NOW)).toBe('2d ago');
  });

  it('handles future times and bad input', () => {
    expect(formatRelativeTime(NOW + 5_000, NOW)).toBe('in 5s');
    expect(formatRelativeTime(Number.NaN, NOW)).toBe('—');
  });
});

describe('formatClockTime and formatTimestamp', () => {
  const local = new Date(2024, 0, 2, 3, 4, 5, 6).getTime();

  it('formats local time with zero padding', () => {
    expect(formatClockTime(local)).toBe('03:04:05.006');
    expect(formatClockTime(local, false)).toBe('03:04:05');
    expect(formatTimestamp(local)).toBe('2024-01-02 03:04:05.006');
  });

  it('shows a dash for bad input', () => {
    expect(formatClockTime(Number.NaN)).toBe('—');
    expect(formatTimestamp(Number.POSITIVE_INFINITY)).toBe('—');
  });
});
