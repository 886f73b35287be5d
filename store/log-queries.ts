// Log queries: newest records, and the records of one trace.
import type Database from 'better-sqlite3';
import type { AttributeValue, LogRecord } from '../common/telemetry.ts';
import { decodeAttributes } from './attribute-decoder.ts';
import type { EntityRegistry } from './entity-registry.ts';
import { bytesToId, idToBytes } from './hex-ids.ts';
import type { StringDictionary } from './string-dictionary.ts';
import { sql, sqlIdentifiers, type SqlText } from './sql-text.ts';

type LogTuple = [
  ts: bigint, time: bigint | null, observed: bigint, severityNumber: bigint, severityText: bigint | null, body: string,
  traceId: Uint8Array | null, spanId: Uint8Array | null, resource: bigint, scope: bigint, flags: bigint, eventName: bigint | null,
  dropped: bigint, attributes: Uint8Array | null,
];

const LOG_COLUMNS = sqlIdentifiers([
  'ts_ns', 'time_ns', 'observed_ns', 'severity_number', 'severity_text', 'body', 'trace_id', 'span_id', 'resource_id', 'scope_id', 'flags',
  'event_name', 'dropped_attributes_count', 'attributes',
]);

export class LogQueries {
  private readonly dict: StringDictionary;
  private readonly entities: EntityRegistry;
  private readonly newest: Database.Statement<[bigint, number], LogTuple>;
  private readonly byTrace: Database.Statement<[Buffer], LogTuple>;
  private readonly inRange: Database.Statement<[bigint, bigint, number], LogTuple>;

  constructor(db: Database.Database, dict: StringDictionary, entities: EntityRegistry) {
    this.dict = dict;
    this.entities = entities;
    const raw = <P extends unknown[]>(text: SqlText) => db.prepare<P, LogTuple>(text).raw(true).safeIntegers(true);
    this.newest = raw(sql`SELECT ${LOG_COLUMNS} FROM logs WHERE ts_ns < ? ORDER BY ts_ns DESC, rowid DESC LIMIT ?`);
    this.byTrace = raw(sql`SELECT ${LOG_COLUMNS} FROM logs WHERE trace_id = ? ORDER BY ts_ns, rowid`);
    this.inRange = raw(sql`SELECT ${LOG_COLUMNS} FROM logs WHERE ts_ns >= ? AND ts_ns < ? ORDER BY ts_ns, rowid LIMIT ?`);
  }

  /** Newest records first (time, or observed time for records without one), optionally before a time. */
  recentLogs(query: { limit: number; beforeUnixNano?: bigint }): LogRecord[] {
    return this.newest.all(query.beforeUnixNano ?? 9_223_372_036_854_775_807n, Math.max(0, Math.floor(query.limit))).map((row) => this.toLog(row));
  }

  /** Records with from ≤ time < to (observed time for records without one), oldest first. */
  logsInRange(fromUnixNano: bigint, toUnixNano: bigint, limit = 1_000_000): LogRecord[] {
    return this.inRange.all(fromUnixNano, toUnixNano, limit).map((row) => this.toLog(row));
  }

  /** Records tied to one trace, oldest first. */
  traceLogs(traceId: string): LogRecord[] {
    return this.byTrace.all(idToBytes(traceId, 16, 'traceId')!).map((row) => this.toLog(row));
  }

  private toLog(row: LogTuple): LogRecord {
    const [ts, time, observed, severityNumber, severityText, body, traceId, spanId, resource, scope, flags, eventName, dropped, attributes] = row;
    return {
      resource: this.entities.resource(Number(resource)),
      scope: this.entities.scope(Number(scope)),
      timeUnixNano: time ?? ts,
      observedTimeUnixNano: observed,
      severityNumber: Number(severityNumber),
      severityText: severityText === null ? '' : this.dict.value(Number(severityText)),
      body: JSON.parse(body) as AttributeValue,
      attributes: decodeAttributes(attributes, this.dict),
      droppedAttributesCount: Number(dropped),
      flags: Number(flags),
      traceId: bytesToId(traceId),
      spanId: bytesToId(spanId),
      eventName: eventName === null ? '' : this.dict.value(Number(eventName)),
    };
  }
}
