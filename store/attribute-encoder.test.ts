import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Attributes } from '../common/telemetry.ts';
import { decodeAttributes } from './attribute-decoder.ts';
import { AttributeEncoder } from './attribute-encoder.ts';
import { NEW_VALUES_PER_KEY } from './attribute-format.ts';
import { runMigrations } from './migrations.ts';
import { StringDictionary } from './string-dictionary.ts';

function setup() {
  const db = new Database(':memory:');
  runMigrations(db);
  const dict = new StringDictionary(db);
  return { db, dict, encoder: new AttributeEncoder(dict) };
}

/** Encoding returns a view of a reused buffer: copy it, as binding to SQLite does. */
const roundTrip = (encoder: AttributeEncoder, dict: StringDictionary, attributes: Attributes) => {
  const blob = encoder.encode(attributes);
  return decodeAttributes(blob === null ? null : Buffer.from(blob), dict);
};

describe('attribute codec', () => {
  it('round-trips every attribute value type exactly, in key order', () => {
    const { dict, encoder } = setup();
    const attributes: Attributes = {
      s: 'text',
      unicode: 'żółw 🐢 中文',
      empty: '',
      long: 'y'.repeat(70_000),
      int: 2_147_483_647,
      negInt: -2_147_483_648,
      bigSafe: 2 ** 53 - 1,
      float: -1.5e-300,
      negZero: -0,
      nan: Number.NaN,
      inf: Number.NEGATIVE_INFINITY,
      t: true,
      f: false,
      n: null,
      bigIntAsString: '-9223372036854775808',
      arr: [1, 'a', [true, null, [2.5]], { k: 'v' }],
      map: { nested: { deeper: [1, 2, { x: 'y' }] }, 'dotted.key': 0 },
      ['__proto__']: 'not a prototype',
    };
    const decoded = roundTrip(encoder, dict, attributes);
    expect(decoded).toStrictEqual(attributes);
    expect(Object.keys(decoded)).toEqual(Object.keys(attributes));
    expect(Object.is(decoded.negZero, -0)).toBe(true);
    expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype);
  });

  it('encodes an empty map as null', () => {
    const { dict, encoder } = setup();
    expect(encoder.encode({})).toBeNull();
    expect(decodeAttributes(null, dict)).toEqual({});
  });

  it('stores repeated keys and values once, so typical attributes take a few bytes each', () => {
    const { encoder } = setup();
    const attributes = { 'http.request.method': 'GET', 'url.scheme': 'https', 'network.protocol.version': '1.1', 'user_agent.original': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/126' };
    encoder.encode(attributes);
    const second = encoder.encode(attributes)!;
    expect(second.length).toBeLessThanOrEqual(Object.keys(attributes).length * 4);
    expect(JSON.stringify(attributes).length).toBeGreaterThan(second.length * 5);
  });

  it('keeps values of a high-cardinality key inline instead of growing the dictionary without bound', () => {
    const { db, dict, encoder } = setup();
    const blobs: Buffer[] = [];
    for (let i = 0; i < NEW_VALUES_PER_KEY + 100; i += 1) blobs.push(Buffer.from(encoder.encode({ 'url.path': `/orders/${i}` })!));
    const strings = (db.prepare('SELECT count(*) AS n FROM strings').get() as { n: number }).n;
    expect(strings).toBeLessThanOrEqual(NEW_VALUES_PER_KEY + 1);
    expect(blobs.map((b) => decodeAttributes(b, dict)['url.path'])).toEqual(blobs.map((_, i) => `/orders/${i}`));
  });
});
