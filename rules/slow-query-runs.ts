// slow-query's first cut, over the columns: which statement group each query row belongs to, and per group how
// many runs (all, recent) fall below the p95 line — enough to tell whether its p95 reaches the line without
// sorting durations or touching span objects. Only the groups that pass are listed, by row.
import { KEY_ATTRIBUTES } from './key-attributes.ts';
import { idPair } from './id-pairs.ts';
import type { EvidenceSpan } from './evidence.ts';
import { NONE, type SpanColumns } from './span-columns.ts';
import { DB_QUERY, DB_SYSTEM, STATEMENT } from './span-facts.ts';

/** The p-th percentile by nearest rank (series-math percentile) of `count` values is the value at this index. */
export function nearestRankIndex(count: number, p: number): number {
  return Math.min(count - 1, Math.max(0, Math.ceil((p / 100) * count) - 1));
}

/**
 * Whether the p-th percentile (nearest rank) of `count` values reaches `line`, knowing only how many of them do
 * not (`below`: values for which `value >= line` is false). Sorted, those come first, so the value at the rank
 * reaches the line exactly when no more than rank of them do not; a NaN line is reached by none.
 */
export function percentileReaches(count: number, below: number, p: number): boolean {
  return count > 0 && below <= nearestRankIndex(count, p);
}

export interface RunsOptions {
  /** Runs that start at or after this (in the columns' time scale) are recent. */
  recentFromNs: number;
  /** The p95 line in ms. */
  p95Ms: number;
  minOccurrences: number;
}

/**
 * Rows of each statement group whose p95 reaches the line over its recent runs or over all of them, groups in the
 * order of their first run. `groupKeyOf(span)` is the rule's grouping (null: not a group member); it is asked of
 * one span per distinct (naming, statement, service, system) — which decide it when the span has a normalized
 * statement — and of every span without one.
 */
export function slowGroupRows(columns: SpanColumns, groupKeyOf: (span: EvidenceSpan) => string | null, options: RunsOptions): number[][] {
  const [queries, statements, keyAttributes, systems] = [DB_QUERY, STATEMENT, KEY_ATTRIBUTES, DB_SYSTEM].map((f) => columns.fact(f));
  const { startNs, endNs, service, spans } = columns;
  const groupIndex = new Map<string, number>();
  const indexOfKey = (key: string | null): number => {
    if (key === null) return -1;
    let index = groupIndex.get(key);
    if (index === undefined) {
      index = groupIndex.size;
      groupIndex.set(key, index);
      runs.push(0);
      recent.push(0);
      below.push(0);
      recentBelow.push(0);
    }
    return index;
  };
  const runs: number[] = [];
  const recent: number[] = [];
  const below: number[] = [];
  const recentBelow: number[] = [];
  const byIds = new Map<number | string, Map<number | string, number>>();
  const groupOfRow = new Int32Array(columns.length).fill(-1);
  for (let row = 0; row < columns.length; row += 1) {
    if (queries[row] === 0) continue;
    let group: number;
    if (statements[row] === NONE) {
      group = indexOfKey(groupKeyOf(spans[row]));
    } else {
      const outer = idPair(keyAttributes[row], statements[row]);
      let inner = byIds.get(outer);
      if (inner === undefined) byIds.set(outer, (inner = new Map<number | string, number>()));
      const id = idPair(service[row], systems[row]);
      let known = inner.get(id);
      if (known === undefined) inner.set(id, (known = indexOfKey(groupKeyOf(spans[row]))));
      group = known;
    }
    if (group < 0) continue;
    groupOfRow[row] = group;
    // spanMs: a span ending before it starts lasts 0.
    const nanos = endNs[row] - startNs[row];
    const isBelow = !((nanos > 0 ? nanos : 0) / 1e6 >= options.p95Ms);
    runs[group] += 1;
    if (isBelow) below[group] += 1;
    if (startNs[row] >= options.recentFromNs) {
      recent[group] += 1;
      if (isBelow) recentBelow[group] += 1;
    }
  }
  const slowEnough = (count: number, countBelow: number) => count >= options.minOccurrences && percentileReaches(count, countBelow, 95);
  const rowsOf: (number[] | null)[] = runs.map((n, g) => (n >= options.minOccurrences && (slowEnough(recent[g], recentBelow[g]) || slowEnough(n, below[g])) ? [] : null));
  for (let row = 0; row < columns.length; row += 1) {
    const group = groupOfRow[row];
    if (group >= 0) rowsOf[group]?.push(row);
  }
  return rowsOf.filter((rows): rows is number[] => rows !== null);
}
