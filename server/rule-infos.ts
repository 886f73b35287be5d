// The rules as the console lists them (settings, backtests): thresholds with their defaults and sources.
import type { RuleInfo } from '../common/api-contract.ts';
import { ALL_RULES } from '../rules/index.ts';

export function ruleInfos(): RuleInfo[] {
  return ALL_RULES.map((rule) => ({
    id: rule.id,
    kind: rule.kind,
    title: rule.title,
    evidence: rule.needs.description,
    thresholds: Object.entries(rule.thresholds).map(([name, spec]) => ({ name, value: spec.value, source: spec.source })),
    techniques: [...rule.techniques],
  }));
}
