import { describe, expect, it } from 'vitest';
import type { Span } from '../common/telemetry.ts';
import { buildResource, buildSpan } from '../fixtures/domain-builders.ts';
import { evidenceOf, T0 } from './test-evidence.ts';
import { httpClientSpan, msAfter, newSpanId, pgSpan, serverSpan } from './test-spans.ts';
import { operations } from './thundering-herd-operations.ts';

let traceNo = 0;
const root = (atMs: number, service = 'shop') => serverSpan((traceNo += 1), { at: msAfter(T0, atMs), ms: 50 }, { resource: buildResource(service) });
const query = (parent: Span, atMs: number, sql: string, system: string | null = 'postgresql') => {
  const span = pgSpan(parent, { at: msAfter(T0, atMs), ms: 5 }, sql);
  if (system === null) delete span.attributes['db.system.name'];
  else span.attributes['db.system.name'] = system;
  return span;
};
const rpc = (parent: Span, atMs: number, system: string, service: string, method: string) =>
  buildSpan({
    traceId: parent.traceId,
    spanId: newSpanId(),
    parentSpanId: parent.spanId,
    resource: parent.resource,
    name: `${service}/${method}`,
    kind: 'client',
    startTimeUnixNano: msAfter(T0, atMs),
    endTimeUnixNano: msAfter(T0, atMs + 5),
    attributes: { 'rpc.system': system, 'rpc.service': service, 'rpc.method': method },
  });

/** Each operation as "service system label: rows' start ms". */
function summary(spans: Span[], minRows = 1): string[] {
  const columns = evidenceOf({ spans }, T0 + 60_000_000_000n).columns();
  return operations(columns, minRows).map((op) => `${op.service} ${op.system} ${op.label}: ${[...op.rows].map((row) => Number(columns.toUnixNano(op.startNs[row]) - T0) / 1e6).join(',')}`);
}

describe('thundering-herd operations', () => {
  it('groups queries by service, database and statement and calls by target, each by start, in order of first appearance', () => {
    const a = root(0);
    const b = root(0, 'api');
    const spans = [
      query(a, 30, 'SELECT 1 FROM t WHERE id = 5'),
      httpClientSpan(a, { at: msAfter(T0, 20), ms: 5 }, 'http://inventory:8080/stock/7'),
      query(a, 10, 'SELECT 1 FROM t WHERE id = 6'),
      query(b, 15, 'SELECT 1 FROM t WHERE id = 6'),
      query(a, 12, 'SELECT 1 FROM t WHERE id = 6', 'mysql'),
      httpClientSpan(a, { at: msAfter(T0, 5), ms: 5 }, 'http://inventory:8080/stock/8'),
    ];
    expect(summary([a, b, ...spans])).toEqual([
      'shop postgresql SELECT ? FROM t WHERE id = ?: 10,30',
      'shop http GET inventory:8080/stock/{id}: 5,20',
      'api postgresql SELECT ? FROM t WHERE id = ?: 15',
      'shop mysql SELECT ? FROM t WHERE id = ?: 12',
    ]);
  });

  it('leaves out operations with fewer rows than asked for', () => {
    const a = root(0);
    expect(summary([a, query(a, 1, 'SELECT 1'), query(a, 2, 'SELECT 2'), query(a, 3, 'SELECT x FROM y')], 2)).toEqual(['shop postgresql SELECT ?: 1,2']);
  });

  it('takes operations that read the same for one: a database named "database" and one not named at all', () => {
    const a = root(0);
    expect(summary([a, query(a, 2, 'SELECT 1', null), query(a, 1, 'SELECT 1', 'database'), query(a, 3, 'SELECT 1', null)])).toEqual(['shop database SELECT ?: 1,2,3']);
  });

  it('labels RPC calls as the call target does, even when two systems share one label', () => {
    const a = root(0);
    const spans = [a, rpc(a, 1, 'grpc', 'Stock', 'Get'), httpClientSpan(a, { at: msAfter(T0, 2), ms: 5 }, 'http://inventory:8080/stock/7'), rpc(a, 3, 'thrift', 'Stock', 'Get')];
    expect(summary(spans)).toEqual(['shop http Stock/Get: 1,3', 'shop http GET inventory:8080/stock/{id}: 2']);
  });
});
