import { describe, expect, it } from 'vitest';
import { formatCompact, formatCount, formatRate } from './rate.ts';

describe('formatCount', () => {
  it('groups thousands and rounds', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(12.6)).toBe('13');
    expect(formatCount(Number.NaN)).toBe('—');
  });
});

describe('formatCompact', () => {
  it('keeps small values readable', () => {
    expect(formatCompact(0)).toBe('0');
    expect(formatCompact(0.001)).toBe('0');
    expect(formatCompact(0.04)).toBe('0.04');
    expect(formatCompact(0.4)).toBe('0.4');
    expect(formatCompact(1)).toBe('1');
    expect(formatCompact(12.34)).toBe('12.3');
    expect(formatCompact(999)).toBe('999');
  });

  it('uses k/M/G with three significant digits', () => {
    expect(formatCompact(999.6)).toBe('1k');
    expect(formatCompact(1234)).toBe('1.23k');
    expect(formatCompact(45_600_000)).toBe('45.6M');
    expect(formatCompact(123_000_000_000)).toBe('123G');
    expect(formatCompact(-1500)).toBe('-1.5k');
  });

  it('shows a dash for non-finite input', () => {
    expect(formatCompact(Number.POSITIVE_INFINITY)).toBe('—');
  });
});

describe('formatRate', () => {
  it('appends /s', () => {
    expect(formatRate(1520)).toBe('1.52k/s');
    expect(formatRate(0)).toBe('0/s');
    expect(formatRate(Number.NaN)).toBe('—');
  });
});
