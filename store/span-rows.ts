// Decoding span rows back into API rows (SpanRow, SpanDetail) and lossless domain spans.
import type { SpanDetail, SpanRow } from '../common/api-contract.ts';
import type { Attributes, Span } from '../common/telemetry.ts';
import { decodeAttributes } from './attribute-decoder.ts';
import { SPAN_KINDS, STATUS_CODES, valueOf } from './enum-codes.ts';
import type { EntityRegistry } from './entity-registry.ts';
import { bytesToId } from './hex-ids.ts';
import { PROMOTED_COLUMNS, promotedValue } from './promoted-attributes.ts';
import { decodeSpanExtra, type SpanExtra } from './span-extra-codec.ts';
import type { StringDictionary } from './string-dictionary.ts';
import { sqlIdentifiers } from './sql-text.ts';

/** Columns selected for a span row, in the order of the SpanRowTuple indexes below. */
export const SPAN_SELECT_COLUMNS = sqlIdentifiers([
  'rowid', 'trace_id', 'span_id', 'parent_span_id', 'service', 'name', 'kind', 'start_ns', 'duration_ns', 'status_code',
  'status_message', 'resource_id', 'scope_id', 'flags', 'trace_state',
  ...PROMOTED_COLUMNS.map((c) => c.column),
  'attributes', 'extra',
]);

/** The leading columns of SPAN_SELECT_COLUMNS, enough for toSpanRow (a trace's outline reads only these). */
export const SPAN_OUTLINE_COLUMNS = sqlIdentifiers([
  'rowid', 'trace_id', 'span_id', 'parent_span_id', 'service', 'name', 'kind', 'start_ns', 'duration_ns', 'status_code', 'status_message',
]);

/** A raw row (statement in raw + safeIntegers mode). */
export type SpanRowTuple = unknown[];

const PROMOTED_START = 15;
const ATTRIBUTES_INDEX = PROMOTED_START + PROMOTED_COLUMNS.length;
const EXTRA_INDEX = ATTRIBUTES_INDEX + 1;

/** A stored span plus what the store derived from it. */
export interface StoredSpan extends Span {
  /** The normalized form of db.query.text / db.statement, when the span has one. */
  normalizedStatement: string | null;
}

const n = (value: unknown): number => Number(value);
const str = (value: unknown): string => (value === null ? '' : (value as string));
const bytes = (value: unknown): Uint8Array | null => value as Uint8Array | null;

export class SpanRowDecoder {
  private readonly dict: StringDictionary;
  private readonly entities: EntityRegistry;

  constructor(dict: StringDictionary, entities: EntityRegistry) {
    this.dict = dict;
    this.entities = entities;
  }

  rowid(row: SpanRowTuple): bigint {
    return row[0] as bigint;
  }

  toSpanRow(row: SpanRowTuple): SpanRow {
    return {
      traceId: bytesToId(bytes(row[1])),
      spanId: bytesToId(bytes(row[2])),
      parentSpanId: bytesToId(bytes(row[3])),
      serviceName: this.dict.value(n(row[4])),
      name: this.dict.value(n(row[5])),
      kind: valueOf(SPAN_KINDS, row[6] as bigint),
      startTimeUnixNano: (row[7] as bigint).toString(),
      durationNano: (row[8] as bigint).toString(),
      statusCode: valueOf(STATUS_CODES, row[9] as bigint),
      statusMessage: str(row[10]),
    };
  }

  toSpanDetail(row: SpanRowTuple): SpanDetail {
    const extra = this.extra(row);
    return {
      ...this.toSpanRow(row),
      attributes: this.attributes(row),
      resourceAttributes: this.entities.resource(n(row[11])).attributes,
      events: extra.events.map((e) => ({ timeUnixNano: e.timeUnixNano.toString(), name: e.name, attributes: e.attributes })),
    };
  }

  toSpan(row: SpanRowTuple): StoredSpan {
    const extra = this.extra(row);
    const start = row[7] as bigint;
    const statementId = row[PROMOTED_START + PROMOTED_COLUMNS.findIndex((c) => c.column === 'db_statement')];
    return {
      resource: this.entities.resource(n(row[11])),
      scope: this.entities.scope(n(row[12])),
      traceId: bytesToId(bytes(row[1])),
      spanId: bytesToId(bytes(row[2])),
      parentSpanId: bytesToId(bytes(row[3])),
      traceState: str(row[14]),
      flags: n(row[13]),
      name: this.dict.value(n(row[5])),
      kind: valueOf(SPAN_KINDS, row[6] as bigint),
      startTimeUnixNano: start,
      endTimeUnixNano: start + (row[8] as bigint),
      attributes: this.attributes(row),
      droppedAttributesCount: extra.droppedAttributesCount,
      events: extra.events,
      droppedEventsCount: extra.droppedEventsCount,
      links: extra.links,
      droppedLinksCount: extra.droppedLinksCount,
      statusCode: valueOf(STATUS_CODES, row[9] as bigint),
      statusMessage: str(row[10]),
      normalizedStatement: statementId === null || statementId === undefined ? null : this.dict.value(n(statementId)),
    };
  }

  private attributes(row: SpanRowTuple): Attributes {
    const promoted = row.slice(PROMOTED_START, ATTRIBUTES_INDEX) as (bigint | null)[];
    return decodeAttributes(bytes(row[ATTRIBUTES_INDEX]), this.dict, (key) => promotedValue(key, promoted, this.dict));
  }

  private extra(row: SpanRowTuple): SpanExtra {
    return decodeSpanExtra(bytes(row[EXTRA_INDEX]), row[7] as bigint, this.dict);
  }
}
