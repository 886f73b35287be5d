import { describe, expect, it } from 'vitest';
import { ratesFromCounts } from './rates-from-counts.ts';

describe('ratesFromCounts', () => {
  it('divides the count delta by the elapsed seconds', () => {
    const previous = { counts: { spans: 100, metricPoints: 1000, logs: 0 }, atMs: 10_000 };
    const next = { counts: { spans: 120, metricPoints: 1100, logs: 3 }, atMs: 12_000 };
    expect(ratesFromCounts(previous, next)).toEqual({ spans: 10, metricPoints: 50, logs: 1.5 });
  });

  it('needs a previous sample and time to pass', () => {
    const sample = { counts: { spans: 1, metricPoints: 1, logs: 1 }, atMs: 5 };
    expect(ratesFromCounts(null, sample)).toBeNull();
    expect(ratesFromCounts(sample, sample)).toBeNull();
  });

  it('clamps drops from retention to zero', () => {
    const previous = { counts: { spans: 500, metricPoints: 10, logs: 10 }, atMs: 0 };
    const next = { counts: { spans: 100, metricPoints: 10, logs: 10 }, atMs: 1000 };
    expect(ratesFromCounts(previous, next)).toEqual({ spans: 0, metricPoints: 0, logs: 0 });
  });
});
