// Encodes log records into logs rows. ts_ns orders and expires records: the record time, or the observed time
// when the record has none (time 0); time_ns is stored only when it differs from ts_ns.
import type Database from 'better-sqlite3';
import type { LogRecord } from '../common/telemetry.ts';
import type { AttributeEncoder } from './attribute-encoder.ts';
import type { EntityRegistry } from './entity-registry.ts';
import { idToBytes } from './hex-ids.ts';
import { int64 } from './int64.ts';
import type { StringDictionary } from './string-dictionary.ts';

export class LogInserter {
  private readonly insertStmt: Database.Statement<unknown[]>;
  private readonly dict: StringDictionary;
  private readonly entities: EntityRegistry;
  private readonly encoder: AttributeEncoder;

  constructor(db: Database.Database, dict: StringDictionary, entities: EntityRegistry, encoder: AttributeEncoder) {
    this.dict = dict;
    this.entities = entities;
    this.encoder = encoder;
    this.insertStmt = db.prepare(`INSERT INTO logs
      (ts_ns, time_ns, observed_ns, severity_number, severity_text, body, trace_id, span_id, resource_id, scope_id, flags, event_name,
       dropped_attributes_count, attributes)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  }

  insert(log: LogRecord): void {
    const ts = int64(log.timeUnixNano === 0n ? log.observedTimeUnixNano : log.timeUnixNano, 'log time');
    this.insertStmt.run(
      ts,
      log.timeUnixNano === ts ? null : log.timeUnixNano,
      int64(log.observedTimeUnixNano, 'log observed time'),
      log.severityNumber,
      log.severityText === '' ? null : this.dict.id(log.severityText),
      JSON.stringify(log.body),
      idToBytes(log.traceId, 16, 'traceId'),
      idToBytes(log.spanId, 8, 'spanId'),
      this.entities.resourceId(log.resource),
      this.entities.scopeId(log.scope),
      log.flags,
      log.eventName === '' ? null : this.dict.id(log.eventName),
      log.droppedAttributesCount,
      this.encoder.encode(log.attributes),
    );
  }
}
