// Which database executions followed a cache miss: in the same trace, a cache read (GET…) finished just
// before the query started, then a cache write of the same key came after it (cache-aside: get → miss →
// compute → set), or a span says so outright (an attribute like shop.cache.hit = false).
// Works on the span columns: what each span says about the cache is a per-span fact (CACHE_SIGNAL), and only
// the traces that hold such spans are indexed, so asking about a query outside them is one typed-array read.
import { cacheCommandOf } from './cache-commands.ts';
import type { EvidenceSpan } from './evidence.ts';
import { defineFact, NONE, type SpanColumns, type StringIds } from './span-columns.ts';

const HIT_ATTRIBUTE = /(^|[._])cache[._]hit$/i;
/** How long after the cache read the query may start and still be its fallback. */
const MAX_GAP_NS = 1_000_000_000;
/** Start times are cut to whole milliseconds by the JS SDK: allow that much overlap. */
const SLACK_NS = 1_000_000;

const READ = 0;
const WRITE = 1;
const OTHER = 2;
/** CACHE_SIGNAL of a span that is no cache call but marks a cache miss. */
const MARKED_MISS = -2;

/**
 * What a span says about the cache, reading the span once: its cache command when it is a cache call, else
 * whether it marks a miss. Only spans that name a database system can be cache calls, so the attribute walk that
 * looks for a miss marker also tells which spans need the (memoized) cache-command check.
 */
function signalOf(span: EvidenceSpan, strings: StringIds): number {
  const attributes = span.attributes;
  let namesSystem = false;
  let marksMiss = false;
  for (const name in attributes) {
    if (name === 'db.system.name' || name === 'db.system') namesSystem = true;
    const value = attributes[name];
    if ((value === false || value === 'false' || value === 'miss') && HIT_ATTRIBUTE.test(name)) marksMiss = true;
  }
  const command = namesSystem ? cacheCommandOf(span) : null;
  if (command === null) return marksMiss ? MARKED_MISS : NONE;
  const kind = command.kind === 'read' ? READ : command.kind === 'write' ? WRITE : OTHER;
  return 3 * (strings.idOrNone(command.key) + 1) + kind;
}

/**
 * What a span says about the cache: NONE; MARKED_MISS; or for a cache command 3 × (key id + 1) + its kind
 * (READ, WRITE, OTHER; key id NONE when the key was not recorded).
 */
export const CACHE_SIGNAL = defineFact({ name: 'cache-signal', compute: signalOf });

const kindOf = (signal: number): number => signal % 3;
const keyOf = (signal: number): number => Math.floor(signal / 3) - 1;

/** A cache miss as one number: ((key id + 1) << 1) | refilled; NO_MISS when there was none. */
export const NO_MISS = -1;
/** The key that missed (a string id), NONE when the instrumentation records no keys. */
export const missKey = (miss: number): number => (miss >> 1) - 1;
/** A write of the same key (or of some key, when keys are not recorded) followed the query. */
export const missRefilled = (miss: number): boolean => (miss & 1) === 1;

/** The cache activity of every trace, indexed once per evaluation (most spans are not cache calls). */
export class CacheActivity {
  /** Per trace id, its slot + 1 (0: the trace has no cache activity): no map lookup per query. */
  private readonly slotOf: Int32Array;
  /** Rows of slot i's cache commands and miss markers, in row order: rows[from[i]] … rows[from[i + 1] - 1]. */
  private readonly from: Int32Array;
  private readonly rows: Int32Array;
  private readonly signal: Int32Array;

  constructor(private readonly columns: SpanColumns) {
    const signal = (this.signal = columns.fact(CACHE_SIGNAL));
    const trace = columns.trace;
    const slotOf = (this.slotOf = new Int32Array(columns.strings.size));
    // Typed arrays rather than an object per trace: one counting pass, then one filling pass.
    const sizes: number[] = [];
    for (let row = 0; row < signal.length; row += 1) {
      if (signal[row] === NONE) continue;
      if (slotOf[trace[row]] === 0) slotOf[trace[row]] = sizes.push(0);
      sizes[slotOf[trace[row]] - 1] += 1;
    }
    const from = (this.from = new Int32Array(sizes.length + 1));
    for (let i = 0; i < sizes.length; i += 1) from[i + 1] = from[i] + sizes[i];
    const rows = (this.rows = new Int32Array(from[sizes.length]));
    const filled = from.slice(0, sizes.length);
    for (let row = 0; row < signal.length; row += 1) if (signal[row] !== NONE) rows[filled[slotOf[trace[row]] - 1]++] = row;
  }

  /** The rows (of `rows`, in that order) whose query followed a cache miss, and that miss for each. */
  missedAmong(rows: Int32Array): { rows: Int32Array; misses: number[] } {
    const missed: number[] = [];
    const misses: number[] = [];
    const { slotOf } = this;
    const trace = this.columns.trace;
    for (let i = 0; i < rows.length; i += 1) {
      // Most queries run in traces without cache activity: one typed-array read rules them out.
      if (slotOf[trace[rows[i]]] === 0) continue;
      const miss = this.missBefore(rows[i]);
      if (miss === NO_MISS) continue;
      missed.push(rows[i]);
      misses.push(miss);
    }
    return { rows: Int32Array.from(missed), misses };
  }

  /** The cache miss that led to the query in `row` (see missKey, missRefilled), or NO_MISS when its trace shows none. */
  missBefore(row: number): number {
    const slot = this.slotOf[this.columns.trace[row]] - 1;
    if (slot === -1) return NO_MISS;
    const { service, startNs, endNs } = this.columns;
    const { signal, rows } = this;
    const first = this.from[slot];
    const end = this.from[slot + 1];
    const who = service[row];
    const start = startNs[row];
    let read = -1;
    let marked = false;
    for (let i = first; i < end; i += 1) {
      const other = rows[i];
      if (service[other] !== who) continue;
      if (signal[other] === MARKED_MISS) {
        marked = true;
        continue;
      }
      if (kindOf(signal[other]) !== READ || endNs[other] > start + SLACK_NS || start - endNs[other] > MAX_GAP_NS) continue;
      // The latest read before the query (the first of equal starts).
      if (read === -1 || startNs[other] > startNs[read]) read = other;
    }
    if (read === -1 && !marked) return NO_MISS;
    const key = read === -1 ? NONE : keyOf(signal[read]);
    const queryEnd = endNs[row];
    let refilled = false;
    for (let i = first; i < end && !refilled; i += 1) {
      const other = rows[i];
      if (signal[other] === MARKED_MISS || kindOf(signal[other]) !== WRITE || service[other] !== who || startNs[other] + SLACK_NS < queryEnd) continue;
      refilled = key === NONE || keyOf(signal[other]) === key;
    }
    // A read with neither a refill nor a miss marker may have been a hit followed by an unrelated query.
    if (!refilled && !marked) return NO_MISS;
    return ((key + 1) << 1) | (refilled ? 1 : 0);
  }
}
