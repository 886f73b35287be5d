// Threshold edits for a backtest: what the user typed, against the rules' defaults, as the overrides map
// the server takes ("rule-id.threshold" → value). Values equal to the default are not overrides.
import type { RuleInfo } from '../../../common/api-contract.ts';

export type ThresholdDrafts = Record<string, string>;

export interface BacktestPlan {
  overrides: Record<string, number>;
  /** Keys whose text is not a number. */
  invalid: string[];
}

export function planBacktest(rules: readonly RuleInfo[], drafts: ThresholdDrafts): BacktestPlan {
  const overrides: Record<string, number> = {};
  const invalid: string[] = [];
  for (const rule of rules) {
    for (const threshold of rule.thresholds) {
      const key = `${rule.id}.${threshold.name}`;
      const text = drafts[key];
      if (text === undefined || text.trim() === '') continue;
      const value = Number(text);
      if (!Number.isFinite(value)) invalid.push(key);
      else if (value !== threshold.value) overrides[key] = value;
    }
  }
  return { overrides, invalid };
}

/** Drafts that show the overrides in force (for editing them again). */
export function draftsFrom(overrides: Readonly<Record<string, number>>): ThresholdDrafts {
  return Object.fromEntries(Object.entries(overrides).map(([key, value]) => [key, String(value)]));
}
