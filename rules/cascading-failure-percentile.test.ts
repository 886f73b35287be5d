import { describe, expect, it } from 'vitest';
import { seededRandom } from '../fixtures/domain-builders.ts';
import { percentileInPlace, selectInPlace } from './cascading-failure-percentile.ts';
import { percentile } from './series-math.ts';

describe('selectInPlace', () => {
  it('finds the value at every rank of sorted order, with duplicates, runs and short arrays', () => {
    const random = seededRandom(7);
    const shapes: ((i: number, n: number) => number)[] = [
      () => Math.round(random() * 1000) / 10,
      () => Math.floor(random() * 3),
      (i) => i,
      (i, n) => n - i,
      () => 5,
    ];
    for (const n of [1, 2, 3, 16, 17, 18, 40, 257]) {
      for (const shape of shapes) {
        const values = Float64Array.from({ length: n }, (_, i) => shape(i, n));
        const sorted = Float64Array.from(values).sort();
        for (let k = 0; k < n; k += 1) expect(selectInPlace(Float64Array.from(values), k)).toBe(sorted[k]);
      }
    }
  });

  it('gives the nearest-rank percentile series-math gives, NaN for no values', () => {
    const random = seededRandom(11);
    for (const n of [1, 2, 5, 99, 1000]) {
      const values = Array.from({ length: n }, () => random() * 50);
      for (const p of [25, 50, 95]) expect(percentileInPlace(Float64Array.from(values), p)).toBe(percentile(values, p));
    }
    expect(percentileInPlace(new Float64Array(0), 50)).toBeNaN();
  });
});
