// The finding a detail page shows, from the live findings or the open incident. In an incident a finding
// exists from the moment the replay raised it: before the playhead reaches that, it is "not yet".
import type { ListedFinding } from '../../../../common/api-contract.ts';
import { useIncident } from '../../incident/incident-context.tsx';
import { findingsAtPlayhead } from '../../incident/incident-findings.ts';
import { nanosToMillisOrNull } from '../../incident/incident-time.ts';
import { useDataScope } from '../../incident/use-data-scope.ts';
import { useLive } from '../../live/live-context.tsx';

export type FindingLookup =
  | { state: 'loading' }
  | { state: 'missing'; mode: 'live' | 'incident' }
  | { state: 'not-yet'; finding: ListedFinding; detectedMs: number }
  | { state: 'found'; finding: ListedFinding; all: ListedFinding[]; mode: 'live' | 'incident'; playheadMs: number | null };

export function useFinding(findingId: string): FindingLookup {
  const live = useLive();
  const { incident } = useIncident();
  const scope = useDataScope();

  if (scope.source === 'live') {
    if (incident === undefined || live.findings === null) return { state: 'loading' };
    const all = live.findings.findings;
    const finding = all.find((candidate) => candidate.id === findingId);
    return finding ? { state: 'found', finding, all, mode: 'live', playheadMs: null } : { state: 'missing', mode: 'live' };
  }

  if (scope.incident.status !== 'ready' || scope.untilMs === null) return { state: 'loading' };
  const any = scope.incident.findings.find((candidate) => candidate.id === findingId);
  if (!any) return { state: 'missing', mode: 'incident' };
  const all = findingsAtPlayhead(scope.incident.findings, scope.untilMs);
  const finding = all.find((candidate) => candidate.id === findingId);
  if (!finding) return { state: 'not-yet', finding: any, detectedMs: nanosToMillisOrNull(any.detectedAtUnixNano) ?? scope.untilMs };
  return { state: 'found', finding, all, mode: 'incident', playheadMs: scope.untilMs };
}
