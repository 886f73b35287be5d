import { describe, expect, it } from 'vitest';
import { bloomMayContain, buildTraceBloom, traceHashes } from './trace-bloom.ts';
import { traceIdFor } from './test-builders.ts';

const id = (n: number) => Buffer.from(traceIdFor(n), 'hex');

describe('trace bloom filter', () => {
  it('always finds the ids it holds and rarely claims others', () => {
    const held = Array.from({ length: 3000 }, (_, n) => id(n));
    const bloom = buildTraceBloom(held);
    expect(held.every((x) => bloomMayContain(bloom, traceHashes(x)))).toBe(true);
    const others = Array.from({ length: 20_000 }, (_, n) => id(1_000_000 + n));
    const falsePositives = others.filter((x) => bloomMayContain(bloom, traceHashes(x))).length;
    expect(falsePositives / others.length).toBeLessThan(0.03);
  });

  it('spreads ids that differ only in a few bytes (time-prefixed ids)', () => {
    const prefixed = Array.from({ length: 1000 }, (_, n) => {
      const bytes = Buffer.alloc(16);
      bytes.writeUInt32BE(1_700_000_000, 0);
      bytes.writeUInt32BE(n, 12);
      return bytes;
    });
    const bloom = buildTraceBloom(prefixed.slice(0, 500));
    const falsePositives = prefixed.slice(500).filter((x) => bloomMayContain(bloom, traceHashes(x))).length;
    expect(falsePositives).toBeLessThan(25);
  });
});
