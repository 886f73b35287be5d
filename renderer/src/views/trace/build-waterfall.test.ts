import { describe, expect, it } from 'vitest';
import type { SpanDetail } from '../../../../common/api-contract.ts';
import { buildWaterfall, timeTicks } from './build-waterfall.ts';

const T0 = 1_700_000_000_000_000_000n;

function span(spanId: string, parentSpanId: string, startOffset: bigint, duration: bigint, extra: Partial<SpanDetail> = {}): SpanDetail {
  return {
    traceId: 'a'.repeat(32),
    spanId,
    parentSpanId,
    serviceName: 'api',
    name: spanId,
    kind: 'internal',
    startTimeUnixNano: (T0 + startOffset).toString(),
    durationNano: duration.toString(),
    statusCode: 'unset',
    statusMessage: '',
    attributes: {},
    resourceAttributes: {},
    events: [],
    ...extra,
  };
}

describe('buildWaterfall', () => {
  it('orders spans depth-first with children by start time', () => {
    const waterfall = buildWaterfall([
      span('c2', 'root', 600n, 300n),
      span('root', '', 0n, 1000n),
      span('c1', 'root', 100n, 400n),
      span('g1', 'c1', 150n, 100n),
    ]);
    expect(waterfall.rows.map((row) => [row.span.spanId, row.depth])).toEqual([
      ['root', 0],
      ['c1', 1],
      ['g1', 2],
      ['c2', 1],
    ]);
    expect(waterfall.startNano).toBe(T0);
    expect(waterfall.durationNano).toBe(1000n);
    const c1 = waterfall.rows[1];
    expect(c1.offset).toBeCloseTo(0.1);
    expect(c1.width).toBeCloseTo(0.4);
    expect(c1.offsetNano).toBe(100n);
    expect(waterfall.rows[0].childCount).toBe(2);
  });

  it('measures the trace from the earliest start to the latest end, even past the root', () => {
    const waterfall = buildWaterfall([span('root', '', 100n, 500n), span('late', 'root', 400n, 600n)]);
    expect(waterfall.startNano).toBe(T0 + 100n);
    expect(waterfall.durationNano).toBe(900n);
    expect(waterfall.rows[1].offset).toBeCloseTo(300 / 900);
  });

  it('keeps orphans as roots after the true roots and flags them', () => {
    const waterfall = buildWaterfall([span('orphan', 'missing', 0n, 10n), span('root', '', 5n, 10n)]);
    expect(waterfall.rows.map((row) => [row.span.spanId, row.depth, row.orphan])).toEqual([
      ['root', 0, false],
      ['orphan', 0, true],
    ]);
  });

  it('never loops on parent cycles and keeps every span', () => {
    const waterfall = buildWaterfall([span('a', 'b', 0n, 10n), span('b', 'a', 1n, 10n), span('self', 'self', 2n, 1n)]);
    expect(waterfall.rows.map((row) => row.span.spanId).sort()).toEqual(['a', 'b', 'self']);
  });

  it('counts services and errors, and handles empty and zero-length traces', () => {
    const waterfall = buildWaterfall([
      span('root', '', 0n, 0n, { serviceName: 'web' }),
      span('db', 'root', 0n, 0n, { serviceName: 'db', statusCode: 'error' }),
    ]);
    expect(waterfall.serviceCount).toBe(2);
    expect(waterfall.errorCount).toBe(1);
    expect(waterfall.rows[1].width).toBe(0);
    expect(buildWaterfall([]).rows).toEqual([]);
  });
});

describe('timeTicks', () => {
  it('steps at 1-2-5 multiples and starts at zero', () => {
    expect(timeTicks(1000n)).toEqual([0n, 200n, 400n, 600n, 800n, 1000n]);
    expect(timeTicks(4_300_000n)).toEqual([0n, 1_000_000n, 2_000_000n, 3_000_000n, 4_000_000n]);
    expect(timeTicks(0n)).toEqual([0n]);
  });

  it('never returns more ticks than asked for plus one', () => {
    for (const duration of [7n, 99n, 12_345n, 987_654_321n]) {
      expect(timeTicks(duration).length).toBeLessThanOrEqual(7);
    }
  });
});
