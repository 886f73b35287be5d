import { describe, expect, it } from 'vitest';
import { medianInterval, withGaps } from './series-gaps.ts';

const series = (times: number[]) => times.map((t) => ({ t, v: 1 }));

describe('withGaps', () => {
  it('leaves a regular series alone', () => {
    expect(withGaps(series([0, 1000, 2000, 3000]))).toEqual(series([0, 1000, 2000, 3000]));
  });

  it('breaks the line where samples are missing', () => {
    expect(withGaps(series([0, 1000, 2000, 60_000, 61_000]))).toEqual([
      { t: 0, v: 1 },
      { t: 1000, v: 1 },
      { t: 2000, v: 1 },
      { t: 31_000, v: null },
      { t: 60_000, v: 1 },
      { t: 61_000, v: 1 },
    ]);
  });

  it('copes with tiny series', () => {
    expect(withGaps([])).toEqual([]);
    expect(withGaps(series([5]))).toEqual(series([5]));
  });
});

describe('medianInterval', () => {
  it('is the middle spacing, ignoring duplicates in time', () => {
    expect(medianInterval(series([0, 1000, 2000, 2000, 9000]))).toBe(1000);
    expect(medianInterval(series([0]))).toBeNull();
  });
});
