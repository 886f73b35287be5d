// What was known at the playhead: the findings the replay had raised by then, each active while the
// playhead is inside its span (onset to end, with a little grace for the rules' tick), resolved after it.
import type { IncidentState, ListedFinding } from '../../../common/api-contract.ts';
import type { Finding } from '../../../common/findings.ts';
import { millisToNanos } from './incident-time.ts';

/** The rules evaluate every few seconds; a finding stays active this long after its last evidence. */
export const ACTIVE_GRACE_NS = 5_000_000_000n;

function nanos(text: string | undefined): bigint | null {
  return text !== undefined && /^\d+$/.test(text) ? BigInt(text) : null;
}

export function findingsAtPlayhead(findings: readonly Finding[], untilMs: number): ListedFinding[] {
  const until = BigInt(millisToNanos(untilMs));
  const known: ListedFinding[] = [];
  for (const finding of findings) {
    const detected = nanos(finding.detectedAtUnixNano);
    if (detected === null || detected > until) continue;
    const end = nanos(finding.endUnixNano);
    const active = end === null || until <= end + ACTIVE_GRACE_NS;
    known.push({ ...finding, active, firstSeenUnixNano: finding.detectedAtUnixNano, lastSeenUnixNano: active ? millisToNanos(untilMs) : finding.endUnixNano });
  }
  return known;
}

/** Identifies one opened incident, so the playhead starts over when another is opened. */
export function incidentKey(state: IncidentState): string {
  return `${state.file}|${state.fromUnixNano ?? ''}|${state.toUnixNano ?? ''}|${state.demo ? 'demo' : ''}`;
}

export interface LoadingProgress {
  /** 0..1 when the incident's range is known, else null. */
  fraction: number | null;
  loadedUntilMs: number | null;
}

export function loadingProgress(state: IncidentState): LoadingProgress {
  const loaded = nanos(state.loadedUntilUnixNano ?? undefined);
  const from = nanos(state.fromUnixNano ?? undefined);
  const to = nanos(state.toUnixNano ?? undefined);
  const loadedUntilMs = loaded === null ? null : Number(loaded / 1_000_000n);
  if (loaded === null || from === null || to === null || to <= from) return { fraction: null, loadedUntilMs };
  const fraction = Number(((loaded - from) * 1000n) / (to - from)) / 1000;
  return { fraction: Math.min(Math.max(fraction, 0), 1), loadedUntilMs };
}
