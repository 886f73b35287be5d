// What to do: the technique the rule recommends and why (with this finding's numbers), then from the
// catalog what it does, what it costs, when it is premature and what to try first, and where it sits in
// the scaling journey; then the alternatives and what not to do yet.
import type { Finding } from '../../../../common/findings.ts';
import { techniqueById } from '../../../../techniques/index.ts';
import { Panel } from '../../components/panel.tsx';
import { hrefFor } from '../../routing/route.ts';
import { TechniqueFacts } from './technique-facts.tsx';

export function TechniqueCard({ finding }: { finding: Finding }) {
  const [primary, ...alternatives] = finding.techniques;
  const technique = primary ? techniqueById(primary.id) : undefined;
  return (
    <Panel title="What to do" className="technique-card">
      {primary ? (
        <section className="technique-card__primary" aria-label="Recommended technique">
          <div className="technique-card__eyebrow">Recommended</div>
          <h3 className="technique-card__name">
            <a href={hrefFor({ view: 'techniques', techniqueId: primary.id, kind: finding.kind })} title="Open in the technique catalog">
              {primary.name}
            </a>
          </h3>
          <p className="technique-card__why">{primary.why}</p>
          {technique && (
            <TechniqueFacts
              technique={technique}
              kind={finding.kind}
              before={
                <>
                  <dt>What it does</dt>
                  <dd>{technique.summary}</dd>
                </>
              }
            />
          )}
        </section>
      ) : (
        <p className="muted">The rule named no technique for this finding.</p>
      )}

      {alternatives.length > 0 && (
        <section className="technique-card__section" aria-label="Alternatives">
          <h3 className="technique-card__heading">Alternatives</h3>
          <ul className="technique-card__list">
            {alternatives.map((alternative) => (
              <li key={alternative.id}>
                <strong>{alternative.name}</strong>
                <span className="muted"> — {alternative.why}</span>
              </li>
            ))}
          </ul>
        </section>
      )}

      {finding.notYet && finding.notYet.length > 0 && (
        <section className="technique-card__section technique-card__section--not-yet" aria-label="Not yet">
          <h3 className="technique-card__heading">Not yet</h3>
          <ul className="technique-card__list">
            {finding.notYet.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        </section>
      )}
    </Panel>
  );
}
