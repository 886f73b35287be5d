import { describe, expect, it } from 'vitest';
import type { SpanDetail } from '../../../../common/api-contract.ts';
import { buildWaterfall } from './build-waterfall.ts';
import { criticalPath, nextErrorIndex } from './critical-path.ts';

const T0 = 1_700_000_000_000_000_000n;
const MS = 1_000_000n;

function span(id: string, parent: string, startMs: number, endMs: number, error = false): SpanDetail {
  return {
    traceId: 'a'.repeat(32),
    spanId: id.padStart(16, '0'),
    parentSpanId: parent === '' ? '' : parent.padStart(16, '0'),
    serviceName: 'svc',
    name: id,
    kind: 'internal',
    startTimeUnixNano: (T0 + BigInt(startMs) * MS).toString(),
    durationNano: (BigInt(endMs - startMs) * MS).toString(),
    statusCode: error ? 'error' : 'unset',
    statusMessage: '',
    attributes: {},
    resourceAttributes: {},
    events: [],
  };
}

const ids = (set: Set<string>) => [...set].map((id) => id.replace(/^0+/, '')).sort();

describe('critical path', () => {
  it('follows what the request waited for: the last child to finish, then what ran before it', () => {
    // root 0–100: a 0–30 (with a1 5–25), b 10–40 in parallel with a, c 45–95 (with c1 50–60, c2 55–90).
    const spans = [span('1', '', 0, 100), span('a', '1', 0, 30), span('a1', 'a', 5, 25), span('b', '1', 10, 40), span('c', '1', 45, 95), span('c1', 'c', 50, 60), span('c2', 'c', 55, 90)];
    // c finishes last; before c started (45), b finished last (40); before b started (10), a was running
    // (it ends at 30, after 10, but started before): a is on the path. Inside c, c2 ends last and c1 ran before it.
    expect(ids(criticalPath(buildWaterfall(spans).rows))).toEqual(['1', 'a', 'a1', 'b', 'c', 'c1', 'c2'].sort());
  });

  it('leaves out a child that ran entirely alongside a longer sibling', () => {
    const spans = [span('1', '', 0, 100), span('long', '1', 0, 90), span('short', '1', 20, 30)];
    expect(ids(criticalPath(buildWaterfall(spans).rows))).toEqual(['1', 'long']);
  });

  it('handles a 10,000-span chain without overflowing the stack', () => {
    const spans = [span('1', '', 0, 20_000)];
    for (let i = 2; i <= 10_000; i += 1) spans.push(span(String(i), String(i - 1), i, 20_000 - i));
    expect(criticalPath(buildWaterfall(spans).rows).size).toBe(10_000);
  });
});

describe('jumping between errors', () => {
  it('goes to the next or previous failed span, wrapping around, and says when there is none', () => {
    const rows = buildWaterfall([span('1', '', 0, 100), span('2', '1', 1, 2, true), span('3', '1', 3, 4), span('4', '1', 5, 6, true)]).rows;
    expect(nextErrorIndex(rows, 0)).toBe(1);
    expect(nextErrorIndex(rows, 1)).toBe(3);
    expect(nextErrorIndex(rows, 3)).toBe(1);
    expect(nextErrorIndex(rows, 1, true)).toBe(3);
    expect(nextErrorIndex(buildWaterfall([span('1', '', 0, 1)]).rows, 0)).toBe(-1);
  });
});
