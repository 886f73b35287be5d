import { describe, expect, it } from 'vitest';
import type { ServiceMapEdge } from '../../../../common/service-map.ts';
import { FAILING_ERROR_SHARE, edgeSummary, isFailingEdge } from './edge-figures.ts';

const edge = (calls: number, errors: number): ServiceMapEdge => ({ from: 'a', to: 'b', calls, errors, callsPerSecond: calls / 10, p50Ms: 4.2, p95Ms: 180 });

describe('call path figures', () => {
  it('marks a path failing from the threshold share of failed calls, not below it', () => {
    expect(isFailingEdge(edge(100, 100 * FAILING_ERROR_SHARE))).toBe(true);
    expect(isFailingEdge(edge(100, 100 * FAILING_ERROR_SHARE - 1))).toBe(false);
    expect(isFailingEdge(edge(0, 0))).toBe(false);
  });

  it('sums a path up with rate, failures and latency in readable units', () => {
    expect(edgeSummary(edge(120, 6))).toBe('12 calls/s · 5% failed · p50 4.2 ms · p95 180 ms');
  });
});
