// Backtest: re-run the rules over the open incident with other thresholds and see what would have fired
// and when (the timeline's markers move with the new run). Each threshold shows its default and source.
import { useEffect, useState } from 'react';
import type { RuleInfo } from '../../../common/api-contract.ts';
import { describeError, request, toApiRequestError } from '../api/index.ts';
import { draftsFrom, planBacktest, type ThresholdDrafts } from '../incident/backtest-overrides.ts';
import { useIncident } from '../incident/incident-context.tsx';

export function BacktestPanel({ onClose }: { onClose: () => void }) {
  const { incident, rerun, busy } = useIncident();
  const [rules, setRules] = useState<RuleInfo[] | null>(null);
  const [error, setError] = useState('');
  const [drafts, setDrafts] = useState<ThresholdDrafts>(() => draftsFrom(incident?.overrides ?? {}));

  useEffect(() => {
    request('rules', {}).then(setRules, (failure: unknown) => setError(describeError(toApiRequestError(failure))));
  }, []);

  if (rules === null) return <div className="backtest muted">{error === '' ? 'Loading the rules…' : error}</div>;
  const plan = planBacktest(rules, drafts);
  const changed = Object.keys(plan.overrides).length;
  return (
    <form
      className="backtest"
      aria-label="Backtest thresholds"
      onSubmit={(event) => {
        event.preventDefault();
        if (plan.invalid.length === 0) void rerun(plan.overrides).then(onClose);
      }}
    >
      <div className="backtest__head">
        <strong>Backtest</strong>
        <span className="muted">Change thresholds and re-run the rules over this incident.</span>
        <span className="backtest__actions">
          <button type="button" className="button button--small button--ghost" onClick={() => setDrafts({})}>
            Defaults
          </button>
          <button type="submit" className="button button--small" disabled={busy || plan.invalid.length > 0}>
            Re-run{changed > 0 ? ` with ${changed} change${changed === 1 ? '' : 's'}` : ''}
          </button>
        </span>
      </div>
      <div className="backtest__rules">
        {rules.map((rule) => (
          <fieldset key={rule.id} className="backtest__rule">
            <legend>
              {rule.title} <code className="muted">{rule.id}</code>
            </legend>
            {rule.thresholds.map((threshold) => {
              const key = `${rule.id}.${threshold.name}`;
              return (
                <label key={key} className="backtest__threshold" title={threshold.source}>
                  <span>{threshold.name}</span>
                  <input
                    inputMode="decimal"
                    value={drafts[key] ?? ''}
                    placeholder={String(threshold.value)}
                    aria-invalid={plan.invalid.includes(key)}
                    onChange={(event) => setDrafts({ ...drafts, [key]: event.target.value })}
                  />
                </label>
              );
            })}
          </fieldset>
        ))}
      </div>
    </form>
  );
}
