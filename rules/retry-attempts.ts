// Which client calls were retries. Two signals: http.request.resend_count > 0 (set by instrumentations that
// record each attempt as its own span), and sibling client spans under one parent repeating the very same
// request (same method and full URL, or the same raw statement) after the previous attempt failed. Repeats
// that follow successes are fan-out or N+1, not retries.
// The window is walked as columns (span-columns.ts): only calls that could be retries are read as span objects.
import { ATTRIBUTE_MARKS, MARK_RESENT, resendCount } from './attribute-marks.ts';
import { memoizeBySpan } from './span-memo.ts';
import type { Span } from '../common/telemetry.ts';
import type { EvidenceSpan } from './evidence.ts';
import { dbQueryTextOf, stringAttribute } from './span-attributes.ts';
import { NONE, type SpanColumns } from './span-columns.ts';
import { CONNECTION, DESTINATION, FAILED, KIND, KIND_CLIENT } from './span-facts.ts';

export interface RetryChain {
  /** Attempts of one logical call, oldest first. */
  attempts: EvidenceSpan[];
}

export interface DestinationCalls {
  service: string;
  destination: string;
  attempts: EvidenceSpan[];
  /** Attempts that were retries (resend_count > 0, or a repeat after a failed attempt). */
  retries: EvidenceSpan[];
  /** Sibling chains with at least one retry, for the spacing between attempts. */
  chains: RetryChain[];
  /** Most attempts seen for one logical call. */
  maxAttempts: number;
}

/** What makes two sibling calls "the same request" (once per span). */
const requestIdentity = memoizeBySpan((span: Span): string => {
  const method = stringAttribute(span, ['http.request.method', 'http.method']);
  const url = stringAttribute(span, ['url.full', 'http.url']);
  if (method !== undefined || url !== undefined) return `${method ?? ''} ${url ?? span.name}`;
  const rpc = stringAttribute(span, ['rpc.method']);
  if (rpc !== undefined) return `rpc ${stringAttribute(span, ['rpc.service']) ?? ''}/${rpc}`;
  return `${span.name} ${dbQueryTextOf(span) ?? ''}`;
});

/** Rows by start, then end (byStart of span-timing.ts, on the columns). */
function sortByStart(rows: number[], columns: SpanColumns): void {
  const { startNs, endNs } = columns;
  rows.sort((a, b) => startNs[a] - startNs[b] || endNs[a] - endNs[b]);
}

/** Chains (rows) of repeated identical sibling calls in which every attempt but the last failed. */
function chainsUnder(siblings: readonly number[], columns: SpanColumns, failed: Int32Array): number[][] {
  const byIdentity = new Map<string, number[]>();
  for (const row of siblings) {
    const id = requestIdentity(columns.spans[row]);
    const list = byIdentity.get(id);
    if (list === undefined) byIdentity.set(id, [row]);
    else list.push(row);
  }
  const { startNs, endNs } = columns;
  const chains: number[][] = [];
  for (const list of byIdentity.values()) {
    if (list.length < 2) continue;
    sortByStart(list, columns);
    let current = [list[0]];
    for (let i = 1; i < list.length; i += 1) {
      const row = list[i];
      const previous = current[current.length - 1];
      // A repeat counts as a retry only after a failure, and only once the failed attempt was over.
      if (failed[previous] === 1 && startNs[row] >= endNs[previous] - 1_000_000) current.push(row);
      else {
        if (current.length > 1) chains.push(current);
        current = [row];
      }
    }
    if (current.length > 1) chains.push(current);
  }
  return chains;
}

/** A destination group while the window is walked: rows, not spans. */
interface GroupRows {
  service: number;
  destination: number;
  attempts: number[];
  retries: number[];
  chains: number[][];
  maxAttempts: number;
  /** Span ids of `retries`, made when a sibling chain first needs them. */
  counted: Set<string> | null;
}

interface SiblingRows {
  group: GroupRows;
  rows: number[];
}

/**
 * Client calls to one destination under one parent, in the order they first appear: only in traces where a
 * client call failed, since a chain of retries starts with a failed attempt. Parent ids are read from these
 * rows' spans alone.
 */
function siblingLists(columns: SpanColumns, groups: readonly GroupRows[], groupOf: Int32Array, inFailedTrace: Uint8Array): SiblingRows[] {
  const lists = new Map<string, SiblingRows>();
  const { trace, spans, length } = columns;
  for (let row = 0; row < length; row += 1) {
    const g = groupOf[row];
    if (g === NONE || inFailedTrace[trace[row]] === 0) continue;
    const parent = spans[row].parentSpanId;
    if (parent === '') continue;
    const key = `${g}\u0000${trace[row]}\u0000${parent}`;
    const list = lists.get(key);
    if (list === undefined) lists.set(key, { group: groups[g], rows: [row] });
    else list.rows.push(row);
  }
  return [...lists.values()];
}

/** Adds the retries of sibling chains to their groups (a span counted as a resend is not counted twice). */
function addChainRetries(columns: SpanColumns, lists: readonly SiblingRows[], failed: Int32Array): void {
  const { spans } = columns;
  for (const { group, rows } of lists) {
    // Without a failed attempt among the siblings there is no chain.
    if (rows.length < 2 || !rows.some((row) => failed[row] === 1)) continue;
    const chains = chainsUnder(rows, columns, failed);
    if (chains.length === 0) continue;
    const counted = (group.counted ??= new Set(group.retries.map((row) => spans[row].spanId)));
    const added: string[] = [];
    for (const chain of chains) {
      group.chains.push(chain);
      group.maxAttempts = Math.max(group.maxAttempts, chain.length);
      for (let i = 1; i < chain.length; i += 1) {
        const id = spans[chain[i]].spanId;
        if (counted.has(id)) continue;
        group.retries.push(chain[i]);
        added.push(id);
      }
    }
    // Retries found under this parent are known from the next parent on (each list is judged against the
    // retries counted before it).
    for (const id of added) counted.add(id);
  }
}

/**
 * Client calls grouped by calling service and destination, with their retries, in the order the groups first
 * appear; only groups with at least `minRetries` retries are returned (the others cannot be a storm).
 */
export function callsByDestination(columns: SpanColumns, minRetries = 0): DestinationCalls[] {
  const kind = columns.fact(KIND);
  const destination = columns.fact(DESTINATION);
  const connection = columns.fact(CONNECTION);
  const marks = columns.fact(ATTRIBUTE_MARKS);
  const failed = columns.fact(FAILED);
  const { service, trace, spans, length } = columns;
  const groups: GroupRows[] = [];
  const byPair = new Map<number, number>();
  // Every id is below the table's size once the facts are in: a pair of ids makes an exact integer key.
  const size = columns.strings.size;
  const groupOf = new Int32Array(length).fill(NONE);
  const inFailedTrace = new Uint8Array(size);
  let anyFailed = false;
  // Calls alternate between a few destinations: the last two groups found answer most rows without the map.
  let lastKey = -1;
  let lastGroup = NONE;
  let otherKey = -1;
  let otherGroup = NONE;
  for (let row = 0; row < length; row += 1) {
    if (kind[row] !== KIND_CLIENT || destination[row] === NONE || connection[row] === 1) continue;
    const key = service[row] * size + destination[row];
    let g: number;
    if (key === lastKey) g = lastGroup;
    else {
      if (key === otherKey) g = otherGroup;
      else {
        g = byPair.get(key) ?? NONE;
        if (g === NONE) {
          g = groups.length;
          byPair.set(key, g);
          groups.push({ service: service[row], destination: destination[row], attempts: [], retries: [], chains: [], maxAttempts: 1, counted: null });
        }
      }
      otherKey = lastKey;
      otherGroup = lastGroup;
      lastKey = key;
      lastGroup = g;
    }
    groupOf[row] = g;
    if ((marks[row] & MARK_RESENT) !== 0) {
      const group = groups[g];
      group.retries.push(row);
      group.maxAttempts = Math.max(group.maxAttempts, resendCount(spans[row]) + 1);
    }
    if (failed[row] === 1) {
      inFailedTrace[trace[row]] = 1;
      anyFailed = true;
    }
  }
  if (anyFailed) addChainRetries(columns, siblingLists(columns, groups, groupOf, inFailedTrace), failed);
  // Attempts as rows only for the groups that could be a storm.
  const storms = groups.filter((g) => g.retries.length >= minRetries);
  if (storms.length === 0) return [];
  const kept = new Uint8Array(groups.length);
  for (const group of storms) kept[groups.indexOf(group)] = 1;
  for (let row = 0; row < length; row += 1) {
    const g = groupOf[row];
    if (g !== NONE && kept[g] === 1) groups[g].attempts.push(row);
  }
  const spansOf = (rows: readonly number[]): EvidenceSpan[] => rows.map((row) => spans[row]);
  return storms.map((g) => ({
    service: columns.strings.value(g.service),
    destination: columns.strings.value(g.destination),
    attempts: spansOf(g.attempts),
    retries: spansOf(g.retries),
    chains: g.chains.map((chain) => ({ attempts: spansOf(chain) })),
    maxAttempts: g.maxAttempts,
  }));
}
