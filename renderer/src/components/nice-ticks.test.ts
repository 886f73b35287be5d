import { describe, expect, it } from 'vitest';
import { niceTicks } from './nice-ticks.ts';

describe('niceTicks', () => {
  it('covers the range with round steps from zero', () => {
    expect(niceTicks(0, 505, 4)).toEqual([0, 200, 400, 600]);
    expect(niceTicks(0, 2.24, 4)).toEqual([0, 1, 2, 3]);
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(niceTicks(0, 0.952, 4)).toEqual([0, 0.5, 1]);
  });

  it('includes negative minimums and copes with flat data', () => {
    expect(niceTicks(-30, 80, 4)).toEqual([-50, 0, 50, 100]);
    expect(niceTicks(0, 0, 4)).toEqual([0, 0.5, 1]);
  });
});
