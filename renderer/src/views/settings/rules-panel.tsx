// Every rule with its thresholds (value and where the number comes from) and the techniques it suggests.
import type { RuleInfo } from '../../../../common/api-contract.ts';
import type { ApiRequestError } from '../../api/index.ts';
import { Panel } from '../../components/panel.tsx';
import { ErrorMessage, LoadingMessage } from '../../components/state-message.tsx';
import { hrefFor } from '../../routing/route.ts';
import { formatSettingDuration, thresholdKey } from './settings-facts.ts';

export interface RulesPanelProps {
  rules: RuleInfo[] | undefined;
  error: ApiRequestError | null;
  onRetry: () => void;
  /** From `info`; undefined until it answers. */
  intervalMs: number | undefined;
}

function RuleRow({ rule }: { rule: RuleInfo }) {
  return (
    <tr>
      <th scope="row">
        <div>{rule.title}</div>
        <code className="muted">{rule.id}</code>
        {rule.evidence !== '' && <div className="settings-rules__evidence muted">Reads {rule.evidence}</div>}
      </th>
      <td>
        {rule.thresholds.length === 0 ? (
          <span className="muted">No thresholds</span>
        ) : (
          <ul className="settings-rules__thresholds">
            {rule.thresholds.map((threshold) => (
              <li key={threshold.name}>
                <div>
                  <code>{threshold.name}</code> = <span className="num">{threshold.value}</span>
                </div>
                <div className="settings-rules__source muted">{threshold.source}</div>
              </li>
            ))}
          </ul>
        )}
      </td>
      <td>
        <ul className="settings-rules__techniques">
          {rule.techniques.map((id) => (
            <li key={id}>
              <a className="chip" href={hrefFor({ view: 'techniques', techniqueId: id })}>
                {id}
              </a>
            </li>
          ))}
        </ul>
      </td>
    </tr>
  );
}

export function RulesPanel({ rules, error, onRetry, intervalMs }: RulesPanelProps) {
  const example = rules?.find((rule) => rule.thresholds.length > 0);
  const exampleKey = example ? thresholdKey(example.id, example.thresholds[0].name) : 'rule-id.threshold';
  const exampleValue = example ? example.thresholds[0].value : 'value';
  return (
    <Panel title="Rules" subtitle={rules ? `${rules.length} ${rules.length === 1 ? 'rule' : 'rules'}` : undefined} padded={false}>
      <div className="settings__intro">
        <p>
          The live rules check new data{' '}
          {intervalMs === undefined ? 'on a fixed interval' : <strong className="num">every {formatSettingDuration(intervalMs)}</strong>}, using
          the threshold values below.
        </p>
        <p className="muted">
          To try other values on a recorded incident, open it and use the <strong>Backtest</strong> button in the incident bar, or
          run <code>chokepoint analyze FILE --set {exampleKey}={exampleValue}</code>.
        </p>
      </div>
      {rules === undefined ? (
        error ? <ErrorMessage error={error} onRetry={onRetry} /> : <LoadingMessage label="Loading the rules…" />
      ) : (
        <div className="settings-rules">
          <table className="table">
            <colgroup>
              <col className="settings-rules__col-rule" />
              <col />
              <col className="settings-rules__col-techniques" />
            </colgroup>
            <thead>
              <tr>
                <th scope="col">Rule</th>
                <th scope="col">Thresholds and their sources</th>
                <th scope="col">Techniques</th>
              </tr>
            </thead>
            <tbody>
              {rules.map((rule) => (
                <RuleRow key={rule.id} rule={rule} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}
