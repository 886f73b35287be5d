// The finding in plain words: severity, whether it still fires, how sure the rule is, the title, where and
// when, the summary with its numbers, and "Copy as Markdown" for a ticket.
import { useRef } from 'react';
import type { ListedFinding } from '../../../../common/api-contract.ts';
import { CopyButton } from '../../components/copy-button.tsx';
import { SeverityBadge } from '../../components/severity-badge.tsx';
import { nanosToMillis } from '../../format/duration.ts';
import { formatClockTime, formatTimestamp } from '../../format/relative-time.ts';
import { confidenceLevel, describeConfidence, describeWhere, findingDuration } from '../../findings/finding-facts.ts';
import { findingToMarkdown } from '../../findings/finding-markdown.ts';
import { formatOffset } from '../../incident/incident-time.ts';

export interface FindingHeaderProps {
  finding: ListedFinding;
  /** The incident's start, to say how far into it the finding was detected. */
  incidentFromMs: number | null;
}

export function FindingHeader({ finding, incidentFromMs }: FindingHeaderProps) {
  const markdownRef = useRef<HTMLPreElement>(null);
  const detailsRef = useRef<HTMLDetailsElement>(null);
  const where = describeWhere(finding);
  const onsetMs = nanosToMillis(finding.onsetUnixNano);
  const detectedMs = finding.detectedAtUnixNano === undefined ? null : nanosToMillis(finding.detectedAtUnixNano);
  const markdown = findingToMarkdown(finding);
  const level = confidenceLevel(finding.confidence);
  return (
    <header className="finding-header">
      <div className="finding-header__badges">
        <SeverityBadge severity={finding.severity} />
        <span className={`badge ${finding.active === false ? 'badge--unset' : 'badge--ok'}`}>
          {finding.active === false ? 'Resolved' : 'Active'}
        </span>
        <span
          className={`finding-header__confidence finding-header__confidence--${level}`}
          title="Confidence is lower when telemetry the rule would want is missing."
        >
          {describeConfidence(finding.confidence)}
        </span>
        <span className="finding-header__kind mono faint">{finding.kind}</span>
      </div>
      <div className="finding-header__title-row">
        <h1>{finding.title}</h1>
        <CopyButton
          text={markdown}
          label="Copy this finding as Markdown"
          caption="Copy as Markdown"
          fallbackTarget={markdownRef}
          onFallback={() => {
            if (detailsRef.current) detailsRef.current.open = true;
          }}
        />
      </div>
      <p className="finding-header__meta num">
        {where && <span>{where}</span>}
        <span title={formatTimestamp(onsetMs)}>
          from {formatClockTime(onsetMs, false)} for {findingDuration(finding)}
        </span>
        {detectedMs !== null && incidentFromMs !== null && (
          <span>detected {formatOffset(detectedMs - incidentFromMs)} into the incident</span>
        )}
      </p>
      <p className="finding-header__summary">{finding.summary}</p>
      <details className="finding-header__markdown" ref={detailsRef}>
        <summary>Markdown for a ticket</summary>
        <pre ref={markdownRef} tabIndex={0}>
          {markdown}
        </pre>
      </details>
    </header>
  );
}
