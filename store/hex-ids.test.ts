import { describe, expect, it } from 'vitest';
import { ChokepointError } from '../common/error-codes.ts';
import { bytesToId, idToBytes, writeIdAt } from './hex-ids.ts';

describe('hex ids', () => {
  it('turns hex of either case into the same bytes Buffer does, and back to lowercase hex', () => {
    for (const hex of ['0123456789abcdef0123456789abcdef', 'FFEEDDCCBBAA99887766554433221100', '00000000000000000000000000000001']) {
      const bytes = idToBytes(hex, 16, 'traceId');
      expect(bytes).toEqual(Buffer.from(hex, 'hex'));
      expect(bytesToId(bytes)).toBe(hex.toLowerCase());
    }
    expect(idToBytes('', 8, 'spanId')).toBeNull();
  });

  it('writes at the offset it is given and nowhere else', () => {
    const out = new Uint8Array(12).fill(7);
    expect(writeIdAt('a1b2c3d4e5f60718', out, 2, 8, 'spanId')).toBe(true);
    expect([...out]).toEqual([7, 7, 0xa1, 0xb2, 0xc3, 0xd4, 0xe5, 0xf6, 0x07, 0x18, 7, 7]);
    expect(writeIdAt('', out, 0, 8, 'spanId')).toBe(false);
  });

  it('refuses a wrong length or any non-hex character in any place, naming the field', () => {
    const good = '0123456789abcdef';
    const bad = ['0123456789abcde', `${good}00`, ...[0, 7, 15].flatMap((at) => ['g', 'x', ' ', '-', 'é', 'İ', '😀'.slice(0, 1)].map((c) => good.slice(0, at) + c + good.slice(at + 1)))];
    for (const hex of bad) {
      let thrown: unknown;
      try {
        writeIdAt(hex, new Uint8Array(8), 0, 8, 'parentSpanId');
      } catch (error) {
        thrown = error;
      }
      expect(thrown, hex).toBeInstanceOf(ChokepointError);
      expect((thrown as ChokepointError).code).toBe('BAD_REQUEST');
      expect((thrown as ChokepointError).message).toContain('parentSpanId must be 16 hex characters');
    }
  });
});
