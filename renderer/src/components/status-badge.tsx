import type { SpanRow } from '../../../common/api-contract.ts';

const LABELS: Record<SpanRow['statusCode'], string> = { ok: 'OK', error: 'Error', unset: 'Unset' };

export function StatusBadge({ status }: { status: SpanRow['statusCode'] }) {
  return <span className={`badge badge--${status}`}>{LABELS[status]}</span>;
}
