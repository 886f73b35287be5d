import { describe, expect, it } from 'vitest';
import { formatBytes, formatBytesPerSecond } from './bytes.ts';

describe('formatBytes', () => {
  it('shows whole bytes below a kilobyte', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(999.4)).toBe('999 B');
  });

  it('scales by 1000 with three significant digits', () => {
    expect(formatBytes(999.5)).toBe('1 kB');
    expect(formatBytes(1500)).toBe('1.5 kB');
    expect(formatBytes(12_345_678)).toBe('12.3 MB');
    expect(formatBytes(1_020_000_000)).toBe('1.02 GB');
    expect(formatBytes(999_999)).toBe('1 MB');
    expect(formatBytes(5e18)).toBe('5000 PB');
  });

  it('handles negatives and non-finite input', () => {
    expect(formatBytes(-2048)).toBe('-2.05 kB');
    expect(formatBytes(Number.NaN)).toBe('—');
    expect(formatBytes(Number.POSITIVE_INFINITY)).toBe('—');
  });
});

describe('formatBytesPerSecond', () => {
  it('appends /s', () => {
    expect(formatBytesPerSecond(2_500_000)).toBe('2.5 MB/s');
    expect(formatBytesPerSecond(Number.NaN)).toBe('—');
  });
});
