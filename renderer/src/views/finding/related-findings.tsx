// The cause this finding is a symptom of, and the findings that are symptoms of it.
import type { ListedFinding } from '../../../../common/api-contract.ts';
import { Panel } from '../../components/panel.tsx';
import { SeverityBadge } from '../../components/severity-badge.tsx';
import { causeOf, symptomsOf } from '../../findings/rank-findings.ts';
import { hrefFor } from '../../routing/route.ts';

function FindingLink({ finding }: { finding: ListedFinding }) {
  return (
    <li className={finding.active === false ? 'related__item related__item--resolved' : 'related__item'}>
      <SeverityBadge severity={finding.severity} />
      <a href={hrefFor({ view: 'finding', findingId: finding.id })}>{finding.title}</a>
    </li>
  );
}

export function RelatedFindings({ finding, all }: { finding: ListedFinding; all: ListedFinding[] }) {
  const cause = causeOf(finding, all);
  const symptoms = symptomsOf(finding, all);
  if (finding.causedBy === undefined && symptoms.length === 0) return null;
  return (
    <Panel title="Related findings" className="related">
      {finding.causedBy !== undefined && (
        <>
          <h3 className="related__heading">A symptom of</h3>
          {cause ? (
            <ul className="related__list">
              <FindingLink finding={cause} />
            </ul>
          ) : (
            <p className="muted">
              <code>{finding.causedBy}</code> (no longer listed)
            </p>
          )}
        </>
      )}
      {symptoms.length > 0 && (
        <>
          <h3 className="related__heading">Its symptoms</h3>
          <ul className="related__list">
            {symptoms.map((symptom) => (
              <FindingLink key={symptom.id} finding={symptom} />
            ))}
          </ul>
        </>
      )}
    </Panel>
  );
}
