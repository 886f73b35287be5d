import { describe, expect, it } from 'vitest';
import { buildSpan, spanIdFor, traceIdFor } from '../fixtures/domain-builders.ts';
import { serverLatencyShiftOf } from './saturation-latency-shift.ts';
import { serverLatencyShift } from './server-latency.ts';
import { evidenceOf, SECOND, T0 } from './test-evidence.ts';

const MS = 1_000_000n;
/** Server spans (and client spans that must not count), one per 100 ms, some of equal duration. */
const spans = Array.from({ length: 120 }, (_, i) => {
  const start = T0 + BigInt(i) * 100n * MS;
  const ms = i < 60 ? 10 + (i % 4) : 50 + (i % 3) * 25;
  return buildSpan({ traceId: traceIdFor(i), spanId: spanIdFor(i), kind: i % 5 === 0 ? 'client' : 'server', startTimeUnixNano: start, endTimeUnixNano: start + BigInt(ms) * MS + BigInt(i % 2) });
});

describe('serverLatencyShiftOf', () => {
  it('gives what serverLatencyShift gives: p95s, counts and the slowest spans (ties in window order)', () => {
    const evidence = evidenceOf({ spans }, T0 + 20n * SECOND);
    for (const onset of [T0, T0 + 3n * SECOND, T0 + 6n * SECOND, T0 + 6n * SECOND + 1n, T0 + 11n * SECOND]) {
      const columnar = serverLatencyShiftOf(evidence, onset);
      const plain = serverLatencyShift(evidence, onset);
      expect(columnar === null ? null : { ...columnar, slowest: columnar.slowest }).toEqual(plain);
    }
    expect(serverLatencyShiftOf(evidence, T0 + 6n * SECOND, 60)).toBeNull();
  });
});
