// Findings produced by the rules: stored by id; detecting the same finding again updates it in place.
import type Database from 'better-sqlite3';

export interface StoredFinding {
  id: string;
  kind: string;
  ruleId: string;
  severity: string;
  score: number;
  title: string;
  summary: string;
  firstSeenUnixNano: bigint;
  lastSeenUnixNano: bigint;
  /** Any JSON-serializable evidence. */
  payload: unknown;
}

export interface FindingQuery {
  limit?: number;
  kind?: string;
  /** Only findings seen at or after this time. */
  seenSinceUnixNano?: bigint;
}

type FindingTuple = [string, string, string, string, number, string, string, bigint, bigint, string];

export class FindingStore {
  private readonly upsert: Database.Statement<[string, string, string, string, number, string, string, bigint, bigint, string]>;
  private readonly list: Database.Statement<[bigint, bigint, string, number], FindingTuple>;
  private readonly db: Database.Database;

  constructor(db: Database.Database) {
    this.db = db;
    this.upsert = db.prepare(`
      INSERT INTO findings (id, kind, rule_id, severity, score, title, summary, first_seen_ns, last_seen_ns, payload)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET
        kind = excluded.kind, rule_id = excluded.rule_id, severity = excluded.severity, score = excluded.score,
        title = excluded.title, summary = excluded.summary, payload = excluded.payload,
        first_seen_ns = min(first_seen_ns, excluded.first_seen_ns),
        last_seen_ns = max(last_seen_ns, excluded.last_seen_ns)`);
    this.list = db
      .prepare<[bigint, bigint, string, number], FindingTuple>(
        `SELECT id, kind, rule_id, severity, score, title, summary, first_seen_ns, last_seen_ns, payload FROM findings
         WHERE last_seen_ns >= ? AND (? OR kind = ?) ORDER BY last_seen_ns DESC, id LIMIT ?`,
      )
      .raw(true)
      .safeIntegers(true);
  }

  /** Inserts new findings and updates known ones (first seen stays the earliest, last seen the latest). */
  upsertFindings(findings: readonly StoredFinding[]): void {
    this.db.transaction(() => {
      for (const f of findings) {
        this.upsert.run(f.id, f.kind, f.ruleId, f.severity, f.score, f.title, f.summary, f.firstSeenUnixNano, f.lastSeenUnixNano, JSON.stringify(f.payload ?? null));
      }
    })();
  }

  /** Most recently seen first. */
  listFindings(query: FindingQuery = {}): StoredFinding[] {
    const rows = this.list.all(query.seenSinceUnixNano ?? -9_223_372_036_854_775_808n, query.kind === undefined ? 1n : 0n, query.kind ?? '', query.limit ?? 1000);
    return rows.map(([id, kind, ruleId, severity, score, title, summary, first, last, payload]) => ({
      id,
      kind,
      ruleId,
      severity,
      score: Number(score),
      title,
      summary,
      firstSeenUnixNano: first,
      lastSeenUnixNano: last,
      payload: JSON.parse(payload) as unknown,
    }));
  }
}
