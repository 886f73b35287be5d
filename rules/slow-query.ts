// slow_query: one statement shape is slow on its own — its p95 over its recent runs is at or above Sentry's
// slow DB query line — with a few runs behind it, so one outlier does not make a finding. Grouped by service,
// database and normalized statement; severity follows how much of the requests' time the statement takes.
// Transaction control (BEGIN, COMMIT …) is left out: a slow COMMIT says disk or locks, not a query plan.
import type { EvidenceSpan } from './evidence.ts';
import { evidenceTree } from './evidence-tree.ts';
import { isControlVerb, isDbQuerySpan, shapeConfidence, shortStatement, statementOf, statementVerb, type StatementShape } from './db-spans.ts';
import { operationName } from './operation-name.ts';
import type { Rule, RuleFinding } from './rule.ts';
import { percentile, secondsToNanos } from './series-math.ts';
import { shortHash } from './short-hash.ts';
import { slowGroupRows } from './slow-query-runs.ts';
import { dbNamespaceOf, dbSystemOf } from './span-attributes.ts';
import { slowestFirst, spanRefs, traceIdsOf } from './span-refs.ts';
import { nanosToMs, spanNanos } from './span-timing.ts';
import { memoizeBySpan } from './span-memo.ts';
import { entrySpanOf, spanKey, type SpanTree } from './span-tree.ts';

type Thresholds = 'p95Ms' | 'minOccurrences' | 'recentSeconds' | 'minShare' | 'criticalShare';

interface Group {
  service: string;
  database: string | undefined;
  shape: StatementShape;
  verb: string;
  spans: EvidenceSpan[];
}

const spanMs = (span: EvidenceSpan): number => nanosToMs(spanNanos(span));

/** Time in these spans ÷ time of the distinct requests they ran in; NaN when no request is in the window. */
function requestShare(tree: SpanTree, spans: readonly EvidenceSpan[]): { share: number; operation: string | undefined } {
  const requests = new Map<string, EvidenceSpan>();
  let inside = 0;
  for (const span of spans) {
    const request = entrySpanOf(tree, span);
    if (request === span) continue;
    requests.set(spanKey(request), request);
    inside += spanMs(span);
  }
  const total = [...requests.values()].reduce((sum, r) => sum + spanMs(r), 0);
  const first = requests.values().next();
  return { share: total > 0 ? Math.min(1, inside / total) : Number.NaN, operation: first.done === true ? undefined : operationName(first.value) };
}

const ms = (value: number): string => `${value.toFixed(0)} ms`;

/** Which group a span belongs to (null: not a query, or transaction control), worked out once per span. */
const groupFacts = memoizeBySpan((span: EvidenceSpan): Omit<Group, 'spans'> & { key: string } | null => {
  if (!isDbQuerySpan(span)) return null;
  const shape = statementOf(span);
  const verb = statementVerb(span, shape);
  if (isControlVerb(verb)) return null;
  const database = dbNamespaceOf(span) ?? dbSystemOf(span);
  return { key: `${span.resource.serviceName}\u0000${database ?? ''}\u0000${shape.text}`, service: span.resource.serviceName, database, shape, verb };
});

export const slowQuery: Rule<Thresholds> = {
  id: 'slow-query',
  kind: 'slow_query',
  title: 'Slow query',
  needs: { metrics: [], spans: true, description: 'database client spans with db.query.text (or db.statement) and db.namespace' },
  thresholds: {
    p95Ms: { value: 500, source: 'Sentry slow DB query detector: performance.issues.slow_db_query.duration_threshold = 500 ms (1000 ms in older releases); applied to the p95 of a statement shape instead of one span' },
    minOccurrences: { value: 3, source: 'Chokepoint convention: a few runs of the same shape, so a single outlier (a cold cache, a vacuum) is not a finding' },
    recentSeconds: { value: 30, source: 'Product bar: detection within 30 s of onset — the p95 is also taken over the last 30 s so a recent slowdown is not diluted by the fast runs before it' },
    minShare: { value: 0.1, source: 'Chokepoint convention: below 10% of its requests’ time a slow statement is reported as info' },
    criticalShare: { value: 0.5, source: 'Chokepoint convention: critical when the statement takes at least half of the time of the requests that run it' },
  },
  techniques: ['indexing', 'query-optimization', 'caching', 'read-replicas', 'materialized-views'],
  evaluate(evidence, t) {
    const recentFrom = evidence.atUnixNano - secondsToNanos(t.recentSeconds);
    const columns = evidence.columns();
    // Counted over the columns first; only groups whose p95 reaches the line get their spans looked at.
    const slowRows = slowGroupRows(columns, (span) => groupFacts(span)?.key ?? null, { recentFromNs: columns.toNs(recentFrom), p95Ms: t.p95Ms, minOccurrences: t.minOccurrences });
    const groups = slowRows.flatMap((rows): Group[] => {
      const spans = rows.map((row) => columns.spans[row]);
      // The group takes its names from its first span, as it always has.
      const facts = groupFacts(spans[0]);
      return facts === null ? [] : [{ service: facts.service, database: facts.database, shape: facts.shape, verb: facts.verb, spans }];
    });
    const findings: RuleFinding[] = [];
    for (const group of groups) {
      if (group.spans.length < t.minOccurrences) continue;
      const recent = group.spans.filter((s) => s.startTimeUnixNano >= recentFrom);
      const slowEnough = (list: EvidenceSpan[]) => list.length >= t.minOccurrences && percentile(list.map(spanMs), 95) >= t.p95Ms;
      const chosen = slowEnough(recent) ? recent : slowEnough(group.spans) ? group.spans : null;
      if (chosen === null) continue;
      const durations = chosen.map(spanMs);
      const p95 = percentile(durations, 95);
      const p50 = percentile(durations, 50);
      const slow = chosen.filter((s) => spanMs(s) >= t.p95Ms);
      const onset = slow.reduce((min, s) => (s.startTimeUnixNano < min ? s.startTimeUnixNano : min), slow[0].startTimeUnixNano);
      const end = chosen.reduce((max, s) => (s.endTimeUnixNano > max ? s.endTimeUnixNano : max), 0n);
      const { share, operation } = requestShare(evidenceTree(evidence), chosen);
      const severity = !Number.isFinite(share) ? 'warning' : share >= t.criticalShare ? 'critical' : share >= t.minShare ? 'warning' : 'info';
      const earlier = group.spans.filter((s) => s.startTimeUnixNano < onset);
      const statement = shortStatement(group.shape.text, 90);
      const where = group.database === undefined ? '' : ` on ${group.database}`;
      const shareText = Number.isFinite(share) ? `; it is ${Math.round(share * 100)}% of the time of the requests that run it${operation === undefined ? '' : ` (e.g. ${operation})`}` : '';
      const aggregate = /\b(group by|count\(|sum\(|avg\()/i.test(group.shape.text);
      findings.push({
        key: `${group.service}:${group.database ?? ''}:${shortHash(group.shape.text)}`,
        severity,
        score: Math.min(1, 0.4 + 0.4 * (Number.isFinite(share) ? share : 0.4) + 0.2 * Math.min(1, p95 / (4 * t.p95Ms))),
        confidence: shapeConfidence(group.shape) * (group.database === undefined ? 0.9 : 1) * (evidence.spansDropped > 0 ? 0.9 : 1),
        title: `Slow query${where}: ${shortStatement(group.shape.text, 60)}`,
        summary: `"${statement}"${where} took ${ms(p95)} at p95 (median ${ms(p50)}, slowest ${ms(Math.max(...durations))}) over ${chosen.length} runs${shareText}.`,
        service: group.service,
        ...(group.database === undefined ? {} : { resource: group.database }),
        onsetUnixNano: onset,
        endUnixNano: end,
        evidence: {
          series: [],
          spans: spanRefs(slowestFirst(chosen)),
          traceIds: traceIdsOf(slowestFirst(chosen)),
          numbers: { runs: chosen.length, 'duration.p50_ms': p50, 'duration.p95_ms': p95, 'duration.max_ms': Math.max(...durations), 'runs.slow': slow.length, ...(Number.isFinite(share) ? { 'request.share': share } : {}) },
          ...(earlier.length >= t.minOccurrences ? { comparison: [{ label: `p95 of this statement before and after ${ms(t.p95Ms)} runs began`, before: percentile(earlier.map(spanMs), 95), after: p95, unit: 'ms' }] } : {}),
        },
        why: {
          indexing: `It takes ${ms(p95)} at p95 over ${chosen.length} runs: EXPLAIN ANALYZE it and add the index its WHERE or JOIN is missing if the plan scans a whole table.`,
          'query-optimization': 'Make it read fewer rows: select only the needed columns, keep functions off indexed columns, paginate large reads.',
          caching: `If its result may be a little stale, a cache saves the ${ms(p95)} on every hit.`,
          'read-replicas': group.verb === 'SELECT' ? 'A read like this can run on a replica so it no longer competes with writes on the primary.' : 'Not a read: replicas will not take it.',
          'materialized-views': aggregate ? 'It aggregates: a materialized view refreshed on a schedule serves the totals without recomputing them.' : 'Only if it computes aggregates that can be precomputed.',
        },
        notYet: ['Do not add replicas or a bigger database before reading the plan: a missing index is the usual cause and the cheapest fix.'],
      });
    }
    return findings;
  },
};
