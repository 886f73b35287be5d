// The expensive operations a herd repeats: a statement on a database, or one method on one HTTP destination,
// per service. Grouped from the shared span facts (span-facts.ts: query or call, statement, database system,
// call target), so finding them is a scan of integer columns other rules fill too, not a walk of span objects.
import { callTarget } from './outbound-calls.ts';
import { NONE, type SpanColumns } from './span-columns.ts';
import { CALL_TARGET, DB_QUERY, DB_SYSTEM, OUTBOUND_CALL, STATEMENT } from './span-facts.ts';
import { sortByStart, type TimedRows } from './trace-bursts.ts';

/** One operation and the rows of its spans, sorted by start. */
export interface Operation extends TimedRows {
  service: string;
  /** "postgresql", or "http" for calls to another service. */
  system: string;
  label: string;
}

/** Rows with one service, database system (NONE for calls) and statement or call target. */
interface Group {
  service: number;
  system: number;
  name: number;
  call: boolean;
  rows: Int32Array;
}

/** The groups of rows, in the order each first appears. */
function groupRows(columns: SpanColumns): Group[] {
  const query = columns.fact(DB_QUERY);
  const statement = columns.fact(STATEMENT);
  const system = columns.fact(DB_SYSTEM);
  const outbound = columns.fact(OUTBOUND_CALL);
  const target = columns.fact(CALL_TARGET);
  const groups: Group[] = [];
  const sizes: number[] = [];
  // Each row's group + 1 (0: none), then the rows counted into one array per group: no list grows per row.
  const groupOf = new Int32Array(columns.length);
  // The first group seen with each name (+ 1), and every group of a name that several services or databases run.
  const firstOfName = new Int32Array(columns.strings.size);
  const sharedNames = new Map<number, number[]>();
  const matches = (group: Group, service: number, db: number, call: boolean) => group.service === service && group.system === db && group.call === call;
  for (let row = 0; row < columns.length; row += 1) {
    const call = statement[row] === NONE || query[row] === 0;
    if (call && outbound[row] === 0) continue;
    const name = call ? target[row] : statement[row];
    const db = call ? NONE : system[row];
    const service = columns.service[row];
    let group = firstOfName[name] - 1;
    if (group === -1) firstOfName[name] = (group = groups.length) + 1;
    else if (!matches(groups[group], service, db, call)) {
      let same = sharedNames.get(name);
      if (same === undefined) sharedNames.set(name, (same = [group]));
      group = -1;
      for (const known of same) if (matches(groups[known], service, db, call)) group = known;
      if (group === -1) same.push((group = groups.length));
    }
    if (group === groups.length) {
      groups.push({ service, system: db, name, call, rows: new Int32Array(0) });
      sizes.push(0);
    }
    groupOf[row] = group + 1;
    sizes[group] += 1;
  }
  for (let i = 0; i < groups.length; i += 1) groups[i].rows = new Int32Array(sizes[i]);
  const filled = new Int32Array(groups.length);
  for (let row = 0; row < columns.length; row += 1) {
    const group = groupOf[row] - 1;
    if (group >= 0) groups[group].rows[filled[group]++] = row;
  }
  return groups;
}

/**
 * The operations of the window, in the order each first appears, that ran at least `minRows` times (fewer
 * rows cannot hold a burst of that many traces).
 */
export function operations(columns: SpanColumns, minRows: number): Operation[] {
  const { strings } = columns;
  const found = new Map<string, { service: string; system: string; label: string; first: number; rows: ArrayLike<number>[] }>();
  const add = (service: string, system: string, label: string, rows: ArrayLike<number>): void => {
    // Operations are told apart by their text, as findings name them: groups that read the same are one.
    const id = `${service}\u0000${system}\u0000${label}`;
    const known = found.get(id);
    if (known === undefined) found.set(id, { service, system, label, first: rows[0], rows: [rows] });
    else {
      known.first = Math.min(known.first, rows[0]);
      known.rows.push(rows);
    }
  };
  for (const group of groupRows(columns)) {
    const service = strings.value(group.service);
    const name = strings.value(group.name);
    if (!group.call) add(service, group.system === NONE ? 'database' : strings.value(group.system), name, group.rows);
    // An HTTP call's key is "http " and its label.
    else if (name.startsWith('http ')) add(service, 'http', name.slice(5), group.rows);
    else {
      // Any other key ("rpc <system> <label>") is not read back: each span's label as the call target says it.
      const byLabel = new Map<string, number[]>();
      for (const row of group.rows) {
        const label = callTarget(columns.spans[row]).label;
        const rows = byLabel.get(label);
        if (rows === undefined) byLabel.set(label, [row]);
        else rows.push(row);
      }
      for (const [label, rows] of byLabel) add(service, 'http', label, rows);
    }
  }
  const result: Operation[] = [];
  // In the order each operation first appears (a split or merged group may start before one seen earlier).
  for (const { service, system, label, rows: parts } of [...found.values()].sort((a, b) => a.first - b.first)) {
    const rows = parts.length === 1 && parts[0] instanceof Int32Array ? parts[0] : Int32Array.from(parts.flatMap((part) => Array.from(part)));
    if (rows.length < minRows) continue;
    // Merged groups are out of row order; sortByStart puts them in start order, row order on ties.
    result.push({ service, system, label, rows: sortByStart(rows, columns.startNs), startNs: columns.startNs, trace: columns.trace });
  }
  return result;
}
