// What to do: the technique the rule recommends and why (with this finding's numbers), then from the
// catalog what it does, what it costs, when it is premature and what to try first, and where it sits in
// the scaling journey; then the alternatives and what not to do yet.
import type { Finding } from '../../../../common/findings.ts';
import { techniqueById } from '../../../../techniques/index.ts';
import { Panel } from '../../components/panel.tsx';
import { hrefFor } from '../../routing/route.ts';
import { ScalingJourney } from './scaling-journey.tsx';

function names(ids: readonly string[]): string[] {
  return ids.map((id) => techniqueById(id)?.name ?? id);
}

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
            <dl className="technique-card__facts">
              <dt>What it does</dt>
              <dd>{technique.summary}</dd>
              {technique.costs.length > 0 && (
                <>
                  <dt>What you give up</dt>
                  <dd>
                    <ul>
                      {technique.costs.map((cost) => (
                        <li key={cost}>{cost}</li>
                      ))}
                    </ul>
                  </dd>
                </>
              )}
              <dt>When it is premature</dt>
              <dd>
                {technique.premature}
                {technique.tryFirst.length > 0 && (
                  <div className="technique-card__try-first">
                    Try first: <strong>{names(technique.tryFirst).join(', ')}</strong>
                  </div>
                )}
              </dd>
              <dt>In the scaling journey</dt>
              <dd>
                <ScalingJourney stage={technique.stage} />
              </dd>
            </dl>
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
