// The Traces view's search: service, operation, minimum duration, status, one attribute, and whether to list
// traces (root spans) or every matching span. Selects apply at once; typed fields on Enter or when left.
import { useEffect, useState } from 'react';
import type { OperationInfo } from '../../../../common/api-contract.ts';
import { hrefFor } from '../../routing/route.ts';
import { attributeFromInput, isNarrowed, type TraceFilter } from '../../routing/trace-filter.ts';
import { navigate } from '../../routing/use-route.ts';

export interface TraceFilterBarProps {
  filter: TraceFilter;
  services: string[];
  operations: OperationInfo[];
}

export function TraceFilterBar({ filter, services, operations }: TraceFilterBarProps) {
  const apply = (next: TraceFilter) => navigate(hrefFor({ view: 'traces', ...next }));
  const [minMs, setMinMs] = useState(filter.minMs === undefined ? '' : String(filter.minMs));
  const [attribute, setAttribute] = useState(filter.attribute ?? '');
  const [attributeError, setAttributeError] = useState(false);
  useEffect(() => setMinMs(filter.minMs === undefined ? '' : String(filter.minMs)), [filter.minMs]);
  useEffect(() => setAttribute(filter.attribute ?? ''), [filter.attribute]);

  const names = [...new Set(operations.filter((op) => filter.service === undefined || op.serviceName === filter.service).map((op) => op.name))].sort();
  if (filter.operation !== undefined && !names.includes(filter.operation)) names.unshift(filter.operation);
  const serviceNames = filter.service !== undefined && !services.includes(filter.service) ? [filter.service, ...services] : services;

  const commitMinMs = () => {
    const value = Number(minMs);
    const next = minMs.trim() === '' || !Number.isFinite(value) || value <= 0 ? undefined : value;
    if (next !== filter.minMs) apply({ ...filter, minMs: next });
  };
  const commitAttribute = () => {
    const next = attributeFromInput(attribute);
    setAttributeError(attribute.trim() !== '' && next === null);
    if (attribute.trim() !== '' && next === null) return;
    if ((next ?? undefined) !== filter.attribute) apply({ ...filter, attribute: next ?? undefined });
  };
  const onEnter = (commit: () => void) => (event: React.KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') commit();
  };

  return (
    <form className="trace-filter" aria-label="Search traces" onSubmit={(event) => event.preventDefault()}>
      <label className="trace-filter__field">
        <span>Service</span>
        <select value={filter.service ?? ''} onChange={(event) => apply({ ...filter, service: event.target.value || undefined, operation: undefined })}>
          <option value="">All services</option>
          {serviceNames.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <label className="trace-filter__field">
        <span>Operation</span>
        <select value={filter.operation ?? ''} onChange={(event) => apply({ ...filter, operation: event.target.value || undefined })}>
          <option value="">All operations</option>
          {names.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <label className="trace-filter__field trace-filter__field--narrow">
        <span>Min duration (ms)</span>
        <input type="number" min={0} step="any" inputMode="decimal" value={minMs} placeholder="any" onChange={(event) => setMinMs(event.target.value)} onBlur={commitMinMs} onKeyDown={onEnter(commitMinMs)} />
      </label>
      <label className="trace-filter__field trace-filter__field--narrow">
        <span>Status</span>
        <select value={filter.errorsOnly === true ? 'error' : 'any'} onChange={(event) => apply({ ...filter, errorsOnly: event.target.value === 'error' || undefined })}>
          <option value="any">Any</option>
          <option value="error">Errors</option>
        </select>
      </label>
      <label className="trace-filter__field trace-filter__field--wide">
        <span>Attribute</span>
        <input
          type="text"
          value={attribute}
          placeholder="key=value, e.g. http.route=/orders/:id"
          aria-invalid={attributeError}
          aria-describedby={attributeError ? 'trace-filter-attribute-error' : undefined}
          onChange={(event) => setAttribute(event.target.value)}
          onBlur={commitAttribute}
          onKeyDown={onEnter(commitAttribute)}
        />
        {attributeError && (
          <span id="trace-filter-attribute-error" className="trace-filter__error">
            Write it as key=value
          </span>
        )}
      </label>
      <label className="trace-filter__field trace-filter__field--narrow">
        <span>Show</span>
        <select value={filter.allSpans === true ? 'spans' : 'traces'} onChange={(event) => apply({ ...filter, allSpans: event.target.value === 'spans' || undefined })}>
          <option value="traces">Traces (root spans)</option>
          <option value="spans">All matching spans</option>
        </select>
      </label>
      {(isNarrowed(filter) || filter.service !== undefined || filter.allSpans === true) && (
        <a className="trace-filter__clear" href={hrefFor({ view: 'traces' })}>
          Clear
        </a>
      )}
    </form>
  );
}
