export type { Evidence, EvidenceSpan, MetricSeries, SeriesPoint } from './evidence.ts';
export type { AnyRule, Rule, RuleFinding, ThresholdSpec } from './rule.ts';
export { thresholdValues } from './rule.ts';
export { RollingEvidence } from './rolling-evidence.ts';
export type { RollingEvidenceOptions } from './rolling-evidence.ts';
export { runRules, runRulesYielding, rankFindings, linkCauses } from './engine.ts';
export type { EngineOptions } from './engine.ts';
export { ALL_RULES } from './all-rules.ts';
