import { describe, expect, it } from 'vitest';
import { fillStatement, normalizeStatement, normalizeStatementWithLiterals } from './normalize-statement.ts';

describe('normalizeStatement', () => {
  it('gives queries that differ only in a number the same shape', () => {
    const a = normalizeStatement('SELECT * FROM users WHERE id = 42');
    expect(a).toBe('SELECT * FROM users WHERE id = ?');
    expect(normalizeStatement('SELECT * FROM users WHERE id = 7')).toBe(a);
    expect(normalizeStatement('SELECT * FROM users WHERE id = -7.5e3')).toBe(a);
  });

  it('collapses IN lists of any length', () => {
    expect(normalizeStatement('SELECT name FROM t WHERE id IN (1,2,3)')).toBe('SELECT name FROM t WHERE id IN (?)');
    expect(normalizeStatement('SELECT name FROM t WHERE id IN (4, 5)')).toBe(normalizeStatement('SELECT name FROM t WHERE id IN (1,2,3)'));
    expect(normalizeStatement("select 1 from t where s in ('a', 'b')")).toBe('select ? from t where s in (?)');
  });

  it('replaces quoted strings including escaped quotes', () => {
    const expected = 'SELECT id FROM t WHERE name = ? AND x = ?';
    expect(normalizeStatement("SELECT id FROM t WHERE name = 'O''Brien' AND x = 'it\\'s'")).toBe(expected);
    expect(normalizeStatement("SELECT id FROM t WHERE name = 'plain' AND x = ''")).toBe(expected);
    expect(normalizeStatement("SELECT id FROM t WHERE name = E'esc\\n' AND x = N'ünï'")).toBe(expected);
  });

  it('replaces positional and named bind parameters but keeps casts', () => {
    expect(normalizeStatement('SELECT * FROM orders WHERE id = $1 AND user_id = $12')).toBe('SELECT * FROM orders WHERE id = ? AND user_id = ?');
    expect(normalizeStatement('SELECT x::text FROM t WHERE a = :a AND b = @p1')).toBe('SELECT x::text FROM t WHERE a = ? AND b = ?');
    expect(normalizeStatement('SELECT @@version')).toBe('SELECT @@version');
  });

  it('collapses whitespace and drops comments', () => {
    expect(normalizeStatement("  SELECT *\n\tFROM   users /* traceparent='00-abc' */ WHERE id = 1 -- by id\n")).toBe('SELECT * FROM users WHERE id = ?');
  });

  it('keeps identifiers that contain digits and quoted identifiers', () => {
    expect(normalizeStatement('SELECT t1.col2 FROM "Table 3" t1 WHERE t1.a = 3')).toBe('SELECT t1.col2 FROM "Table 3" t1 WHERE t1.a = ?');
  });

  it('treats subtraction as an operator, not a sign', () => {
    expect(normalizeStatement('SELECT a - 1 FROM t')).toBe('SELECT a - ? FROM t');
  });

  it('collapses multi-row VALUES and dollar-quoted bodies', () => {
    expect(normalizeStatement('INSERT INTO t (a, b) VALUES (1, 2), (3, 4), (5, 6)')).toBe('INSERT INTO t (a, b) VALUES (?, ?)');
    expect(normalizeStatement('INSERT INTO t (a, b) VALUES ($1, $2)')).toBe('INSERT INTO t (a, b) VALUES (?, ?)');
    expect(normalizeStatement('SELECT $tag$ it is $1 $tag$ FROM t')).toBe('SELECT ? FROM t');
  });

  it('bounds the size of huge statements', () => {
    const huge = `SELECT ${'a, '.repeat(20_000)}b FROM t`;
    expect(normalizeStatement(huge).length).toBeLessThanOrEqual(4096);
  });
});

describe('normalizeStatementWithLiterals', () => {
  const cases = [
    "SELECT * FROM users WHERE id = 42 AND name = 'O''Brien'",
    'SELECT a FROM t WHERE x = -7 AND y >= +1.5e3',
    "SELECT E'esc\\n', N'ünï' FROM t",
    'SELECT * FROM t WHERE a = ? AND b = 5',
    'SELECT * FROM orders WHERE id = $1',
    'GET order:123',
  ];
  it.each(cases)('keeps the literals of %s so the original can be rebuilt exactly', (sql) => {
    const { normalized, literals } = normalizeStatementWithLiterals(sql);
    expect(normalized).toBe(normalizeStatement(sql));
    expect(literals).not.toBeNull();
    expect(fillStatement(normalized, literals!)).toBe(sql);
  });

  it('gives no literals when normalizing changed more than the literals', () => {
    expect(normalizeStatementWithLiterals('SELECT  1').literals).toBeNull();
    expect(normalizeStatementWithLiterals('SELECT 1 /* hint */').literals).toBeNull();
    expect(normalizeStatementWithLiterals('SELECT a FROM t WHERE id IN (1, 2, 3)').literals).toBeNull();
  });

  it('whenever it gives literals, they rebuild the original exactly (2,000 generated statements)', () => {
    const pieces = ['SELECT', 'a', 'FROM', 't', 'WHERE', '=', '-', '+', '42', '1.5e3', "'x''y'", '"Col"', '$1', ':name', '@v', '(', ')', ',', 'IN', '--c\n', '/* h */', ' ', ' ', ' ', '  ', '\t', '\n', "E'z'", '0x1F', '?'];
    let seed = 7;
    const next = (): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed;
    };
    for (let n = 0; n < 2_000; n += 1) {
      const sql = Array.from({ length: 1 + (next() % 14) }, () => pieces[next() % pieces.length]).join(next() % 3 === 0 ? '' : ' ');
      const { normalized, literals } = normalizeStatementWithLiterals(sql);
      if (literals !== null) expect(fillStatement(normalized, literals), sql).toBe(sql);
    }
  });

  it('records exactly the replaced source text', () => {
    expect(normalizeStatementWithLiterals("SELECT 1 FROM t WHERE a = 'x' AND b = -2").literals).toEqual(['1', "'x'", '-2']);
    expect(fillStatement('a = ? AND b = ?', ['1'])).toBeUndefined();
  });
});
