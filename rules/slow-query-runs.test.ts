import { describe, expect, it } from 'vitest';
import { seededRandom } from '../fixtures/domain-builders.ts';
import { percentile } from './series-math.ts';
import { percentileReaches } from './slow-query-runs.ts';

describe('percentileReaches', () => {
  it('says what percentile() ≥ line says, from the count below the line alone', () => {
    const random = seededRandom(7);
    for (let trial = 0; trial < 2000; trial += 1) {
      const values = Array.from({ length: Math.floor(random() * 40) }, () => Math.round(random() * 20));
      const line = trial % 50 === 0 ? Number.NaN : Math.round(random() * 22);
      const p = [50, 95, 99, 100, 0][trial % 5];
      const below = values.filter((v) => !(v >= line)).length;
      expect(percentileReaches(values.length, below, p)).toBe(percentile(values, p) >= line);
    }
  });
});
