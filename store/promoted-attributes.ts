// Span attributes that rules and searches filter on get their own columns ("promoted"), under either their
// current or their older semantic-convention key. When the column holds the exact original value, the attribute
// blob keeps only a reference, so the span still reads back with its original key and value. A statement's column
// holds its normalized form; the blob keeps the literals that rebuild the original (or the original, if they cannot).
import type { AttributeValue } from '../common/telemetry.ts';
import type { PromotedSink } from './attribute-format.ts';
import { normalizeStatementWithLiterals, type NormalizedStatement } from '../common/normalize-statement.ts';
import type { PackDictionary } from './pack-dictionary.ts';
import type { StringDictionary } from './string-dictionary.ts';

type PromotedKind = 'dict' | 'int' | 'statement';

interface PromotedColumn {
  column: string;
  /** Preferred key first. */
  keys: readonly string[];
  kind: PromotedKind;
}

export const PROMOTED_COLUMNS: readonly PromotedColumn[] = [
  { column: 'db_system', keys: ['db.system.name', 'db.system'], kind: 'dict' },
  { column: 'db_namespace', keys: ['db.namespace', 'db.name'], kind: 'dict' },
  { column: 'db_operation', keys: ['db.operation.name', 'db.operation'], kind: 'dict' },
  { column: 'db_statement', keys: ['db.query.text', 'db.statement'], kind: 'statement' },
  { column: 'server_address', keys: ['server.address', 'net.peer.name'], kind: 'dict' },
  { column: 'http_route', keys: ['http.route'], kind: 'dict' },
  { column: 'http_status', keys: ['http.response.status_code', 'http.status_code'], kind: 'int' },
  { column: 'partition_id', keys: ['messaging.destination.partition.id', 'messaging.kafka.destination.partition'], kind: 'dict' },
];

/** Column index (into PROMOTED_COLUMNS) for each promotable key. */
const COLUMN_OF_KEY = new Map<string, number>(PROMOTED_COLUMNS.flatMap((c, index) => c.keys.map((key) => [key, index] as const)));

const STATEMENT_CACHE_LIMIT = 10_000;
/** Statements per window over which the cache's hit rate is judged. */
const STATEMENT_CACHE_WINDOW = 5_000;

/**
 * Fills the promoted column values of one span while the attribute encoder walks its attributes.
 * When two keys map to one column (e.g. db.system.name and db.system), the first one met fills it and the other
 * stays in the blob as an ordinary value.
 */
export class PromotedColumns implements PromotedSink {
  /** One value per PROMOTED_COLUMNS entry; null when the span has none. Valid until the next `reset`. */
  readonly values: (number | null)[] = PROMOTED_COLUMNS.map(() => null);
  private readonly dict: PackDictionary;
  private readonly normalized = new Map<string, NormalizedStatement>();
  private caching = true;
  private cacheHits = 0;
  private cacheMisses = 0;

  constructor(dict: PackDictionary) {
    this.dict = dict;
  }

  reset(): void {
    this.values.fill(null);
  }

  columnOf(key: string): number {
    return COLUMN_OF_KEY.get(key) ?? -1;
  }

  offer(column: number, value: AttributeValue): boolean | readonly string[] {
    if (this.values[column] !== null) return false;
    const kind = PROMOTED_COLUMNS[column].kind;
    if (kind === 'int') {
      if (typeof value === 'number' && Number.isSafeInteger(value) && !Object.is(value, -0)) {
        this.values[column] = value;
        return true;
      }
      if (typeof value === 'string' && /^-?\d{1,15}$/.test(value)) this.values[column] = Number(value);
      return false;
    }
    if (typeof value === 'string') {
      if (kind === 'statement') {
        // The column holds the normalized statement; the blob keeps only the literals that rebuild this one.
        const { normalized, literals } = this.normalize(value);
        this.values[column] = this.dict.ref(normalized);
        if (normalized === value) return true;
        return literals ?? false;
      }
      this.values[column] = this.dict.ref(value);
      return true;
    }
    if (kind === 'dict' && (typeof value === 'number' || typeof value === 'boolean')) this.values[column] = this.dict.ref(String(value));
    return false;
  }

  /**
   * The normalized form of a statement and its literals. Cached while that pays: parameterized statements repeat
   * exactly, but statements with inline literals are all different, and caching those only costs time.
   */
  normalize(statement: string): NormalizedStatement {
    const cached = this.caching ? this.normalized.get(statement) : undefined;
    if (cached !== undefined) {
      this.cacheHits += 1;
      return cached;
    }
    const normalized = normalizeStatementWithLiterals(statement);
    this.cacheMisses += 1;
    if (this.cacheMisses + this.cacheHits >= STATEMENT_CACHE_WINDOW) {
      // Start a new window: caching stays on only if at least a tenth of the last window were hits.
      this.caching = this.cacheHits * 10 >= this.cacheMisses || !this.caching;
      if (!this.caching) this.normalized.clear();
      this.cacheHits = 0;
      this.cacheMisses = 0;
    }
    if (this.caching) {
      if (this.normalized.size >= STATEMENT_CACHE_LIMIT) this.normalized.clear();
      this.normalized.set(statement, normalized);
    }
    return normalized;
  }
}

/** Reads a referenced attribute back from the row's promoted column values (same order as PROMOTED_COLUMNS). */
export function promotedValue(key: string, columns: readonly (number | bigint | null)[], dict: StringDictionary): AttributeValue {
  const index = COLUMN_OF_KEY.get(key);
  const raw = index === undefined ? null : columns[index];
  if (index === undefined || raw === null || raw === undefined) throw new Error(`span row has no promoted value for ${key}`);
  return PROMOTED_COLUMNS[index].kind === 'int' ? Number(raw) : dict.value(Number(raw));
}
