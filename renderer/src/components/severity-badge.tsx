import type { Severity } from '../../../common/findings.ts';

const LABELS: Record<Severity, string> = { critical: 'Critical', warning: 'Warning', info: 'Info' };

export function SeverityBadge({ severity }: { severity: Severity }) {
  return <span className={`badge severity-badge badge--${severity}`}>{LABELS[severity]}</span>;
}
