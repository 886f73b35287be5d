import { describe, expect, it } from 'vitest';
import { latestRunOf } from './time-buckets.ts';

describe('latestRunOf', () => {
  it('finds the latest run of hits, buckets judged undefined neither extending nor breaking it', () => {
    const runOf = (verdicts: (boolean | undefined)[]) => latestRunOf(verdicts.length, (i) => verdicts[i]);
    expect(runOf([])).toBeNull();
    expect(runOf([false])).toBeNull();
    expect(runOf([undefined, undefined])).toBeNull();
    expect(runOf([true])).toEqual({ first: 0, last: 0 });
    expect(runOf([true, undefined, true, false])).toEqual({ first: 0, last: 2 });
    expect(runOf([true, false, true, undefined, true, undefined])).toEqual({ first: 2, last: 4 });
    expect(runOf([false, true, true, false, false])).toEqual({ first: 1, last: 2 });
  });
});
