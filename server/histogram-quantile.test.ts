import { describe, expect, it } from 'vitest';
import { exponentialQuantile, histogramQuantile } from './histogram-quantile.ts';

describe('histogram quantiles', () => {
  it('interpolates inside the bucket that holds the rank', () => {
    // 10 values in (0,10], 10 in (10,20]: the median is the top of the first bucket, p75 half-way up the second.
    expect(histogramQuantile([10, 10, 0], [10, 20], 0.5, null, null)).toBe(10);
    expect(histogramQuantile([10, 10, 0], [10, 20], 0.75, null, null)).toBe(15);
  });

  it('bounds the overflow bucket by the max, and the first bucket by the min, when known', () => {
    expect(histogramQuantile([0, 0, 4], [10, 20], 0.5, 25, 45)).toBe(35);
    expect(histogramQuantile([4, 0, 0], [10, 20], 0.5, 6, 9)).toBe(7.5);
  });

  it('has no value for an empty interval', () => {
    expect(histogramQuantile([0, 0, 0], [10, 20], 0.5, null, null)).toBeNull();
  });

  it('reads exponential buckets: zeros first, then base^index boundaries', () => {
    const data = {
      type: 'exponential_histogram' as const,
      temporality: 'delta' as const,
      count: 4,
      sum: null,
      min: null,
      max: null,
      scale: 0,
      zeroCount: 2,
      zeroThreshold: 0,
      positive: { offset: 3, bucketCounts: [2] },
      negative: { offset: 0, bucketCounts: [] },
    };
    expect(exponentialQuantile(data, 0.25)).toBe(0);
    // Scale 0: base 2; index 3 holds (8, 16]; the p75 rank is half-way through it.
    expect(exponentialQuantile(data, 0.75)).toBe(12);
  });
});
