import { describe, expect, it } from 'vitest';
import type { RuleInfo } from '../../../common/api-contract.ts';
import { draftsFrom, planBacktest } from './backtest-overrides.ts';

const rules: RuleInfo[] = [
  { id: 'pool-exhaustion', kind: 'pool_exhaustion', title: 'Pool', evidence: '', techniques: [], thresholds: [{ name: 'waitP95Ms', value: 50, source: 's' }, { name: 'sustainSeconds', value: 10, source: 's' }] },
];

describe('planBacktest', () => {
  it('keeps only changed, numeric values, keyed rule.threshold', () => {
    expect(planBacktest(rules, { 'pool-exhaustion.waitP95Ms': '200', 'pool-exhaustion.sustainSeconds': '10' })).toEqual({
      overrides: { 'pool-exhaustion.waitP95Ms': 200 },
      invalid: [],
    });
  });

  it('names entries that are not numbers and ignores blanks and unknown keys', () => {
    expect(planBacktest(rules, { 'pool-exhaustion.waitP95Ms': 'fast', 'pool-exhaustion.sustainSeconds': ' ', 'other.x': '3' })).toEqual({
      overrides: {},
      invalid: ['pool-exhaustion.waitP95Ms'],
    });
  });

  it('turns overrides in force back into drafts', () => {
    expect(draftsFrom({ 'pool-exhaustion.waitP95Ms': 200 })).toEqual({ 'pool-exhaustion.waitP95Ms': '200' });
  });
});
