import { describe, expect, it } from 'vitest';
import { summarizeSeries } from './series-summary.ts';

describe('summarizeSeries', () => {
  it('takes the newest point as current and computes average and peak', () => {
    const summary = summarizeSeries(
      [
        { t: 1000, v: 0.2 },
        { t: 3000, v: 0.6 },
        { t: 2000, v: 0.4 },
      ],
      4000,
    );
    expect(summary.current).toBe(0.6);
    expect(summary.average).toBeCloseTo(0.4);
    expect(summary.peak).toBe(0.6);
    expect(summary.latestAt).toBe(3000);
    expect(summary.stale).toBe(false);
  });

  it('flags a series whose newest point is old, and skips non-finite values', () => {
    const summary = summarizeSeries([{ t: 0, v: 5 }, { t: 1, v: Number.NaN }], 60_000);
    expect(summary.current).toBe(5);
    expect(summary.stale).toBe(true);
  });

  it('returns nulls for an empty series', () => {
    expect(summarizeSeries([], 0)).toEqual({ current: null, average: null, peak: null, latestAt: null, stale: false });
  });
});
