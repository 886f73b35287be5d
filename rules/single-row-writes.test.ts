import { describe, expect, it } from 'vitest';
import { buildSpan } from '../fixtures/domain-builders.ts';
import { isBatchedWrite, isDbQuerySpan, isWriteVerb, statementOf, statementVerb } from './db-spans.ts';
import type { EvidenceSpan } from './evidence.ts';
import { NONE, SpanColumnStore } from './span-columns.ts';
import { SINGLE_ROW_WRITE } from './single-row-writes.ts';

const span = (name: string, attributes: Record<string, string | number>, normalizedStatement: string | null = null): EvidenceSpan => ({
  ...buildSpan({ name, kind: 'client', attributes: { 'db.system.name': 'postgresql', ...attributes } }),
  normalizedStatement,
});

const SPANS = [
  span('pg.query:INSERT shop', { 'db.query.text': 'INSERT INTO t (a) VALUES (1)' }, 'INSERT INTO t (a) VALUES ($1)'),
  span('pg.query:INSERT shop', { 'db.query.text': 'INSERT INTO t (a) VALUES (1), (2)' }, 'INSERT INTO t (a) VALUES ($1), ($2)'),
  span('pg.query:SELECT shop', { 'db.query.text': 'SELECT 1', 'db.operation.name': 'SELECT' }, 'SELECT $1'),
  // The operation attribute wins over the text, both ways.
  span('pg.query', { 'db.query.text': 'INSERT INTO t VALUES (1)', 'db.operation.name': 'SELECT' }, 'INSERT INTO t VALUES ($1)'),
  span('pg.query', { 'db.query.text': 'SELECT 1', 'db.operation.name': ' update  x' }, 'SELECT $1'),
  span('UPDATE', { 'db.operation.name': 'UPDATE', 'db.collection.name': 'orders' }),
  span('pg.query:DELETE shop', { 'db.operation': 'DELETE', 'db.operation.batch.size': 4 }),
  span('pg.query:DELETE shop', {}),
  span('pg-pool.connect', {}),
  { ...buildSpan({ name: 'GET /orders', kind: 'server' }), normalizedStatement: null },
];

describe('SINGLE_ROW_WRITE', () => {
  it('holds the statement shape of exactly the single-row writes', () => {
    const columns = SpanColumnStore.of(SPANS);
    const ids = columns.fact(SINGLE_ROW_WRITE);
    const expected = SPANS.map((s) => (isDbQuerySpan(s) && isWriteVerb(statementVerb(s, statementOf(s))) && !isBatchedWrite(s) ? statementOf(s).text : undefined));
    expect([...ids].map((id) => (id === NONE ? undefined : columns.strings.value(id)))).toEqual(expected);
    expect(expected.filter((text) => text !== undefined).length).toBeGreaterThanOrEqual(4);
  });
});
