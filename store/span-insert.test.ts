import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ROWS_PER_INSERT } from './span-insert.ts';
import { buildBatch, buildSpan, closeTestStores, openTestStore, removeTempDirs, spanIdFor, traceIdFor } from './test-builders.ts';

afterAll(removeTempDirs);
afterEach(closeTestStores);

/** A span attribute (statements spans carry), not SQL this code runs. */
const STATEMENT = 'SELECT * FROM t WHERE id = ?';

describe('SpanInserter', () => {
  // Spans are bound ROWS_PER_INSERT to a statement, the rest with a shorter one: every count around those
  // sizes must store each span once, in its own row, with its own values.
  it.each([1, ROWS_PER_INSERT - 1, ROWS_PER_INSERT, ROWS_PER_INSERT + 1, 3 * ROWS_PER_INSERT + 5])('stores each of %i spans in a batch exactly once', (count) => {
    const store = openTestStore();
    const spans = Array.from({ length: count }, (_, i) =>
      buildSpan({
        traceId: traceIdFor(i),
        spanId: spanIdFor(i),
        parentSpanId: i % 2 === 0 ? '' : spanIdFor(i + 1000),
        name: `op-${i % 3}`,
        startTimeUnixNano: 1_700_000_000_000_000_000n + BigInt(i) * 1_000_000n,
        endTimeUnixNano: 1_700_000_000_000_000_000n + BigInt(i) * 1_000_000n + BigInt(i + 1) * 1000n,
        attributes: { 'db.system.name': 'postgresql', 'db.query.text': STATEMENT.replace('?', String(i)), 'row.index': i },
        statusMessage: i % 5 === 0 ? `failure ${i}` : '',
      }),
    );
    // A second batch in the same transaction continues after the first's rows.
    store.insertBatches([buildBatch({ spans: spans.slice(0, 1) }), buildBatch({ spans: spans.slice(1) })]);
    expect(store.counts().spans).toBe(count);
    for (const span of spans) {
      const stored = store.spans.traceSpans(span.traceId);
      expect(stored).toHaveLength(1);
      const { normalizedStatement, ...domain } = stored[0];
      expect(domain).toStrictEqual(span);
      expect(normalizedStatement).toBe(STATEMENT);
    }
  });
});
