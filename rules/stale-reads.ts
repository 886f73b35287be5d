// Spans that say whether they read stale data (an app attribute such as shop.read.stale = true), for the
// replication-lag rule: the marks of attribute-marks.ts, which looks at every attribute name once per span.
import { ATTRIBUTE_MARKS, MARK_FRESH_READ, MARK_STALE_READ } from './attribute-marks.ts';
import type { EvidenceSpan } from './evidence.ts';
import type { SpanColumns } from './span-columns.ts';

export interface StaleReads {
  stale: EvidenceSpan[];
  /** Spans that said either way. */
  checked: number;
  /** The service of the first stale read. */
  service: string | undefined;
}

export function staleReads(columns: SpanColumns): StaleReads {
  const marks = columns.fact(ATTRIBUTE_MARKS);
  const stale: EvidenceSpan[] = [];
  let checked = 0;
  for (let row = 0; row < columns.length; row += 1) {
    const said = marks[row] & (MARK_FRESH_READ | MARK_STALE_READ);
    if (said === 0) continue;
    checked += 1;
    if (said === MARK_STALE_READ) stale.push(columns.spans[row]);
  }
  return { stale, checked, service: stale[0]?.resource.serviceName };
}
