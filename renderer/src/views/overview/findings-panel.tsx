// The findings, ranked: what still fires first (most severe, then highest score), resolved ones dimmed
// below. One line each: severity, title (and what it is a symptom of), where, the technique to reach for.
import type { ListedFinding } from '../../../../common/api-contract.ts';
import { Panel } from '../../components/panel.tsx';
import { SeverityBadge } from '../../components/severity-badge.tsx';
import { nanosToMillis } from '../../format/duration.ts';
import { formatRelativeTime, formatTimestamp } from '../../format/relative-time.ts';
import { describeWhere } from '../../findings/finding-facts.ts';
import { causeOf, rankFindings } from '../../findings/rank-findings.ts';
import { hrefFor } from '../../routing/route.ts';
import { Icon } from '../../shell/icon.tsx';

export interface FindingsPanelProps {
  /** undefined while the first answer is awaited. */
  findings: ListedFinding[] | undefined;
  /** When the rules last ran (live) or the playhead (incident), Unix ms. */
  evaluatedAtMs: number | null;
  /** "now" for ages: the clock live, the playhead in an incident. */
  nowMs: number;
  mode: 'live' | 'incident';
  /** Offered in the empty state while there is nothing of one's own to look at. */
  onOpenDemo?: () => void;
}

function FindingRow({ finding, all, nowMs }: { finding: ListedFinding; all: ListedFinding[]; nowMs: number }) {
  const resolved = finding.active === false;
  const cause = causeOf(finding, all);
  const where = describeWhere(finding);
  const technique = finding.techniques[0];
  const seenText = resolved ? finding.lastSeenUnixNano ?? finding.endUnixNano : finding.firstSeenUnixNano ?? finding.onsetUnixNano;
  const seenMs = nanosToMillis(seenText);
  return (
    <li>
      <a
        className={`finding-row${resolved ? ' finding-row--resolved' : ''}`}
        href={hrefFor({ view: 'finding', findingId: finding.id })}
      >
        <SeverityBadge severity={finding.severity} />
        <span className="finding-row__title">
          <span className="finding-row__name">{finding.title}</span>
          {finding.causedBy !== undefined && (
            <span className="finding-row__symptom">symptom of {cause ? cause.title : finding.causedBy}</span>
          )}
        </span>
        <span className="finding-row__where muted" title={where}>
          {where}
        </span>
        <span className="finding-row__technique" title={technique ? `Try first: ${technique.name}` : undefined}>
          {technique && (
            <>
              <Icon name="arrow-right" size={12} />
              <span className="finding-row__technique-name">{technique.name}</span>
            </>
          )}
        </span>
        <span className="finding-row__when faint num" title={formatTimestamp(seenMs)}>
          {resolved ? `resolved ${formatRelativeTime(seenMs, nowMs)}` : `since ${formatRelativeTime(seenMs, nowMs).replace(' ago', '')}`}
        </span>
      </a>
    </li>
  );
}

export function FindingsPanel({ findings, evaluatedAtMs, nowMs, mode, onOpenDemo }: FindingsPanelProps) {
  const ranked = findings ? rankFindings(findings) : null;
  const subtitle =
    ranked && ranked.active.length + ranked.resolved.length > 0
      ? `${ranked.active.length} active${ranked.resolved.length > 0 ? ` · ${ranked.resolved.length} resolved` : ''}`
      : undefined;
  // Before the first rules run there is nothing to conclude yet.
  const notRunYet = mode === 'live' && evaluatedAtMs === null;
  const ranText =
    mode === 'incident'
      ? 'nothing detected up to the playhead'
      : evaluatedAtMs === null
        ? 'the rules have not run yet'
        : `rules last ran ${formatRelativeTime(evaluatedAtMs, nowMs)}`;
  return (
    <Panel
      title="Findings"
      subtitle={subtitle}
      className="findings-panel"
      padded={false}
      actions={
        onOpenDemo && (
          <button
            type="button"
            className="button button--small"
            onClick={onOpenDemo}
            title="Replay a recorded incident to see what a finding looks like"
          >
            <Icon name="replay" size={14} />
            Open the demo incident
          </button>
        )
      }
    >
      {ranked === null ? (
        <div className="findings-panel__empty" role="status">
          <span className="spinner" aria-hidden="true" />
          <span className="muted">{mode === 'incident' ? 'Replaying the incident through the rules…' : 'Loading findings…'}</span>
        </div>
      ) : ranked.active.length + ranked.resolved.length === 0 ? (
        <div className={`findings-panel__empty${notRunYet ? ' findings-panel__empty--waiting' : ''}`}>
          <Icon name={notRunYet ? 'refresh' : 'check'} />
          <div>
            <strong>{notRunYet ? 'No findings yet' : 'No bottleneck found'}</strong>
            <span className="muted num"> · {ranText}</span>
          </div>
        </div>
      ) : (
        <>
          <ul className="findings-list" aria-label="Active findings">
            {ranked.active.map((finding) => (
              <FindingRow key={finding.id} finding={finding} all={findings ?? []} nowMs={nowMs} />
            ))}
          </ul>
          {ranked.active.length === 0 && (
            <p className="findings-panel__none muted">
              {mode === 'incident' ? 'No finding is active at the playhead.' : 'No finding is active right now.'}
            </p>
          )}
          {ranked.resolved.length > 0 && (
            <>
              <h3 className="findings-list__heading">Resolved</h3>
              <ul className="findings-list findings-list--resolved" aria-label="Resolved findings">
                {ranked.resolved.map((finding) => (
                  <FindingRow key={finding.id} finding={finding} all={findings ?? []} nowMs={nowMs} />
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </Panel>
  );
}
