import { describe, expect, it } from 'vitest';
import { formatMetricValue, formatNumber, unitLabel } from './metric-value.ts';

describe('formatMetricValue', () => {
  it('shows ratios as percentages', () => {
    expect(formatMetricValue(0.85, '1')).toBe('85%');
    expect(formatMetricValue(1.874, '1')).toBe('187%');
    expect(formatMetricValue(42.5, '%')).toBe('42.5%');
  });

  it('shows times as durations', () => {
    expect(formatMetricValue(180, 'ms')).toBe('180 ms');
    expect(formatMetricValue(0.5, 'ms')).toBe('500 µs');
    expect(formatMetricValue(36.036, 's')).toBe('36 s');
    expect(formatMetricValue(0, 'ms')).toBe('0 ms');
  });

  it('shows bytes and byte rates in SI units', () => {
    expect(formatMetricValue(1_500_000, 'By')).toBe('1.5 MB');
    expect(formatMetricValue(2500, 'By/s')).toBe('2.5 kB/s');
  });

  it('shows annotated counts and other units as numbers with the unit', () => {
    expect(formatMetricValue(12, '{connection}')).toBe('12');
    expect(formatMetricValue(12.34, '{request}/s')).toBe('12.3/s');
    expect(formatMetricValue(3, '{}')).toBe('3');
    expect(formatMetricValue(3.25, 'req')).toBe('3.25 req');
    expect(formatMetricValue(Number.NaN, 'ms')).toBe('—');
  });
});

describe('formatNumber and unitLabel', () => {
  it('keeps whole numbers exact and others to three significant digits', () => {
    expect(formatNumber(2)).toBe('2');
    expect(formatNumber(1.874007)).toBe('1.87');
    expect(formatNumber(36.036)).toBe('36');
    expect(formatNumber(0.004567)).toBe('0.0046');
    expect(formatNumber(123_456)).toBe('123,456');
    expect(formatNumber(123_456.7)).toBe('123k');
  });

  it('labels axes briefly', () => {
    expect(unitLabel('1')).toBe('%');
    expect(unitLabel('By/s')).toBe('B/s');
    expect(unitLabel('{request}/s')).toBe('/s');
    expect(unitLabel('ms')).toBe('ms');
  });
});
