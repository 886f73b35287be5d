// Findings in the order a person should read them: the ones still firing first, most severe first, then by
// score; resolved ones after, most recent first. Symptom links are resolved to the findings they name.
import type { ListedFinding } from '../../../common/api-contract.ts';
import type { Finding, Severity } from '../../../common/findings.ts';

const SEVERITY_RANK: Record<Severity, number> = { critical: 3, warning: 2, info: 1 };

export interface RankedFindings {
  active: ListedFinding[];
  resolved: ListedFinding[];
}

function bySeverityThenScore(a: Finding, b: Finding): number {
  return SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || b.score - a.score || a.title.localeCompare(b.title);
}

function lastSeen(finding: ListedFinding): bigint {
  const text = finding.lastSeenUnixNano ?? finding.endUnixNano;
  return /^\d+$/.test(text) ? BigInt(text) : 0n;
}

/** `active` undefined counts as active (incident findings carry no such flag unless the console adds one). */
export function rankFindings(findings: readonly ListedFinding[]): RankedFindings {
  const active = findings.filter((finding) => finding.active !== false).sort(bySeverityThenScore);
  const resolved = findings
    .filter((finding) => finding.active === false)
    .sort((a, b) => {
      const diff = lastSeen(b) - lastSeen(a);
      return diff > 0n ? 1 : diff < 0n ? -1 : bySeverityThenScore(a, b);
    });
  return { active, resolved };
}

/** The finding a symptom is caused by, when it is in the list. */
export function causeOf(finding: Finding, all: readonly Finding[]): Finding | undefined {
  return finding.causedBy === undefined ? undefined : all.find((candidate) => candidate.id === finding.causedBy);
}

/** Findings that name this one as their cause, plus those it lists as symptoms; each once. */
export function symptomsOf(finding: Finding, all: readonly Finding[]): Finding[] {
  const ids = new Set(finding.symptoms ?? []);
  return all.filter((candidate) => candidate.id !== finding.id && (ids.has(candidate.id) || candidate.causedBy === finding.id));
}

export function severityRank(severity: Severity): number {
  return SEVERITY_RANK[severity];
}
