// Which spans are single-row writes — a query whose verb writes (INSERT, UPDATE, DELETE …) and that does not
// already carry many rows — as a per-span fact holding the statement shape, so missing-batching groups writes
// by integers and works each span out once while it stays in the window.
import { isBatchedWrite, isDbQuerySpan, isWriteVerb, statementOf, statementVerb } from './db-spans.ts';
import type { EvidenceSpan } from './evidence.ts';
import { dbOperationOf } from './span-attributes.ts';
import { defineFact, NONE, type SpanFact } from './span-columns.ts';

/**
 * Does a span with this operation attribute write? statementVerb reads the operation attribute first and, when
 * a span has one, the verb depends on it alone; operations are few (SELECT, INSERT …), so the answer is kept
 * per operation and most queries are settled without working out their statement shape.
 */
const writesByOperation = new Map<string, boolean>();
const MAX_OPERATIONS = 10_000;

function operationWrites(span: EvidenceSpan, operation: string): boolean {
  const known = writesByOperation.get(operation);
  if (known !== undefined) return known;
  const writes = isWriteVerb(statementVerb(span));
  if (writesByOperation.size < MAX_OPERATIONS) writesByOperation.set(operation, writes);
  return writes;
}

/**
 * The single-row write's statement shape as a string id (statementOf(span).text); NONE for other spans. Declared,
 * so windows work it out as each span arrives.
 */
export const SINGLE_ROW_WRITE: SpanFact = defineFact({
  name: 'single-row-write',
  compute(span, strings) {
    if (!isDbQuerySpan(span)) return NONE;
    const operation = dbOperationOf(span);
    if (operation !== undefined && !operationWrites(span, operation)) return NONE;
    const shape = statementOf(span);
    return isWriteVerb(statementVerb(span, shape)) && !isBatchedWrite(span) ? strings.id(shape.text) : NONE;
  },
});
