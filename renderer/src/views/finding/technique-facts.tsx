// What the catalog says of one technique, as a definition list: when it is premature and what to try first, what
// it costs, and where it sits in the scaling journey. The finding's technique card and the catalog view both show
// it, each with its own items before and after.
import type { ReactNode } from 'react';
import { techniqueById } from '../../../../techniques/index.ts';
import type { Technique } from '../../../../techniques/index.ts';
import { hrefFor } from '../../routing/route.ts';
import { ScalingJourney } from './scaling-journey.tsx';

/** Links to techniques in the catalog, keeping the catalog's finding-kind filter. */
export function TechniqueLinks({ ids, kind }: { ids: readonly string[]; kind: string | undefined }) {
  return (
    <>
      {ids.map((id, i) => (
        <span key={id}>
          {i > 0 && ', '}
          <a href={hrefFor({ view: 'techniques', techniqueId: id, kind })}>{techniqueById(id)?.name ?? id}</a>
        </span>
      ))}
    </>
  );
}

/** A list under a term, when there is anything in it. */
export function FactList({ term, items }: { term: string; items: readonly string[] }) {
  if (items.length === 0) return null;
  return (
    <>
      <dt>{term}</dt>
      <dd>
        <ul>
          {items.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      </dd>
    </>
  );
}

export function TechniqueFacts({ technique, kind, before, after }: { technique: Technique; kind: string | undefined; before?: ReactNode; after?: ReactNode }) {
  return (
    <dl className="technique-card__facts">
      {before}
      <dt>When it is premature</dt>
      <dd>
        {technique.premature}
        {technique.tryFirst.length > 0 && (
          <div className="technique-card__try-first">
            Try first: <TechniqueLinks ids={technique.tryFirst} kind={kind} />
          </div>
        )}
      </dd>
      <FactList term="What you give up" items={technique.costs} />
      {after}
      <dt>In the scaling journey</dt>
      <dd>
        <ScalingJourney stage={technique.stage} />
      </dd>
    </dl>
  );
}
