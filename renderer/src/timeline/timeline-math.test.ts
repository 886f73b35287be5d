import { describe, expect, it } from 'vitest';
import { alignedTicks, axisTicks, fractionOf, markerLanes, timeAtClientX, timeAtFraction } from './timeline-math.ts';

const FROM = 1_795_416_417_463;
const TO = FROM + 94_076;

describe('fractions of the track', () => {
  it('maps times to 0..1 and back, clamped', () => {
    expect(fractionOf(FROM, FROM, TO)).toBe(0);
    expect(fractionOf(TO, FROM, TO)).toBe(1);
    expect(fractionOf(FROM + 47_038, FROM, TO)).toBeCloseTo(0.5, 6);
    expect(fractionOf(FROM - 1000, FROM, TO)).toBe(0);
    expect(fractionOf(TO + 1000, FROM, TO)).toBe(1);
    expect(fractionOf(FROM, FROM, FROM)).toBe(0);
    expect(timeAtFraction(0.5, FROM, TO)).toBe(FROM + 47_038);
    expect(timeAtFraction(2, FROM, TO)).toBe(TO);
  });

  it('turns a pointer position into a time', () => {
    expect(timeAtClientX(150, 100, 200, 0, 60_000)).toBe(15_000);
    expect(timeAtClientX(50, 100, 200, 0, 60_000)).toBe(0);
    expect(timeAtClientX(400, 100, 200, 0, 60_000)).toBe(60_000);
    expect(timeAtClientX(150, 100, 0, 0, 60_000)).toBe(0);
  });
});

describe('axisTicks', () => {
  it('picks the roundest step that fits', () => {
    expect(axisTicks(94_076, 12)).toEqual([0, 10_000, 20_000, 30_000, 40_000, 50_000, 60_000, 70_000, 80_000, 90_000]);
    expect(axisTicks(94_076, 5)).toEqual([0, 30_000, 60_000, 90_000]);
    expect(axisTicks(3_600_000, 7)).toEqual([0, 600_000, 1_200_000, 1_800_000, 2_400_000, 3_000_000, 3_600_000]);
    expect(axisTicks(4_000, 10)).toEqual([0, 1000, 2000, 3000, 4000]);
  });

  it('copes with empty ranges', () => {
    expect(axisTicks(0, 10)).toEqual([0]);
    expect(axisTicks(10_000, 1)).toEqual([0]);
  });
});

describe('alignedTicks', () => {
  it('puts ticks on whole steps of wall-clock time', () => {
    expect(alignedTicks(1_000_003_500, 1_000_061_000, 6)).toEqual([1_000_010_000, 1_000_020_000, 1_000_030_000, 1_000_040_000, 1_000_050_000, 1_000_060_000]);
    expect(alignedTicks(0, 300_000, 5)).toEqual([0, 60_000, 120_000, 180_000, 240_000, 300_000]);
    expect(alignedTicks(5, 5, 5)).toEqual([]);
  });
});

describe('markerLanes', () => {
  it('keeps markers far apart in the first lane', () => {
    expect(markerLanes([0.1, 0.5, 0.9], 0.02, 3)).toEqual([0, 0, 0]);
  });

  it('stacks markers that are close, in time order regardless of input order', () => {
    expect(markerLanes([0.51, 0.5, 0.505, 0.9], 0.02, 3)).toEqual([2, 0, 1, 0]);
  });

  it('puts overflow into the last lane', () => {
    expect(markerLanes([0.5, 0.5, 0.5, 0.5], 0.02, 2)).toEqual([0, 1, 1, 1]);
  });
});
