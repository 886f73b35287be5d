import { describe, expect, it } from 'vitest';
import { MAX_INTERNED_BYTES, StringInterner } from './string-interner.ts';

function decodeAll(interner: StringInterner, texts: readonly (string | Buffer)[]): string[] {
  const body = Buffer.concat(texts.map((t) => (typeof t === 'string' ? Buffer.from(t) : t)));
  const out: string[] = [];
  let at = 0;
  for (const t of texts) {
    const length = typeof t === 'string' ? Buffer.byteLength(t) : t.length;
    out.push(interner.decode(body, at, at + length));
    at += length;
  }
  return out;
}

describe('StringInterner', () => {
  it('decodes repeated, one-off and multi-byte strings exactly as Buffer.toString does', () => {
    const interner = new StringInterner();
    const texts = ['db.system.name', 'http.route', 'db.system.name', 'ünïcödé ✓', '', 'db.system', 'db.system.name', `/orders/${'9'.repeat(60)}`];
    expect(decodeAll(interner, texts)).toEqual(texts);
  });

  it('never returns another string that happened to hold the same slot', () => {
    // Far more distinct strings than slots, each decoded twice: any slot collision must miss, not mix them up.
    const interner = new StringInterner();
    const texts = Array.from({ length: 20_000 }, (_, i) => `k${(i * 7919) % 100_003}.${i % 13}`);
    expect(decodeAll(interner, [...texts, ...texts.slice().reverse()])).toEqual([...texts, ...texts.slice().reverse()]);
  });

  it('tells apart strings of equal length and hash-relevant bytes differing in one place', () => {
    const interner = new StringInterner();
    const texts = ['aaaaaaab', 'aaaaaaac', 'aaaaaaab', 'baaaaaaa', 'aaaaaaac'];
    expect(decodeAll(interner, texts)).toEqual(texts);
  });

  it('turns invalid UTF-8 into replacement characters, the same on a cached hit', () => {
    const interner = new StringInterner();
    const bad = Buffer.from([0x61, 0xff, 0x62, 0xc3]);
    const expected = bad.toString('utf8');
    expect(expected).toContain('\uFFFD');
    expect(decodeAll(interner, [bad, bad])).toEqual([expected, expected]);
  });

  it('decodes strings longer than the cached size directly', () => {
    const interner = new StringInterner();
    const long = 'x'.repeat(MAX_INTERNED_BYTES + 1);
    expect(decodeAll(interner, [long, long])).toEqual([long, long]);
  });
});
