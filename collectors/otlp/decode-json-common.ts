// OTLP/JSON decoders for common/v1 (AnyValue, KeyValue, InstrumentationScope) and resource/v1.
// Field names: lowerCamelCase as the spec sends them, and the proto snake_case names as receivers
// are asked to accept. Unknown keys are ignored.

import { DecodeFailure } from './decode-failure.ts';
import {
  readArray,
  readBase64,
  readBool,
  readDouble,
  readInt64,
  readObject,
  readString,
  readUint32,
} from './json-values.ts';
import type { JsonObject } from './json-values.ts';
import { MAX_ANY_VALUE_DEPTH } from './wire-types.ts';
import type { WireAnyValue, WireKeyValue, WireResource, WireScope } from './wire-types.ts';

const EMPTY: WireAnyValue = { kind: 'empty' };

/** AnyValue: exactly one of stringValue, boolValue, intValue, doubleValue, arrayValue, kvlistValue, bytesValue. */
export function decodeAnyValue(obj: JsonObject, depth: number): WireAnyValue {
  if (depth > MAX_ANY_VALUE_DEPTH) {
    throw new DecodeFailure(`AnyValue nested deeper than ${MAX_ANY_VALUE_DEPTH} levels`);
  }
  let result: WireAnyValue = EMPTY;
  let found = '';
  for (const key in obj) {
    const v = obj[key];
    if (v === null) continue; // null = not set
    let next: WireAnyValue;
    switch (key) {
      case 'stringValue':
      case 'string_value':
        next = { kind: 'string', value: readString(v, 'stringValue') };
        break;
      case 'boolValue':
      case 'bool_value':
        next = { kind: 'bool', value: readBool(v, 'boolValue') };
        break;
      case 'intValue':
      case 'int_value':
        next = { kind: 'int', value: readInt64(v, 'intValue') };
        break;
      case 'doubleValue':
      case 'double_value':
        next = { kind: 'double', value: readDouble(v, 'doubleValue') };
        break;
      case 'bytesValue':
      case 'bytes_value':
        next = { kind: 'bytes', value: readBase64(v, 'bytesValue') };
        break;
      case 'arrayValue':
      case 'array_value':
        next = {
          kind: 'array',
          values: readObject(v, 'arrayValue', (a) =>
            readArray(a.values, 'values', (item) => decodeAnyValue(item, depth + 1)),
          ),
        };
        break;
      case 'kvlistValue':
      case 'kvlist_value':
        next = {
          kind: 'kvlist',
          values: readObject(v, 'kvlistValue', (l) => decodeKeyValues(l.values, 'values', depth + 1)),
        };
        break;
      default:
        continue;
    }
    if (found !== '') throw new DecodeFailure(`AnyValue sets both ${found} and ${key}; a oneof allows one`);
    found = key;
    result = next;
  }
  return result;
}

function decodeKeyValue(obj: JsonObject, depth: number): WireKeyValue {
  let key = '';
  let value: WireAnyValue = EMPTY;
  for (const k in obj) {
    const v = obj[k];
    if (k === 'key') key = readString(v, 'key');
    else if (k === 'value' && v !== null) value = readObject(v, 'value', (o) => decodeAnyValue(o, depth));
  }
  return { key, value };
}

/** A repeated KeyValue field (attributes, filteredAttributes, metadata, kvlist values). */
export function decodeKeyValues(value: unknown, name: string, depth = 1): WireKeyValue[] {
  return readArray(value, name, (obj) => decodeKeyValue(obj, depth));
}

/** A top-level AnyValue field such as a log body (absent/null → empty). */
export function decodeAnyValueField(value: unknown, name: string): WireAnyValue {
  if (value === null || value === undefined) return EMPTY;
  return readObject(value, name, (obj) => decodeAnyValue(obj, 1));
}

/** Resource: attributes, droppedAttributesCount. */
export function decodeResource(value: unknown): WireResource {
  const resource: WireResource = { attributes: [], droppedAttributesCount: 0 };
  if (value === null || value === undefined) return resource;
  return readObject(value, 'resource', (obj) => {
    for (const key in obj) {
      const v = obj[key];
      if (key === 'attributes') resource.attributes = decodeKeyValues(v, 'attributes');
      else if (key === 'droppedAttributesCount' || key === 'dropped_attributes_count') {
        resource.droppedAttributesCount = readUint32(v, 'droppedAttributesCount');
      }
    }
    return resource;
  });
}

/** InstrumentationScope: name, version, attributes, droppedAttributesCount. */
export function decodeScope(value: unknown): WireScope {
  const scope: WireScope = { name: '', version: '', attributes: [], droppedAttributesCount: 0 };
  if (value === null || value === undefined) return scope;
  return readObject(value, 'scope', (obj) => {
    for (const key in obj) {
      const v = obj[key];
      switch (key) {
        case 'name':
          scope.name = readString(v, 'name');
          break;
        case 'version':
          scope.version = readString(v, 'version');
          break;
        case 'attributes':
          scope.attributes = decodeKeyValues(v, 'attributes');
          break;
        case 'droppedAttributesCount':
        case 'dropped_attributes_count':
          scope.droppedAttributesCount = readUint32(v, 'droppedAttributesCount');
          break;
      }
    }
    return scope;
  });
}
