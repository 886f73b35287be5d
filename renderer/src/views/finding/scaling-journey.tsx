// Where a technique sits on the way from one box to many regions: the rungs as dots, this one marked
// and named. "Protect" is no rung: it applies at every stage, and says so.
import { STAGES } from '../../../../techniques/index.ts';
import type { ScalingStage } from '../../../../techniques/index.ts';

const RUNGS = STAGES.filter((stage) => stage.id !== 'protect');

export function ScalingJourney({ stage }: { stage: ScalingStage }) {
  const info = STAGES.find((candidate) => candidate.id === stage);
  if (!info) return null;
  const index = RUNGS.findIndex((rung) => rung.id === stage);
  return (
    <div className="journey">
      <ol className="journey__rungs" aria-label="Stages of the scaling journey">
        {RUNGS.map((rung, rungIndex) => (
          <li
            key={rung.id}
            className={`journey__rung${rungIndex === index ? ' journey__rung--here' : ''}${index >= 0 && rungIndex < index ? ' journey__rung--before' : ''}`}
            title={`${rungIndex + 1}. ${rung.name}: ${rung.description}`}
            aria-current={rungIndex === index ? 'step' : undefined}
          >
            <span className="visually-hidden">{rung.name}</span>
          </li>
        ))}
      </ol>
      <p className="journey__text">
        <strong>{index >= 0 ? `${index + 1} of ${RUNGS.length} · ${info.name}` : `${info.name} · at every stage`}</strong>
        <span className="muted"> — {info.description}</span>
      </p>
    </div>
  );
}
