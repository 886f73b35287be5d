// The stored metrics, filterable by words of their name or description; the chosen one is marked.
import { useState } from 'react';
import type { MetricInfo } from '../../../../common/metric-view.ts';
import { unitLabel } from '../../format/metric-value.ts';
import { hrefFor } from '../../routing/route.ts';
import { filterMetrics } from './metric-picks.ts';

export function MetricList({ metrics, selected }: { metrics: MetricInfo[]; selected: string | undefined }) {
  const [filter, setFilter] = useState('');
  const shown = filterMetrics(metrics, filter);
  return (
    <div className="metric-list">
      <label className="metric-list__filter">
        <span className="visually-hidden">Filter metrics</span>
        <input type="search" className="input" placeholder="Filter metrics…" value={filter} onChange={(event) => setFilter(event.target.value)} />
      </label>
      <ul className="metric-list__items" aria-label="Metrics">
        {shown.map((m) => (
          <li key={m.name}>
            <a href={hrefFor({ view: 'metrics', name: m.name })} className={`metric-list__item${m.name === selected ? ' metric-list__item--selected' : ''}`} aria-current={m.name === selected ? 'page' : undefined} title={m.description || m.name}>
              <span className="metric-list__name">{m.name}</span>
              <span className="metric-list__type muted">
                {m.type.replace('_', ' ')}
                {unitLabel(m.unit) !== '' && ` · ${unitLabel(m.unit)}`}
              </span>
            </a>
          </li>
        ))}
        {shown.length === 0 && <li className="muted metric-list__none">No metric matches.</li>}
      </ul>
    </div>
  );
}
