// n_plus_one: one parent runs the same read statement over and over, one query after another — a loop that
// fetches related rows one at a time. Follows Sentry's N+1 DB detector: under one parent, an optional source
// query and then ≥ 5 sequential sibling DB spans with the same statement shape, together ≥ 50 ms. Unlike
// Sentry, connection spans (pg-pool.connect, pg.connect, generic-pool.acquire) neither count nor end a run:
// pg's pool.query() checks a connection out before every query, and those spans both hid real N+1s from
// Sentry (getsentry/sentry#93090) and produced false ones when repeated connects were taken for queries.
// Writes are left to missing-batching; cache calls (Redis) are not SQL and end a run, as in Sentry.
import type { EvidenceSpan } from './evidence.ts';
import { evidenceTree } from './evidence-tree.ts';
import { isConnectionSpan, isControlVerb, isDbQuerySpan, isWriteVerb, shapeConfidence, shortStatement, statementOf, statementVerb, type StatementShape } from './db-spans.ts';
import { operationName } from './operation-name.ts';
import type { Rule, RuleFinding } from './rule.ts';
import { percentile } from './series-math.ts';
import { shortHash } from './short-hash.ts';
import { dbNamespaceOf, dbSystemOf } from './span-attributes.ts';
import type { SpanColumns } from './span-columns.ts';
import { DB_QUERY } from './span-facts.ts';
import { spanRefs, traceIdsOf } from './span-refs.ts';
import { extentNanos, nanosToMs, runsAfter, spanNanos, summedNanos } from './span-timing.ts';
import { entrySpanOf, parentOf, type SpanTree } from './span-tree.ts';

type Thresholds = 'minRepeats' | 'minTotalMs' | 'minTraces' | 'criticalShare';

interface Occurrence {
  service: string;
  parent: EvidenceSpan | undefined;
  source: EvidenceSpan | undefined;
  repeats: EvidenceSpan[];
  shape: StatementShape;
  totalMs: number;
  loopMs: number;
  /** Share of the enclosing request's time the loop took; NaN when the request is not in the window. */
  share: number;
}

/** Runs of the same read statement among one parent's children (earliest start first). */
function runsAmong(children: readonly EvidenceSpan[]): { source: EvidenceSpan | undefined; repeats: EvidenceSpan[]; shape: StatementShape }[] {
  const found: { source: EvidenceSpan | undefined; repeats: EvidenceSpan[]; shape: StatementShape }[] = [];
  let run: EvidenceSpan[] = [];
  let runShape: StatementShape | undefined;
  let source: EvidenceSpan | undefined;
  let previous: { span: EvidenceSpan; shape: StatementShape } | undefined;
  const close = () => {
    if (run.length > 0 && runShape !== undefined) found.push({ source, repeats: run, shape: runShape });
    run = [];
    runShape = undefined;
    source = undefined;
  };
  for (const child of children) {
    if (isConnectionSpan(child)) continue;
    if (!isDbQuerySpan(child)) {
      close();
      previous = undefined;
      continue;
    }
    const shape = statementOf(child);
    const verb = statementVerb(child, shape);
    if (isWriteVerb(verb) || isControlVerb(verb)) {
      close();
      previous = { span: child, shape };
      continue;
    }
    const last = run.length > 0 ? run[run.length - 1] : undefined;
    if (last !== undefined && runShape?.text === shape.text && runsAfter(last, child)) {
      run.push(child);
    } else {
      close();
      source = previous !== undefined && previous.shape.text !== shape.text ? previous.span : undefined;
      run = [child];
      runShape = shape;
    }
    previous = { span: child, shape };
  }
  close();
  return found;
}

function occurrences(tree: SpanTree, minRepeats: number, minTotalMs: number): Occurrence[] {
  const out: Occurrence[] = [];
  for (const children of tree.children.values()) {
    if (children.length < minRepeats) continue;
    for (const run of runsAmong(children)) {
      if (run.repeats.length < minRepeats) continue;
      const totalMs = nanosToMs(summedNanos(run.repeats));
      if (totalMs < minTotalMs) continue;
      const first = run.repeats[0];
      const parent = parentOf(tree, first);
      const request = parent === undefined ? undefined : entrySpanOf(tree, parent);
      const loopMs = nanosToMs(extentNanos(run.repeats));
      const requestMs = request === undefined ? Number.NaN : nanosToMs(spanNanos(request));
      out.push({ service: first.resource.serviceName, parent, source: run.source, repeats: run.repeats, shape: run.shape, totalMs, loopMs, share: requestMs > 0 ? Math.min(1, loopMs / requestMs) : Number.NaN });
    }
  }
  return out;
}

/**
 * Whether some trace holds at least `count` queries. A loop's repeats are queries under one parent, so within
 * one trace: without such a trace there is nothing to find, and the walk over every parent in the tree is
 * skipped (read from the columns; most windows have no trace with that many queries).
 */
function someTraceHasQueries(columns: SpanColumns, count: number): boolean {
  const query = columns.fact(DB_QUERY);
  const perTrace = new Uint32Array(columns.strings.size);
  for (let row = 0; row < columns.length; row += 1) {
    if (query[row] !== 1) continue;
    const trace = columns.trace[row];
    perTrace[trace] += 1;
    if (perTrace[trace] >= count) return true;
  }
  return false;
}

/** The database the queries went to, as the finding's resource. */
function resourceOf(span: EvidenceSpan): { resource?: string } {
  const name = dbNamespaceOf(span) ?? dbSystemOf(span);
  return name === undefined ? {} : { resource: name };
}

/** The evidence chart shows at most this many requests (the latest). */
const MAX_SERIES_POINTS = 300;
const median = (values: number[]): number => percentile(values.filter(Number.isFinite), 50);
const ms = (value: number): string => `${value >= 10 ? value.toFixed(0) : value.toFixed(1)} ms`;

export const nPlusOne: Rule<Thresholds> = {
  id: 'n-plus-one',
  kind: 'n_plus_one',
  title: 'N+1 queries',
  needs: { metrics: [], spans: true, description: 'database client spans with their parents (db.query.text or db.statement for the statement shape)' },
  thresholds: {
    minRepeats: { value: 5, source: 'Sentry N+1 DB detector: performance.issues.n_plus_one_db.count_threshold = 5 repeated spans after the source span' },
    minTotalMs: { value: 50, source: 'Sentry N+1 DB detector: performance.issues.n_plus_one_db.duration_threshold = 50 ms of summed repeated-span time (100 ms in older releases)' },
    minTraces: { value: 2, source: 'Chokepoint convention: one trace may be a one-off (reported as info); the same loop in a second trace makes it a pattern worth a warning' },
    criticalShare: { value: 0.5, source: 'Chokepoint convention: critical when the loop takes at least half of its request in the median trace' },
  },
  techniques: ['eager-loading', 'call-batching', 'denormalization', 'caching'],
  evaluate(evidence, t) {
    if (!someTraceHasQueries(evidence.columns(), Math.max(1, t.minRepeats))) return [];
    const tree = evidenceTree(evidence);
    const groups = new Map<string, Occurrence[]>();
    const add = (key: string, occurrence: Occurrence) => {
      const group = groups.get(key);
      if (group === undefined) groups.set(key, [occurrence]);
      else group.push(occurrence);
    };
    const found = occurrences(tree, t.minRepeats, t.minTotalMs);
    for (const o of found) if (o.parent !== undefined) add(`${o.service}\u0000${o.shape.text}\u0000${operationName(o.parent)}`, o);
    // A parent still open at this tick has not reached the window: count its loop with the same statement's
    // group rather than as a separate finding that would vanish once the parent arrives.
    for (const o of found) {
      if (o.parent !== undefined) continue;
      const prefix = `${o.service}\u0000${o.shape.text}\u0000`;
      const known = [...groups.keys()].find((key) => key.startsWith(prefix));
      add(known ?? prefix, o);
    }
    const findings: RuleFinding[] = [];
    for (const group of groups.values()) {
      const { service, shape } = group[0];
      const parent = group.find((o) => o.parent !== undefined)?.parent;
      const traces = new Set(group.map((o) => o.repeats[0].traceId)).size;
      const worst = [...group].sort((a, b) => b.repeats.length - a.repeats.length || b.loopMs - a.loopMs)[0];
      const repeats = median(group.map((o) => o.repeats.length));
      const loopMs = median(group.map((o) => o.loopMs));
      const totalMs = median(group.map((o) => o.totalMs));
      const share = median(group.map((o) => o.share));
      const request = parent === undefined ? undefined : entrySpanOf(tree, parent);
      const operation = request === undefined ? (parent === undefined ? 'a parent span' : operationName(parent)) : operationName(request);
      const parentNote = parent !== undefined && request !== undefined && parent !== request ? ` (in ${operationName(parent)})` : '';
      const severity = traces < t.minTraces ? 'info' : Number.isFinite(share) && share >= t.criticalShare ? 'critical' : 'warning';
      const statement = shortStatement(shape.text, 90);
      const shareText = Number.isFinite(share) ? `, ${Math.round(share * 100)}% of the request` : '';
      const onset = group.reduce((min, o) => (o.repeats[0].startTimeUnixNano < min ? o.repeats[0].startTimeUnixNano : min), group[0].repeats[0].startTimeUnixNano);
      const end = group.reduce((max, o) => (o.repeats[o.repeats.length - 1].endTimeUnixNano > max ? o.repeats[o.repeats.length - 1].endTimeUnixNano : max), 0n);
      const byCost = [...group].sort((a, b) => b.loopMs - a.loopMs);
      // Sentry's "source" query: the one whose rows the loop iterates over, when it ran right before.
      const sourceText = worst.source === undefined ? '' : ` after "${shortStatement(statementOf(worst.source).text, 60)}"`;
      findings.push({
        key: `${service}:${operation}:${shortHash(shape.text)}`,
        severity,
        score: Math.min(1, 0.4 + 0.4 * (Number.isFinite(share) ? share : 0.3) + 0.2 * Math.min(1, traces / 20)),
        confidence: shapeConfidence(shape) * (evidence.spansDropped > 0 ? 0.9 : 1) * (parent === undefined ? 0.85 : 0.95),
        title: `N+1 query in ${operation}: ${shortStatement(shape.text, 50)}`,
        summary:
          `${operation}${parentNote} runs "${statement}" ${repeats} times in a row (up to ${worst.repeats.length})${sourceText} in ${traces} trace${traces === 1 ? '' : 's'}; ` +
          `the loop takes ${ms(loopMs)} (${ms(totalMs)} inside the queries)${shareText}.` +
          (shape.source === 'text' ? '' : ' The statement text was not recorded, so repeats are matched by span name or summary.'),
        service,
        ...resourceOf(worst.repeats[0]),
        onsetUnixNano: onset,
        endUnixNano: end,
        evidence: {
          // One point per request that ran the loop: how many times, against the repeat threshold.
          series: [
            {
              metric: 'db.statement.repeats_per_request',
              unit: '{query}',
              attributes: { service, operation },
              points: [...group]
                .sort((a, b) => (a.repeats[0].startTimeUnixNano < b.repeats[0].startTimeUnixNano ? -1 : 1))
                .slice(-MAX_SERIES_POINTS)
                .map((o) => ({ timeUnixNano: o.repeats[0].startTimeUnixNano.toString(), value: o.repeats.length })),
              threshold: t.minRepeats,
            },
          ],
          spans: spanRefs(worst.repeats),
          traceIds: traceIdsOf(byCost.map((o) => o.repeats[0])),
          numbers: {
            traces,
            occurrences: group.length,
            'repeats.median': repeats,
            'repeats.max': worst.repeats.length,
            'loop.median_ms': loopMs,
            'queries.summed_median_ms': totalMs,
            ...(Number.isFinite(share) ? { 'request.share': share } : {}),
          },
        },
        why: {
          'eager-loading': `${repeats} identical queries one after another cost ${ms(loopMs)} per request: fetch the related rows with the parent query (a JOIN) or in one WHERE … = ANY($1) lookup.`,
          'call-batching': `Collect the ${repeats} keys and send them in one round trip (a data loader) instead of ${repeats} round trips.`,
          denormalization: 'If these rows are always read with their parent, keeping the needed columns on the parent removes the second query.',
          caching: `Only if the same rows come back across requests: a cache in front of the lookup saves the ${repeats} round trips for hot keys.`,
        },
        notYet: [`Do not scale the database or add replicas for this: each query is cheap, the ${repeats} round trips per request are the cost, and one batched query removes them.`],
      });
    }
    return findings;
  },
};
