// The rules engine: runs every rule on one evidence window, names the techniques, merges findings of the
// same cause, links symptoms to causes, and ranks the rest (severity, then score).
import type { Finding, FindingTechnique, Severity } from '../common/findings.ts';
import { techniqueById } from '../techniques/index.ts';
import { isCauseOf, SYMPTOM_SCORE_FACTOR } from './causality.ts';
import type { Evidence } from './evidence.ts';
import { thresholdValues, type AnyRule, type RuleFinding } from './rule.ts';

export interface EngineOptions {
  /** "rule-id.threshold" → value, over the rules' defaults (settings, `analyze --set`). */
  overrides?: Readonly<Record<string, number>>;
  /** Rules that failed are reported here and skipped; one broken rule never silences the others. */
  onRuleError?: (ruleId: string, error: Error) => void;
}

const SEVERITY_RANK: Record<Severity, number> = { critical: 3, warning: 2, info: 1 };

function techniquesOf(rule: AnyRule, found: RuleFinding): FindingTechnique[] {
  return rule.techniques.flatMap((id) => {
    const technique = techniqueById(id);
    if (technique === undefined) return [];
    return [{ id, name: technique.name, why: found.why[id] ?? technique.summary }];
  });
}

function toFinding(rule: AnyRule, found: RuleFinding): Finding {
  const finding: Finding = {
    id: `${rule.id}:${found.key}`,
    kind: rule.kind,
    ruleId: rule.id,
    severity: found.severity,
    score: Math.min(1, Math.max(0, found.score)),
    confidence: Math.min(1, Math.max(0, found.confidence)),
    title: found.title,
    summary: found.summary,
    onsetUnixNano: found.onsetUnixNano.toString(),
    endUnixNano: found.endUnixNano.toString(),
    evidence: found.evidence,
    techniques: techniquesOf(rule, found),
  };
  if (found.confidenceNote !== undefined) finding.confidenceNote = found.confidenceNote;
  if (found.service !== undefined) finding.service = found.service;
  if (found.resource !== undefined) finding.resource = found.resource;
  if (found.notYet !== undefined && found.notYet.length > 0) finding.notYet = found.notYet;
  return finding;
}

/** Findings this far apart in time are not one episode, whatever their kinds. */
const EPISODE_SLACK_NANOS = 30_000_000_000n;

/**
 * Same service, or either one is not tied to a service (host-wide findings relate to every service), and
 * their times overlap (give or take the slack).
 */
function related(a: Finding, b: Finding): boolean {
  const sameScope = a.service === undefined || b.service === undefined || a.service === b.service;
  const overlap = BigInt(a.onsetUnixNano) <= BigInt(b.endUnixNano) + EPISODE_SLACK_NANOS && BigInt(b.onsetUnixNano) <= BigInt(a.endUnixNano) + EPISODE_SLACK_NANOS;
  return sameScope && overlap;
}

export function rankFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || b.score - a.score || a.id.localeCompare(b.id));
}

/** Links symptoms to their causes in place and lowers the symptoms' scores. Already-linked symptoms are left alone. */
export function linkCauses(findings: Finding[]): void {
  for (const symptom of findings) {
    if (symptom.causedBy !== undefined) continue;
    const causes = findings.filter((cause) => cause !== symptom && isCauseOf(cause.kind, symptom.kind) && !isCauseOf(symptom.kind, cause.kind) && related(cause, symptom));
    if (causes.length === 0) continue;
    const cause = causes.reduce((best, c) => (c.score > best.score ? c : best));
    symptom.causedBy = cause.id;
    symptom.score *= SYMPTOM_SCORE_FACTOR;
    if (SEVERITY_RANK[symptom.severity] > SEVERITY_RANK[cause.severity]) symptom.severity = cause.severity;
    if (!(cause.symptoms ?? []).includes(symptom.id)) cause.symptoms = [...(cause.symptoms ?? []), symptom.id];
  }
}

export function runRules(rules: readonly AnyRule[], evidence: Evidence, options: EngineOptions = {}): Finding[] {
  const collect = collector(options);
  for (const rule of rules) collect.run(rule, evidence);
  return collect.finish();
}

/**
 * The same, giving the event loop back between rules (live evaluation shares the thread with the receivers and
 * the console, so no evaluation may hold it for all rules at once).
 */
export async function runRulesYielding(rules: readonly AnyRule[], evidence: Evidence, options: EngineOptions = {}): Promise<Finding[]> {
  const collect = collector(options);
  for (const rule of rules) {
    collect.run(rule, evidence);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return collect.finish();
}

function collector(options: EngineOptions): { run(rule: AnyRule, evidence: Evidence): void; finish(): Finding[] } {
  const byId = new Map<string, Finding>();
  const run = (rule: AnyRule, evidence: Evidence): void => {
    let found: RuleFinding[];
    try {
      found = rule.evaluate(evidence, thresholdValues(rule, options.overrides));
    } catch (error) {
      options.onRuleError?.(rule.id, error instanceof Error ? error : new Error(String(error)));
      return;
    }
    for (const item of found) {
      const finding = toFinding(rule, item);
      const known = byId.get(finding.id);
      // Two reports of the same cause: keep the stronger one, spanning both.
      if (known === undefined || finding.score > known.score) {
        if (known !== undefined) finding.onsetUnixNano = BigInt(known.onsetUnixNano) < BigInt(finding.onsetUnixNano) ? known.onsetUnixNano : finding.onsetUnixNano;
        byId.set(finding.id, finding);
      }
    }
  };
  const finish = (): Finding[] => {
    const findings = [...byId.values()];
    linkCauses(findings);
    return rankFindings(findings);
  };
  return { run, finish };
}
