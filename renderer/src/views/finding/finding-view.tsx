// One finding: what is wrong in plain words, the evidence (charts, before/after, numbers, spans), what to
// do about it, and how it relates to the other findings. Follows the incident's playhead when one is open.
import { Panel } from '../../components/panel.tsx';
import { EmptyMessage, LoadingMessage } from '../../components/state-message.tsx';
import { useIncident } from '../../incident/incident-context.tsx';
import { formatOffset } from '../../incident/incident-time.ts';
import { useDataScope } from '../../incident/use-data-scope.ts';
import { Icon } from '../../shell/icon.tsx';
import { EvidencePanel } from './evidence-panel.tsx';
import { FindingHeader } from './finding-header.tsx';
import { OffendingSpans } from './offending-spans.tsx';
import { RelatedFindings } from './related-findings.tsx';
import { TechniqueCard } from './technique-card.tsx';
import { useFinding } from './use-finding.ts';
import './finding.css';

function BackLink() {
  return (
    <a className="button button--small button--ghost finding-view__back" href="#/">
      <Icon name="back" size={14} />
      Overview
    </a>
  );
}

export function FindingView({ findingId }: { findingId: string }) {
  const lookup = useFinding(findingId);
  const scope = useDataScope();
  const { playhead } = useIncident();
  const fromMs = scope.source === 'incident' ? scope.fromMs : null;

  if (lookup.state !== 'found') {
    return (
      <div className="view finding-view">
        <BackLink />
        <Panel title="Finding">
          {lookup.state === 'loading' ? (
            <LoadingMessage label="Loading the finding…" />
          ) : lookup.state === 'not-yet' ? (
            <EmptyMessage title="Not detected yet at the playhead">
              Chokepoint raises “{lookup.finding.title}”{' '}
              {fromMs !== null ? `${formatOffset(lookup.detectedMs - fromMs)} into the incident` : 'later in the incident'}.{' '}
              <button type="button" className="button button--small" onClick={() => playhead.seek(lookup.detectedMs)}>
                Move the playhead there
              </button>
            </EmptyMessage>
          ) : lookup.mode === 'live' ? (
            <EmptyMessage title="This finding is no longer listed">
              Live findings are dropped a while after they stop firing. <a href="#/">Back to the overview</a>
            </EmptyMessage>
          ) : (
            <EmptyMessage title="No such finding in this incident">
              <a href="#/">Back to the overview</a>
            </EmptyMessage>
          )}
        </Panel>
      </div>
    );
  }

  const { finding, all, mode, playheadMs } = lookup;
  return (
    <div className="view finding-view">
      <BackLink />
      <FindingHeader finding={finding} incidentFromMs={fromMs} />
      <div className="finding-view__body">
        <div className="finding-view__column">
          <EvidencePanel finding={finding} playheadMs={playheadMs} />
          <OffendingSpans finding={finding} source={mode} />
        </div>
        <div className="finding-view__column">
          <TechniqueCard finding={finding} />
          <RelatedFindings finding={finding} all={all} />
        </div>
      </div>
    </div>
  );
}
