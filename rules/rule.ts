// A rule is data plus a pure function: what it looks for, the evidence it needs, its thresholds (units in
// their names, each with the source it follows), the techniques it maps to, and evaluate().
import type { FindingEvidence, FindingKind, Severity } from '../common/findings.ts';
import type { Evidence } from './evidence.ts';

export interface ThresholdSpec {
  value: number;
  /** Where the default comes from (a rule set, a detector default, a convention) and how it was adapted. */
  source: string;
}

/** What a rule reports; the engine adds the id, kind, rule id and technique names. */
export interface RuleFinding {
  /** Identifies the cause within the rule (e.g. service + pool name); the same key updates one finding. */
  key: string;
  severity: Severity;
  score: number;
  confidence: number;
  /** Why confidence is not higher (missing telemetry), in words. */
  confidenceNote?: string;
  title: string;
  summary: string;
  service?: string;
  resource?: string;
  onsetUnixNano: bigint;
  endUnixNano: bigint;
  evidence: FindingEvidence;
  /** Technique id → why it fits this evidence, with the numbers. Techniques without a sentence get a generic one. */
  why: Record<string, string>;
  notYet?: string[];
}

export interface Rule<K extends string = string> {
  /** Equals the file name. */
  id: string;
  kind: FindingKind;
  title: string;
  /** The evidence the rule reads: metric names (with aliases) and whether it reads spans. */
  needs: { metrics: readonly string[]; spans: boolean; description: string };
  thresholds: Record<K, ThresholdSpec>;
  /** Technique ids from techniques/, primary first. */
  techniques: readonly string[];
  evaluate(evidence: Evidence, thresholds: Record<K, number>): RuleFinding[];
}

/** A rule with its threshold names erased, for lists of rules. */
export type AnyRule = Rule<string>;

/** Threshold values from the specs, with "rule-id.threshold" overrides applied. */
export function thresholdValues<K extends string>(rule: Rule<K>, overrides: Readonly<Record<string, number>> = {}): Record<K, number> {
  const values = {} as Record<K, number>;
  for (const name of Object.keys(rule.thresholds) as K[]) {
    values[name] = overrides[`${rule.id}.${name}`] ?? rule.thresholds[name].value;
  }
  return values;
}
