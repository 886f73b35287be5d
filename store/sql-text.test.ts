import { describe, expect, it } from 'vitest';
import { sql, sqlIdentifiers, sqlInteger, sqlPlaceholders, sqlValueRows } from './sql-text.ts';

describe('SqlText', () => {
  it('puts statements together from SqlText parts only', () => {
    const columns = sqlIdentifiers(['trace_id', 'span_id']);
    expect(sql`SELECT ${columns} FROM spans WHERE rowid = ?`).toBe('SELECT trace_id, span_id FROM spans WHERE rowid = ?');
    expect(sql`INSERT INTO t (${columns}) VALUES (${sqlPlaceholders(2)})`).toBe('INSERT INTO t (trace_id, span_id) VALUES (?, ?)');
    expect(sql`INSERT INTO t (${columns}) VALUES ${sqlValueRows(3, 2)}`).toBe('INSERT INTO t (trace_id, span_id) VALUES (?, ?), (?, ?), (?, ?)');
    expect(sql`user_version = ${sqlInteger(3)}`).toBe('user_version = 3');
    const base = sql`SELECT 1 FROM spans`;
    expect(sql`${base} LIMIT ?`).toBe('SELECT 1 FROM spans LIMIT ?');
  });

  it('refuses identifiers, counts and integers that could carry anything else', () => {
    for (const name of ['', 'a b', 'x; DROP TABLE spans', 'name--', '"quoted"', '1abc', 'a.b']) {
      expect(() => sqlIdentifiers([name])).toThrow(RangeError);
    }
    expect(() => sqlIdentifiers([])).toThrow(RangeError);
    for (const value of [0, -1, 1.5, Number.NaN]) {
      expect(() => sqlPlaceholders(value)).toThrow(RangeError);
      expect(() => sqlValueRows(value, 2)).toThrow(RangeError);
      expect(() => sqlValueRows(2, value)).toThrow(RangeError);
    }
    for (const value of [1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60]) expect(() => sqlInteger(value)).toThrow(RangeError);
  });

  it('is a type TypeScript keeps plain strings out of', () => {
    const fromOutside: string = 'x; DROP TABLE spans';
    // @ts-expect-error a plain string is not SqlText
    expect(sql`SELECT ${fromOutside}`).toBe('SELECT x; DROP TABLE spans');
  });
});
