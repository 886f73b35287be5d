// missing_batching: rows written one statement at a time where one batched write would do — a loop of
// single-row INSERT/UPDATE/DELETE spans of one shape inside one request, or the same single-row write
// arriving across requests at a high, sustained rate. Writes that already carry many rows (multi-row
// VALUES, unnest, = ANY, COPY, db.operation.batch.size ≥ 2) are the fix, not the problem, and are skipped.
import type { EvidenceSpan } from './evidence.ts';
import { evidenceTree } from './evidence-tree.ts';
import { shapeConfidence, shortStatement, statementOf, type StatementShape } from './db-spans.ts';
import { operationName } from './operation-name.ts';
import type { Rule, RuleFinding } from './rule.ts';
import { evidencePoints, percentile, secondsToNanos } from './series-math.ts';
import { shortHash } from './short-hash.ts';
import { dbNamespaceOf, dbSystemOf } from './span-attributes.ts';
import { NONE, type SpanColumns } from './span-columns.ts';
import { SINGLE_ROW_WRITE } from './single-row-writes.ts';
import { spanRefs, traceIdsOf } from './span-refs.ts';
import { nanosToMs, spanNanos, summedNanos, timeRange } from './span-timing.ts';
import { entrySpanOf, spanKey } from './span-tree.ts';
import { bucketByTime, latestRun } from './time-buckets.ts';

type Thresholds = 'minWritesPerRequest' | 'minTotalMs' | 'minWritesPerSecond' | 'sustainSeconds' | 'minTraces' | 'criticalShare';

const BUCKET_SECONDS = 5;

interface Loop {
  request: EvidenceSpan | undefined;
  writes: EvidenceSpan[];
  totalMs: number;
  share: number;
}

interface Shape {
  service: string;
  shape: StatementShape;
  writes: EvidenceSpan[];
  loops: Loop[];
}

const median = (values: number[]): number => percentile(values.filter(Number.isFinite), 50);
const ms = (value: number): string => `${value >= 10 ? value.toFixed(0) : value.toFixed(1)} ms`;

/** The single-row writes of the window, by service and statement shape (in order of each one's first write). */
function writeShapes(columns: SpanColumns): Map<number, Shape> {
  const shapes = new Map<number, Shape>();
  const write = columns.fact(SINGLE_ROW_WRITE);
  // One number per (service, shape): service ids are below strings.size. (Shape ids are only compared: a fact may
  // answer from a copy of the rows with its own string table.)
  const stride = columns.strings.size;
  for (let row = 0; row < columns.length; row += 1) {
    const shapeId = write[row];
    if (shapeId === NONE) continue;
    const span = columns.spans[row];
    const key = shapeId * stride + columns.service[row];
    const known = shapes.get(key);
    if (known === undefined) shapes.set(key, { service: span.resource.serviceName, shape: statementOf(span), writes: [span], loops: [] });
    else known.writes.push(span);
  }
  return shapes;
}

export const missingBatching: Rule<Thresholds> = {
  id: 'missing-batching',
  kind: 'missing_batching',
  title: 'Writes not batched',
  needs: { metrics: [], spans: true, description: 'database client spans of writes, with db.query.text (or db.statement) to tell single-row from batched writes' },
  thresholds: {
    minWritesPerRequest: { value: 10, source: 'Sentry-like repeat count: twice the N+1 DB detector’s 5 repeats, since a few separate writes per request are normal; 10 same-shape writes in one request is a loop' },
    minTotalMs: { value: 50, source: 'Sentry N+1 DB detector: duration_threshold = 50 ms of summed repeated-span time, applied to the writes of one request' },
    minWritesPerSecond: { value: 50, source: 'Chokepoint convention: 50 single-row writes of one shape per second across requests is where a short write buffer pays off (one round trip and commit per batch)' },
    sustainSeconds: { value: 10, source: 'Product bar: detection within 30 s of onset at 5 s ticks; 10 s is two 5 s buckets, long enough to rule out a burst' },
    minTraces: { value: 2, source: 'Chokepoint convention: one request may be a one-off (info); the same write loop in a second trace makes it a pattern' },
    criticalShare: { value: 0.5, source: 'Chokepoint convention: critical when the write loop takes at least half of its request in the median trace' },
  },
  techniques: ['write-batching', 'message-queues'],
  evaluate(evidence, t) {
    const shapes = writeShapes(evidence.columns());
    // The tree is only needed (and, for a partial window, only built) when there are writes to place in it.
    if (shapes.size === 0) return [];
    const tree = evidenceTree(evidence);
    const findings: RuleFinding[] = [];
    for (const entry of shapes.values()) {
      // Loops: the writes of one request (or of one parent when the request is not in the window yet).
      const perRequest = new Map<string, EvidenceSpan[]>();
      for (const span of entry.writes) {
        const request = entrySpanOf(tree, span);
        const key = request === span ? `${span.traceId}/${span.parentSpanId}` : spanKey(request);
        const list = perRequest.get(key);
        if (list === undefined) perRequest.set(key, [span]);
        else list.push(span);
      }
      for (const writes of perRequest.values()) {
        const totalMs = nanosToMs(summedNanos(writes));
        if (writes.length < t.minWritesPerRequest || totalMs < t.minTotalMs) continue;
        const found = entrySpanOf(tree, writes[0]);
        const request = found === writes[0] ? undefined : found;
        const requestMs = request === undefined ? Number.NaN : nanosToMs(spanNanos(request));
        const range = timeRange(writes);
        const extentMs = nanosToMs(range.endUnixNano - range.startUnixNano);
        entry.loops.push({ request, writes, totalMs, share: requestMs > 0 ? Math.min(1, extentMs / requestMs) : Number.NaN });
      }
      // Rate: the same single-row write across requests, per 5 s bucket.
      const buckets = bucketByTime(entry.writes, (s) => s.startTimeUnixNano, evidence.spansFromUnixNano, evidence.atUnixNano, secondsToNanos(BUCKET_SECONDS));
      const run = latestRun(buckets, (b) => b.items.length / BUCKET_SECONDS >= t.minWritesPerSecond);
      const runSeconds = run === null ? 0 : (run.last - run.first + 1) * BUCKET_SECONDS;
      const sustained = run !== null && runSeconds >= t.sustainSeconds;
      if (entry.loops.length === 0 && !sustained) continue;

      const inRun = run === null ? [] : buckets.slice(run.first, run.last + 1).flatMap((b) => b.items);
      const ratePerSecond = sustained ? inRun.length / runSeconds : Number.NaN;
      const loops = entry.loops;
      const traces = new Set(loops.map((l) => l.writes[0].traceId)).size;
      const perLoop = median(loops.map((l) => l.writes.length));
      const summedMs = median(loops.map((l) => l.totalMs));
      const share = median(loops.map((l) => l.share));
      const request = loops.find((l) => l.request !== undefined)?.request;
      const operation = request === undefined ? undefined : operationName(request);
      const severity = loops.length > 0 && traces >= t.minTraces ? (Number.isFinite(share) && share >= t.criticalShare ? 'critical' : 'warning') : sustained ? 'warning' : 'info';
      const statement = shortStatement(entry.shape.text, 90);
      const worst = [...loops].sort((a, b) => b.writes.length - a.writes.length)[0];
      const offending = worst !== undefined ? worst.writes : inRun;
      const range = timeRange(loops.length > 0 ? loops.flatMap((l) => l.writes) : inRun);
      const database = dbNamespaceOf(entry.writes[0]) ?? dbSystemOf(entry.writes[0]);
      const loopText = loops.length === 0 ? '' : `${operation ?? 'A request'} writes "${statement}" ${perLoop} times one row at a time in ${traces} trace${traces === 1 ? '' : 's'} (${ms(summedMs)} in the writes${Number.isFinite(share) ? `, ${Math.round(share * 100)}% of the request` : ''}).`;
      const rateText = sustained ? `${loops.length === 0 ? `"${statement}" runs` : ' The same write runs'} ${ratePerSecond.toFixed(0)} times a second for ${runSeconds} s, one row per statement.` : '';
      findings.push({
        key: `${entry.service}:${shortHash(entry.shape.text)}`,
        severity,
        score: Math.min(1, 0.35 + 0.35 * (Number.isFinite(share) ? share : 0.3) + 0.15 * Math.min(1, traces / 20) + (sustained ? 0.15 : 0)),
        confidence: shapeConfidence(entry.shape) * (loops.length > 0 ? 0.9 : 0.6),
        title: `Writes not batched${operation === undefined ? '' : ` in ${operation}`}: ${shortStatement(entry.shape.text, 50)}`,
        summary: `${loopText}${rateText}`.trim(),
        service: entry.service,
        ...(database === undefined ? {} : { resource: database }),
        onsetUnixNano: range.startUnixNano,
        endUnixNano: range.endUnixNano,
        evidence: {
          series: sustained ? [{ metric: 'single-row writes per second (from spans)', unit: '1/s', attributes: { statement }, points: evidencePoints(buckets.map((b) => ({ timeUnixNano: b.startUnixNano, value: b.items.length / BUCKET_SECONDS }))), threshold: t.minWritesPerSecond }] : [],
          spans: spanRefs(offending),
          traceIds: traceIdsOf(loops.length > 0 ? loops.map((l) => l.writes[0]) : inRun),
          numbers: {
            ...(loops.length > 0 ? { traces, 'writes.per_request_median': perLoop, 'writes.per_request_max': worst.writes.length, 'writes.summed_median_ms': summedMs } : {}),
            ...(Number.isFinite(share) ? { 'request.share': share } : {}),
            ...(sustained ? { 'writes.per_second': ratePerSecond, 'duration.seconds': runSeconds } : {}),
          },
        },
        why: {
          'write-batching':
            loops.length > 0
              ? `${perLoop} single-row writes per request cost ${ms(summedMs)}: send the rows in one multi-row INSERT (or unnest arrays / COPY) inside one transaction.`
              : `${ratePerSecond.toFixed(0)} single-row writes a second each pay a round trip and a commit: buffer them for a few milliseconds and write them together.`,
          'message-queues': 'If callers need not wait for the rows, put them on a queue and let a consumer insert them in batches.',
        },
        notYet: ['Do not scale the database up for write throughput before batching: the per-statement round trip and commit are the cost, and a batch pays them once.'],
      });
    }
    return findings;
  },
};
