// A titled card. `labelId` ties the region's accessible name to its heading.
import { useId } from 'react';
import type { ReactNode } from 'react';

export interface PanelProps {
  title: ReactNode;
  subtitle?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
  /** false to let tables run to the panel's edges. */
  padded?: boolean;
}

export function Panel({ title, subtitle, actions, children, className, padded = true }: PanelProps) {
  const headingId = useId();
  return (
    <section className={`panel${className ? ` ${className}` : ''}`} aria-labelledby={headingId}>
      <div className="panel__header">
        <div className="panel__title">
          <h2 id={headingId}>{title}</h2>
          {subtitle !== undefined && <span className="panel__subtitle">{subtitle}</span>}
        </div>
        {actions}
      </div>
      <div className={padded ? 'panel__body' : undefined}>{children}</div>
    </section>
  );
}
