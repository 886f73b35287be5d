import { describe, expect, it } from 'vitest';
import type { Attributes } from '../common/telemetry.ts';
import { buildSpan } from '../fixtures/domain-builders.ts';
import { isBatchedWrite, isCacheSpan, isConnectionSpan, isDbOperation, isDbQuerySpan, isPoolAcquireSpan, statementOf, statementVerb } from './db-spans.ts';
import type { EvidenceSpan } from './evidence.ts';

const span = (name: string, attributes: Attributes, normalizedStatement: string | null = null): EvidenceSpan => ({ ...buildSpan({ name, kind: 'client', attributes }), normalizedStatement });

describe('db-spans', () => {
  it('tells connection handling from statements, under the names instrumentations use', () => {
    const pg = { 'db.system.name': 'postgresql' };
    for (const name of ['pg-pool.connect', 'pg.connect', 'generic-pool.acquire', 'redis-connect', 'connect']) expect(isConnectionSpan(span(name, pg)), name).toBe(true);
    expect(isPoolAcquireSpan(span('pg-pool.connect', pg))).toBe(true);
    expect(isPoolAcquireSpan(span('generic-pool.acquire', {}))).toBe(true);
    expect(isPoolAcquireSpan(span('pg.connect', pg))).toBe(false);
    const query = span('pg.query:SELECT shop', { ...pg, 'db.query.text': 'SELECT 1' }, 'SELECT ?');
    expect([isConnectionSpan(query), isDbQuerySpan(query), isDbOperation(query)]).toEqual([false, true, true]);
    expect(isDbQuerySpan(span('pg-pool.connect', pg))).toBe(false);
  });

  it('treats cache calls as database operations but not as SQL queries, with old and new system names', () => {
    const get = span('get', { 'db.system': 'redis', 'db.statement': 'get product:1' }, 'get product:?');
    expect([isCacheSpan(get), isDbOperation(get), isDbQuerySpan(get)]).toEqual([true, true, false]);
  });

  it('gives the statement shape and verb, falling back to a summary or the span name', () => {
    const text = span('pg.query:INSERT shop', { 'db.system': 'postgresql', 'db.statement': 'INSERT INTO t VALUES (1)' }, 'INSERT INTO t VALUES (?)');
    expect(statementOf(text)).toEqual({ text: 'INSERT INTO t VALUES (?)', source: 'text' });
    expect(statementVerb(text)).toBe('INSERT');
    const summary = span('select', { 'db.system.name': 'mysql', 'db.operation.name': 'SELECT', 'db.collection.name': 'orders' });
    expect(statementOf(summary)).toEqual({ text: 'SELECT orders', source: 'summary' });
    expect(statementVerb(span('pg.query:UPDATE shop', { 'db.system.name': 'postgresql' }))).toBe('UPDATE');
  });

  it('recognizes writes that already carry many rows', () => {
    const write = (text: string, extra: Attributes = {}) => span('pg.query:INSERT shop', { 'db.system.name': 'postgresql', 'db.query.text': text, ...extra });
    expect(isBatchedWrite(write('INSERT INTO t (a, b) VALUES ($1, $2)'))).toBe(false);
    expect(isBatchedWrite(write("INSERT INTO t (a, b) VALUES (1, 'x'), (2, 'y')"))).toBe(true);
    expect(isBatchedWrite(write('INSERT INTO t (a) SELECT * FROM unnest($1::int[])'))).toBe(true);
    expect(isBatchedWrite(write('UPDATE t SET done = true WHERE id = ANY($1)'))).toBe(true);
    expect(isBatchedWrite(write('INSERT INTO t (a) VALUES ($1)', { 'db.operation.batch.size': 50 }))).toBe(true);
  });
});
