// Encodes attribute maps into the binary format of attribute-format.ts.
import type { AttributeValue, Attributes } from '../common/telemetry.ts';
import { MAX_DICTIONARY_STRING, NEW_KEYS_PER_PROCESS, NEW_VALUES_PER_KEY, TAG, type PromotedSink } from './attribute-format.ts';
import { ByteWriter } from './byte-writer.ts';
import { PENDING, type PackDictionary } from './pack-dictionary.ts';

/** What the encoder remembers per attribute key: one Map lookup per attribute gives all of it. */
interface KeyInfo {
  /** Entry header for a dictionary key (id * 2), or -1 when the key is written inline. */
  header: number;
  /** Promoted column index, or -1. */
  column: number;
  /** New dictionary values this key has asked for in this process (kept across cache resets). */
  newValues: { count: number };
}

/** Encodes attribute maps into a reusable buffer. Not re-entrant: bind or copy the result before the next call. */
export class AttributeEncoder {
  private readonly out = new ByteWriter(64 * 1024);
  private readonly dict: PackDictionary;
  private readonly keys = new Map<string, KeyInfo>();
  private readonly newValueCounts = new Map<string, { count: number }>();
  private generation: number;
  private newKeys = 0;
  private readonly promotedSink: PromotedSink | undefined;

  constructor(dict: PackDictionary, promotedSink?: PromotedSink) {
    this.dict = dict;
    this.generation = dict.generation;
    this.promotedSink = promotedSink;
  }

  /**
   * Encodes `attributes`. With `promote`, keys of promoted columns are offered to the sink and written as
   * references when it takes them. Returns null for an empty map; the view is valid until the next call.
   */
  encode(attributes: Attributes, promote = false): Buffer | null {
    if (this.generation !== this.dict.generation) {
      // The dictionary was reloaded (rollback: ids cached here may no longer exist) or learned new ids.
      this.keys.clear();
      this.generation = this.dict.generation;
    }
    const out = this.out;
    out.reset();
    const sink = promote ? this.promotedSink : undefined;
    for (const key in attributes) {
      const value = attributes[key];
      const info = this.keys.get(key) ?? this.keyInfo(key);
      if (info.header >= 0) {
        out.varint(info.header);
      } else {
        out.byte(1);
        out.string(key);
      }
      const promoted = sink !== undefined && info.column >= 0 ? sink.offer(info.column, value) : false;
      if (promoted === true) {
        out.byte(TAG.promoted);
      } else if (promoted !== false) {
        out.byte(TAG.promotedTemplate);
        out.varint(promoted.length);
        for (const literal of promoted) out.string(literal);
      } else if (typeof value === 'string' && info.header >= 0 && value.length <= MAX_DICTIONARY_STRING) {
        this.writeDictionaryString(info, value);
      } else {
        this.writeValue(value);
      }
    }
    return out.view();
  }

  private writeDictionaryString(info: KeyInfo, value: string): void {
    let valueId = this.dict.lookup(value);
    if (valueId === undefined && info.newValues.count < NEW_VALUES_PER_KEY) {
      const asked = this.dict.request(value);
      if (asked !== PENDING) info.newValues.count += 1;
      if (asked > 0) valueId = asked;
    }
    if (valueId === undefined) {
      this.out.byte(TAG.string);
      this.out.string(value);
    } else {
      this.out.byte(TAG.dictString);
      this.out.varint(valueId);
    }
  }

  private keyInfo(key: string): KeyInfo {
    let id = this.dict.lookup(key);
    if (id === undefined && key.length <= MAX_DICTIONARY_STRING && this.newKeys < NEW_KEYS_PER_PROCESS) {
      const asked = this.dict.request(key);
      if (asked !== PENDING) this.newKeys += 1;
      if (asked > 0) id = asked;
    }
    let newValues = this.newValueCounts.get(key);
    if (newValues === undefined) {
      newValues = { count: 0 };
      if (this.newValueCounts.size < NEW_KEYS_PER_PROCESS * 2) this.newValueCounts.set(key, newValues);
    }
    const info: KeyInfo = { header: id === undefined ? -1 : id * 2, column: this.promotedSink?.columnOf(key) ?? -1, newValues };
    if (this.keys.size < NEW_KEYS_PER_PROCESS * 2) this.keys.set(key, info);
    return info;
  }

  private writeValue(value: AttributeValue): void {
    const out = this.out;
    if (value === null) {
      out.byte(TAG.null);
    } else if (typeof value === 'boolean') {
      out.byte(value ? TAG.true : TAG.false);
    } else if (typeof value === 'number') {
      if ((value | 0) === value && !Object.is(value, -0)) {
        out.byte(TAG.int);
        out.signedVarint(value);
      } else {
        out.byte(TAG.float);
        out.double(value);
      }
    } else if (typeof value === 'string') {
      out.byte(TAG.string);
      out.string(value);
    } else if (Array.isArray(value)) {
      out.byte(TAG.array);
      out.varint(value.length);
      for (const item of value) this.writeValue(item);
    } else {
      const keys = Object.keys(value);
      out.byte(TAG.map);
      out.varint(keys.length);
      for (const key of keys) {
        out.string(key);
        this.writeValue(value[key]);
      }
    }
  }
}
