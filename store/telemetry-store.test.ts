import fs from 'node:fs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ChokepointError } from '../common/error-codes.ts';
import type { Span } from '../common/telemetry.ts';
import { TelemetryStore } from './telemetry-store.ts';
import { buildBatch, buildLog, buildMetricPoint, buildResource, buildScope, buildSpan, buildTypicalSpans, removeTempDirs, spanIdFor, tempDir, traceIdFor, closeTestStores, openTestStore } from './test-builders.ts';

afterAll(removeTempDirs);

const openStore = (dataDir = tempDir()): TelemetryStore => openTestStore({ dataDir });
afterEach(closeTestStores);

/** A span using every field, with every attribute type and promoted attributes in both key variants. */
function richSpan(): Span {
  return buildSpan({
    resource: buildResource('payments', { 'service.instance.id': 'pay-1', 'deployment.environment.name': 'dev', 'host.cpu.count': 8 }),
    scope: { name: 'custom-scope', version: '2.1.0', attributes: { 'scope.flag': true } },
    traceId: 'ffeeddccbbaa99887766554433221100',
    spanId: '0011223344556677',
    parentSpanId: '8899aabbccddeeff',
    traceState: 'vendor=abc,other=1',
    flags: 0x301,
    name: 'SELECT payments',
    kind: 'client',
    startTimeUnixNano: 1_712_345_678_901_234_567n,
    endTimeUnixNano: 1_712_345_678_999_999_999n,
    attributes: {
      'db.system': 'postgresql',
      'db.name': 'payments',
      'db.operation': 'SELECT',
      'db.statement': "SELECT * FROM payments WHERE id = 42 AND note = 'it''s'",
      'net.peer.name': 'db.internal',
      'http.status_code': '503',
      'messaging.kafka.destination.partition': 7,
      'http.route': '/pay/:id',
      'int.value': -123456,
      'large.int': 9_007_199_254_740_991,
      'big.int.as.string': '18446744073709551615',
      'float.value': 3.25,
      'negative.zero': -0,
      'not.a.number': Number.NaN,
      'infinite': Number.POSITIVE_INFINITY,
      'bool.true': true,
      'bool.false': false,
      'null.value': null,
      'empty.string': '',
      'unicode': 'Grüße 👋 日本語',
      'array.mixed': [1, 'two', true, null, 2.5, ['nested', { deep: 'yes' }]],
      'map.value': { a: 1, b: { c: [1, 2, 3] }, 'd.e': 'f' },
      'empty.array': [],
      'empty.map': {},
      'long.text': 'x'.repeat(5000),
    },
    droppedAttributesCount: 3,
    events: [
      { timeUnixNano: 1_712_345_678_950_000_001n, name: 'exception', attributes: { 'exception.type': 'TimeoutError', 'exception.escaped': true }, droppedAttributesCount: 1 },
      { timeUnixNano: 1_712_345_678_960_000_000n, name: 'retry', attributes: {}, droppedAttributesCount: 0 },
    ],
    droppedEventsCount: 2,
    links: [{ traceId: '0123456789abcdef0123456789abcdef', spanId: 'fedcba9876543210', traceState: 'k=v', attributes: { 'link.kind': 'follows' }, droppedAttributesCount: 4, flags: 1 }],
    droppedLinksCount: 5,
    statusCode: 'error',
    statusMessage: 'timeout after 3 retries',
  });
}

describe('TelemetryStore spans', () => {
  it('round-trips every span field exactly, including every attribute type', () => {
    const store = openStore();
    const span = richSpan();
    store.insertBatch(buildBatch({ spans: [span] }));
    const [stored, ...rest] = store.spans.traceSpans(span.traceId);
    expect(rest).toEqual([]);
    const { normalizedStatement, ...domain } = stored;
    expect(domain).toStrictEqual(span);
    expect(Object.is(domain.attributes['negative.zero'], -0)).toBe(true);
    expect(Object.keys(domain.attributes)).toEqual(Object.keys(span.attributes));
    expect(normalizedStatement).toBe('SELECT * FROM payments WHERE id = ? AND note = ?');
  });

  it('reads back the same spans after the database is reopened', () => {
    const dir = tempDir();
    const spans = buildTypicalSpans(50);
    const first = TelemetryStore.open({ dataDir: dir });
    first.insertBatch(buildBatch({ spans }));
    first.close();
    const store = openStore(dir);
    expect(store.counts().spans).toBe(50);
    const trace = store.spans.traceSpans(spans[0].traceId).map(({ normalizedStatement: _n, ...s }) => s);
    expect(trace).toStrictEqual(spans.filter((s) => s.traceId === spans[0].traceId));
  });

  it('fills promoted columns from current and older attribute keys', () => {
    const store = openStore();
    const spans = [
      buildSpan({ spanId: spanIdFor(1), attributes: { 'db.system.name': 'mysql', 'db.namespace': 'shop', 'db.query.text': 'SELECT 1 FROM t WHERE id = 5', 'server.address': 'a', 'http.response.status_code': 404, 'messaging.destination.partition.id': '3' } }),
      buildSpan({ spanId: spanIdFor(2), attributes: { 'db.system': 'mysql', 'db.name': 'shop', 'db.statement': 'SELECT 1 FROM t WHERE id = 6', 'net.peer.name': 'a', 'http.status_code': 404, 'messaging.kafka.destination.partition': 3 } }),
      // Both variants present with different values: the first met fills the column, the other stays as is.
      buildSpan({ spanId: spanIdFor(3), attributes: { 'db.system.name': 'postgresql', 'db.system': 'mysql' } }),
      // Normalizing changes more than literals here (spacing, IN list): the original text is kept whole.
      buildSpan({ spanId: spanIdFor(4), attributes: { 'db.query.text': 'SELECT  x FROM t WHERE id IN (1,2)  -- hi', 'http.response.status_code': 200.5 } }),
    ];
    store.insertBatch(buildBatch({ spans }));
    const rows = store.db
      .prepare<[], { db_system: string | null; db_namespace: string | null; db_statement: string | null; server_address: string | null; http_status: number | null; partition_id: string | null }>(
        `SELECT (SELECT value FROM strings WHERE id = db_system) AS db_system, (SELECT value FROM strings WHERE id = db_namespace) AS db_namespace,
                (SELECT value FROM strings WHERE id = db_statement) AS db_statement, (SELECT value FROM strings WHERE id = server_address) AS server_address,
                http_status, (SELECT value FROM strings WHERE id = partition_id) AS partition_id
         FROM spans ORDER BY rowid`,
      )
      .all();
    const expected = { db_system: 'mysql', db_namespace: 'shop', db_statement: 'SELECT ? FROM t WHERE id = ?', server_address: 'a', http_status: 404, partition_id: '3' };
    expect(rows[0]).toEqual(expected);
    expect(rows[1]).toEqual(expected);
    expect(rows[2].db_system).toBe('postgresql');
    const reread = store.spans.traceSpans(spans[0].traceId);
    expect(reread.map((s) => s.attributes)).toStrictEqual(spans.map((s) => s.attributes));
  });

  it('keeps counts exact across batches and reopen', () => {
    const dir = tempDir();
    const store = TelemetryStore.open({ dataDir: dir });
    store.insertBatch(buildBatch({ spans: buildTypicalSpans(123), logs: [buildLog(), buildLog()] }));
    store.insertBatch(buildBatch({ metricPoints: [buildMetricPoint({ type: 'gauge', value: 1 })] }));
    expect(store.counts()).toEqual({ spans: 123, metricPoints: 1, logs: 2 });
    store.close();
    const reopened = openStore(dir);
    expect(reopened.counts()).toEqual({ spans: 123, metricPoints: 1, logs: 2 });
    expect(reopened.db.prepare('SELECT count(*) AS n FROM spans').get()).toEqual({ n: 123 });
  });

  it('rejects a batch with a malformed id as a whole, and stays usable', () => {
    const store = openStore();
    const good = buildSpan({ spanId: spanIdFor(10), name: 'only-in-bad-batch' });
    const bad = buildSpan({ spanId: 'not-hex', traceId: traceIdFor(2) });
    let error: unknown;
    try {
      store.insertBatch(buildBatch({ spans: [good, bad], logs: [buildLog()] }));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ChokepointError);
    expect((error as ChokepointError).code).toBe('BAD_REQUEST');
    expect(store.counts()).toEqual({ spans: 0, metricPoints: 0, logs: 0 });
    expect(store.services()).toEqual([]);
    // The dictionary ids handed out in the failed transaction must not leak into later rows.
    store.insertBatch(buildBatch({ spans: [buildSpan({ name: 'later', spanId: spanIdFor(11) }), good] }));
    expect(store.recentSpans({ limit: 10 }).map((s) => s.name).sort()).toEqual(['later', 'only-in-bad-batch']);
  });

  it('refuses a file that is not a database with STORE_UNAVAILABLE and a clear message', () => {
    const dir = tempDir();
    fs.writeFileSync(`${dir}/chokepoint.db`, 'this is not a database, just some text that is long enough to have a header'.repeat(100));
    let error: unknown;
    try {
      TelemetryStore.open({ dataDir: dir });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ChokepointError);
    expect(error).toMatchObject({ code: 'STORE_UNAVAILABLE', message: expect.stringMatching(/not a SQLite database/) as unknown });
  });

  it('reports a data directory that cannot be created as STORE_UNAVAILABLE', () => {
    const file = `${tempDir()}/a-file`;
    fs.writeFileSync(file, 'x');
    expect(() => TelemetryStore.open({ dataDir: `${file}/data` })).toThrow(expect.objectContaining({ code: 'STORE_UNAVAILABLE' }) as unknown);
  });

  it('rejects times that do not fit a signed 64-bit integer as bad input', () => {
    const store = openStore();
    const far = buildSpan({ startTimeUnixNano: 2n ** 63n, endTimeUnixNano: 2n ** 63n + 1n });
    expect(() => store.insertBatch(buildBatch({ spans: [far] }))).toThrow(expect.objectContaining({ code: 'BAD_REQUEST' }) as unknown);
    expect(store.counts().spans).toBe(0);
  });

  it('opens the data directory it is given, creating it', () => {
    const dir = `${tempDir()}/nested/data`;
    const store = openStore(dir);
    expect(store.databaseFile).toBe(`${dir}/chokepoint.db`);
    expect(fs.existsSync(store.databaseFile)).toBe(true);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
  });
});

describe('TelemetryStore logs and metrics', () => {
  it('stores log records and reads them back newest first and by trace', () => {
    const store = openStore();
    const traceId = traceIdFor(9);
    const logs = [
      buildLog({ timeUnixNano: 1_000n, observedTimeUnixNano: 1_500n, body: { message: 'structured', n: [1, 2] }, traceId, spanId: spanIdFor(9), eventName: 'order.loaded', severityNumber: 17, severityText: 'ERROR', flags: 1, droppedAttributesCount: 2 }),
      buildLog({ timeUnixNano: 0n, observedTimeUnixNano: 3_000n, body: 'no timestamp', attributes: {} }),
      buildLog({ timeUnixNano: 2_000n, observedTimeUnixNano: 2_000n, body: null, scope: buildScope('other', '1') }),
    ];
    store.insertBatch(buildBatch({ logs }));
    expect(store.counts().logs).toBe(3);
    expect(store.logs.recentLogs({ limit: 10 })).toStrictEqual([logs[1], logs[2], logs[0]]);
    expect(store.logs.traceLogs(traceId)).toStrictEqual([logs[0]]);
  });

  it('round-trips metric points of all five types through metricSeries', () => {
    const store = openStore();
    const t = (s: number) => 1_700_000_000_000_000_000n + BigInt(s) * 1_000_000_000n;
    const points = [
      buildMetricPoint({ type: 'gauge', value: 0.75 }, { name: 'system.cpu.utilization', timeUnixNano: t(1) }),
      buildMetricPoint({ type: 'gauge', value: Number.NaN }, { name: 'system.cpu.utilization', timeUnixNano: t(2) }),
      buildMetricPoint({ type: 'sum', value: 42, temporality: 'cumulative', monotonic: true }, { name: 'orders.placed', unit: '{order}', startTimeUnixNano: t(0), timeUnixNano: t(3), exemplars: [{ timeUnixNano: t(3), value: 1, traceId: traceIdFor(1), spanId: spanIdFor(1), filteredAttributes: { user: 'u1' } }] }),
      buildMetricPoint(
        { type: 'histogram', temporality: 'delta', count: 6, sum: 0.9, min: 0.01, max: 0.5, bucketCounts: [1, 2, 3, 0], explicitBounds: [0.05, 0.1, 0.5] },
        { name: 'http.server.request.duration', unit: 's', startTimeUnixNano: t(3), timeUnixNano: t(4), attributes: { 'http.route': '/a', 'http.response.status_code': 200 } },
      ),
      buildMetricPoint(
        { type: 'exponential_histogram', temporality: 'cumulative', count: 10, sum: null, min: null, max: null, scale: 3, zeroCount: 1, zeroThreshold: 0.001, positive: { offset: -2, bucketCounts: [1, 0, 4] }, negative: { offset: 0, bucketCounts: [] } },
        { name: 'rpc.duration', timeUnixNano: t(5), flags: 1 },
      ),
      buildMetricPoint({ type: 'summary', count: 3, sum: 7.5, quantileValues: [{ quantile: 0.5, value: 2 }, { quantile: 0.99, value: 4.5 }] }, { name: 'legacy.latency', description: '', unit: '', timeUnixNano: t(6) }),
    ];
    store.insertBatch(buildBatch({ metricPoints: points }));
    expect(store.metricNames()).toEqual(['http.server.request.duration', 'legacy.latency', 'orders.placed', 'rpc.duration', 'system.cpu.utilization']);
    for (const name of store.metricNames()) {
      const expected = points.filter((p) => p.name === name);
      const series = store.metricSeries(name, t(0), t(10));
      expect(series).toStrictEqual(
        expected.map((p) => ({ timeUnixNano: p.timeUnixNano, startTimeUnixNano: p.startTimeUnixNano, attributes: p.attributes, resourceKey: p.resource.key, serviceName: p.resource.serviceName, data: p.data })),
      );
      expect(store.metrics.metricPoints(name, t(0), t(10))).toStrictEqual(expected);
    }
    expect(store.metricSeries('system.cpu.utilization', t(2), t(2)).map((p) => p.timeUnixNano)).toEqual([t(2)]);
    expect(store.metricSeries('unknown.metric', t(0), t(10))).toEqual([]);
  });
});

describe('TelemetryStore findings', () => {
  it('inserts findings, updates a re-detected one in place, and lists newest first', () => {
    const store = openStore();
    const base = { kind: 'n_plus_one', ruleId: 'db.n-plus-one', severity: 'warning', score: 0.7, title: 'N+1', summary: 's', payload: { statement: 'SELECT ?' } };
    store.findings.upsertFindings([
      { ...base, id: 'a', firstSeenUnixNano: 10n, lastSeenUnixNano: 20n },
      { ...base, id: 'b', kind: 'pool_saturation', firstSeenUnixNano: 15n, lastSeenUnixNano: 30n },
    ]);
    store.findings.upsertFindings([{ ...base, id: 'a', score: 0.9, firstSeenUnixNano: 25n, lastSeenUnixNano: 40n }]);
    const all = store.findings.listFindings();
    expect(all.map((f) => f.id)).toEqual(['a', 'b']);
    expect(all[0]).toMatchObject({ score: 0.9, firstSeenUnixNano: 10n, lastSeenUnixNano: 40n, payload: { statement: 'SELECT ?' } });
    expect(store.findings.listFindings({ kind: 'pool_saturation' }).map((f) => f.id)).toEqual(['b']);
    expect(store.findings.listFindings({ seenSinceUnixNano: 35n }).map((f) => f.id)).toEqual(['a']);
  });
});
