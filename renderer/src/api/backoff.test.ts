import { describe, expect, it } from 'vitest';
import { BACKOFF_MAX_MS, backoffDelay } from './backoff.ts';

describe('backoffDelay', () => {
  it('doubles from 500 ms', () => {
    expect(backoffDelay(0, () => 1)).toBe(500);
    expect(backoffDelay(1, () => 1)).toBe(1000);
    expect(backoffDelay(3, () => 1)).toBe(4000);
  });

  it('caps at the maximum, also for huge attempt numbers', () => {
    expect(backoffDelay(6, () => 1)).toBe(BACKOFF_MAX_MS);
    expect(backoffDelay(10_000, () => 1)).toBe(BACKOFF_MAX_MS);
  });

  it('jitters within the upper half of the ceiling', () => {
    expect(backoffDelay(2, () => 0)).toBe(1000);
    expect(backoffDelay(2, () => 0.5)).toBe(1500);
    expect(backoffDelay(-3, () => 0)).toBe(250);
  });
});
