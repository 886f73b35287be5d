// The technique catalog: every scaling technique by stage of the journey, narrowed to one finding kind if
// asked, and the chosen one in full — what it does, what it cures, when it is premature and what it costs.
import { FINDING_KINDS, STAGES, TECHNIQUES, techniqueById } from '../../../../techniques/index.ts';
import type { Technique } from '../../../../techniques/index.ts';
import { Panel } from '../../components/panel.tsx';
import { hrefFor } from '../../routing/route.ts';
import { FactList, TechniqueFacts, TechniqueLinks } from '../finding/technique-facts.tsx';
import { catalogGroups } from './catalog-filter.ts';
import '../finding/finding.css';
import './techniques.css';

const kindLabel = (kind: string): string => kind.replace(/_/g, ' ');

function TechniqueDetail({ technique, kind }: { technique: Technique; kind: string | undefined }) {
  return (
    <Panel title={technique.name} subtitle={STAGES.find((s) => s.id === technique.stage)?.name} className="techniques__detail">
      <p className="techniques__summary">{technique.summary}</p>
      <TechniqueFacts
        technique={technique}
        kind={kind}
        before={
          <>
            {technique.answers.length > 0 && (
              <>
                <dt>Answers these findings</dt>
                <dd className="techniques__kinds">
                  {technique.answers.map((answer) => (
                    <a key={answer} className="chip" href={hrefFor({ view: 'techniques', kind: answer, techniqueId: technique.id })}>
                      {kindLabel(answer)}
                      {technique.primaryFor?.includes(answer) === true && <span className="techniques__primary">· first choice</span>}
                    </a>
                  ))}
                </dd>
              </>
            )}
            {technique.cures.length > 0 && (
              <>
                <dt>Cures</dt>
                <dd>{technique.cures.join('; ')}</dd>
              </>
            )}
          </>
        }
        after={
          <>
            <FactList term="Figures" items={technique.facts ?? []} />
            {technique.related.length > 0 && (
              <>
                <dt>Related</dt>
                <dd>
                  <TechniqueLinks ids={technique.related} kind={kind} />
                </dd>
              </>
            )}
          </>
        }
      />
    </Panel>
  );
}

export function TechniquesView({ kind, techniqueId }: { kind?: string; techniqueId?: string }) {
  const groups = catalogGroups(TECHNIQUES, STAGES, kind);
  const listed = groups.flatMap((g) => g.techniques);
  const selected = (techniqueId === undefined ? undefined : techniqueById(techniqueId)) ?? listed[0];
  return (
    <div className="view techniques">
      <div className="view-header">
        <h1>Scaling techniques</h1>
        <div className="view-header__meta">What each one does, when it fits, and what it costs</div>
      </div>
      <nav className="techniques__filter" aria-label="Filter by finding kind">
        <a className={`chip${kind === undefined ? ' chip--active' : ''}`} href={hrefFor({ view: 'techniques' })} aria-current={kind === undefined ? 'page' : undefined}>
          all {TECHNIQUES.length}
        </a>
        {FINDING_KINDS.map((k) => (
          <a key={k} className={`chip${k === kind ? ' chip--active' : ''}`} href={hrefFor({ view: 'techniques', kind: k })} aria-current={k === kind ? 'page' : undefined}>
            {kindLabel(k)}
          </a>
        ))}
      </nav>
      <div className="techniques__body">
        <Panel title={kind === undefined ? 'Catalog' : `For ${kindLabel(kind)}`} subtitle={`${listed.length} techniques`} className="techniques__list">
          {groups.length === 0 && <p className="muted">No technique answers this kind of finding.</p>}
          {groups.map((group) => (
            <section key={group.stage.id} className="techniques__stage" aria-label={group.stage.name}>
              <h3 title={group.stage.description}>{group.stage.name}</h3>
              <ul>
                {group.techniques.map((t) => (
                  <li key={t.id}>
                    <a href={hrefFor({ view: 'techniques', techniqueId: t.id, kind })} aria-current={t.id === selected?.id ? 'true' : undefined}>
                      {t.name}
                    </a>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </Panel>
        {selected !== undefined ? <TechniqueDetail technique={selected} kind={kind} /> : <Panel title="Technique"><p className="muted">Nothing to show.</p></Panel>}
      </div>
    </div>
  );
}
