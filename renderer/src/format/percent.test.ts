import { describe, expect, it } from 'vitest';
import { formatPercent } from './percent.ts';

describe('formatPercent', () => {
  it('formats ratios with one decimal', () => {
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(0.421)).toBe('42.1%');
    expect(formatPercent(0.5)).toBe('50%');
    expect(formatPercent(1)).toBe('100%');
  });

  it('never rounds a tiny share to zero or a near-full one to 100', () => {
    expect(formatPercent(0.0001)).toBe('<0.1%');
    expect(formatPercent(0.99999)).toBe('99.9%');
  });

  it('shows a dash for non-finite input', () => {
    expect(formatPercent(Number.NaN)).toBe('—');
  });
});
