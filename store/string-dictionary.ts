// The string dictionary: repeated strings (service and span names, attribute keys, low-cardinality values,
// normalized statements) are stored once in `strings` and referenced by small integer ids.
// Ids are assigned here, in memory, so an insert needs no round trip; `reload()` resynchronises after a rollback.
// One writing process per database file is assumed (the cache would not see another writer's strings).
import type Database from 'better-sqlite3';
import type { PackDictionary } from './pack-dictionary.ts';

/** Beyond this many cached strings the cache stops growing and misses go to the database. */
export const MAX_CACHED_STRINGS = 500_000;

export class StringDictionary implements PackDictionary {
  private readonly idsByValue = new Map<string, number>();
  private readonly valuesById = new Map<number, string>();
  /** True while the cache holds every row of `strings`, so a miss means "not in the database". */
  private complete = true;
  private nextId = 1;
  /** Bumped by every reload, so callers holding ids in their own caches know to drop them. */
  generation = 0;
  private readonly insertStmt: Database.Statement<[number, string]>;
  private readonly selectIdStmt: Database.Statement<[string], number>;
  private readonly selectValueStmt: Database.Statement<[number], string>;
  private readonly db: Database.Database;
  /** When set, strings added are remembered until takeAdded() (for a DictionaryMirror in another thread). */
  private added: [number, string][] | null = null;

  constructor(db: Database.Database) {
    this.db = db;
    this.insertStmt = db.prepare('INSERT INTO strings (id, value) VALUES (?, ?)');
    this.selectIdStmt = db.prepare<[string], number>('SELECT id FROM strings WHERE value = ?').pluck();
    this.selectValueStmt = db.prepare<[number], string>('SELECT value FROM strings WHERE id = ?').pluck();
    this.reload();
  }

  /** Re-reads the table: after a rolled-back transaction the ids handed out inside it no longer exist. */
  reload(): void {
    this.idsByValue.clear();
    this.valuesById.clear();
    this.generation += 1;
    // Strings added in the rolled-back transaction are gone; none of them was reported yet.
    if (this.added !== null) this.added = [];
    const total = this.db.prepare<[], number>('SELECT count(*) FROM strings').pluck().get() ?? 0;
    const maxId = this.db.prepare<[], number | null>('SELECT max(id) FROM strings').pluck().get() ?? 0;
    this.nextId = (maxId ?? 0) + 1;
    this.complete = total <= MAX_CACHED_STRINGS;
    if (!this.complete) return;
    const rows = this.db.prepare<[], [number, string]>('SELECT id, value FROM strings').raw().all();
    for (const [id, value] of rows) this.remember(id, value);
  }

  /** Id of `value`, adding it when new. Use for strings that are always dictionary-coded (names, keys). */
  id(value: string): number {
    const cached = this.idsByValue.get(value);
    if (cached !== undefined) return cached;
    return this.lookup(value) ?? this.add(value);
  }

  /** Id of `value` if it is stored, else undefined. */
  lookup(value: string): number | undefined {
    const cached = this.idsByValue.get(value);
    if (cached !== undefined || this.complete) return cached;
    const existing = this.selectIdStmt.get(value);
    if (existing !== undefined) this.remember(existing, value);
    return existing;
  }

  /** Adds a string known not to be stored (check with `lookup` first) and returns its new id. */
  add(value: string): number {
    const id = this.nextId;
    this.insertStmt.run(id, value);
    this.nextId += 1;
    this.remember(id, value);
    this.added?.push([id, value]);
    return id;
  }

  /** PackDictionary: the writer adds at once. */
  request(value: string): number {
    return this.add(value);
  }

  /** PackDictionary: always an id. */
  ref(value: string): number {
    return this.id(value);
  }

  /** Starts remembering added strings, so they can be reported with takeAdded() once committed. */
  trackAdditions(): void {
    this.added ??= [];
  }

  /** The strings added since the last call (call after a commit: they are then stored for good). */
  takeAdded(): [number, string][] {
    const added = this.added ?? [];
    if (this.added !== null) this.added = [];
    return added;
  }

  /** Every cached string, for seeding a mirror (the cache holds them all unless the table is very large). */
  entries(): [number, string][] {
    return [...this.valuesById];
  }

  /** The string for an id read from a row. */
  value(id: number): string {
    const cached = this.valuesById.get(id);
    if (cached !== undefined) return cached;
    const value = this.selectValueStmt.get(id);
    if (value === undefined) throw new Error(`string dictionary has no id ${id}`);
    this.remember(id, value);
    return value;
  }

  private remember(id: number, value: string): void {
    if (this.idsByValue.size >= MAX_CACHED_STRINGS) {
      this.complete = false;
      return;
    }
    this.idsByValue.set(value, id);
    this.valuesById.set(id, value);
  }
}
