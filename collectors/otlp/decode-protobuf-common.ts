// Protobuf decoders for opentelemetry/proto/common/v1/common.proto and resource/v1/resource.proto.

import { DecodeFailure } from './decode-failure.ts';
import type { MessageDecoder, ProtoReader } from './proto-reader.ts';
import { MAX_ANY_VALUE_DEPTH } from './wire-types.ts';
import type { WireAnyValue, WireKeyValue, WireResource, WireScope } from './wire-types.ts';

const EMPTY: WireAnyValue = { kind: 'empty' };

/** common.v1.AnyValue — a oneof; when several members are present the last one wins (protobuf rule). */
export function decodeAnyValue(r: ProtoReader, end: number): WireAnyValue {
  if (++r.anyValueDepth > MAX_ANY_VALUE_DEPTH) {
    throw new DecodeFailure(`AnyValue nested deeper than ${MAX_ANY_VALUE_DEPTH} levels`);
  }
  let value: WireAnyValue = EMPTY;
  while (r.pos < end) {
    const tag = r.tag();
    switch (tag >>> 3) {
      case 1: // string_value
        value = { kind: 'string', value: r.string(tag, 'string_value') };
        break;
      case 2: // bool_value
        value = { kind: 'bool', value: r.bool(tag, 'bool_value') };
        break;
      case 3: // int_value (int64)
        value = { kind: 'int', value: r.int64(tag, 'int_value') };
        break;
      case 4: // double_value
        value = { kind: 'double', value: r.double(tag, 'double_value') };
        break;
      case 5: // array_value (ArrayValue)
        value = { kind: 'array', values: r.message(tag, 'array_value', -1, decodeArrayValue) };
        break;
      case 6: // kvlist_value (KeyValueList)
        value = { kind: 'kvlist', values: r.message(tag, 'kvlist_value', -1, decodeKeyValueList) };
        break;
      case 7: // bytes_value
        value = { kind: 'bytes', value: r.bytes(tag, 'bytes_value') };
        break;
      default:
        r.skip(tag);
    }
  }
  r.anyValueDepth--;
  return value;
}

/**
 * A message whose one known field is field 1, repeated `name` (the Export*ServiceRequests,
 * ArrayValue, KeyValueList): its elements, decoded with `decode`.
 */
export function decodeRepeatedField<T>(r: ProtoReader, end: number, name: string, decode: MessageDecoder<T>): T[] {
  const values: T[] = [];
  while (r.pos < end) {
    const tag = r.tag();
    if (tag >>> 3 === 1) values.push(r.message(tag, name, values.length, decode));
    else r.skip(tag);
  }
  return values;
}

/** common.v1.ArrayValue: values = 1 (repeated AnyValue). */
function decodeArrayValue(r: ProtoReader, end: number): WireAnyValue[] {
  return decodeRepeatedField(r, end, 'values', decodeAnyValue);
}

/** common.v1.KeyValueList: values = 1 (repeated KeyValue). */
function decodeKeyValueList(r: ProtoReader, end: number): WireKeyValue[] {
  return decodeRepeatedField(r, end, 'values', decodeKeyValue);
}

/** common.v1.KeyValue: key = 1, value = 2 (AnyValue). */
export function decodeKeyValue(r: ProtoReader, end: number): WireKeyValue {
  let key = '';
  let value: WireAnyValue = EMPTY;
  while (r.pos < end) {
    const tag = r.tag();
    switch (tag >>> 3) {
      case 1:
        key = r.string(tag, 'key');
        break;
      case 2:
        value = r.message(tag, 'value', -1, decodeAnyValue);
        break;
      default:
        r.skip(tag);
    }
  }
  return { key, value };
}

/** Appends one repeated KeyValue element (attributes, filtered_attributes, metadata) to `out`. */
export function readKeyValue(r: ProtoReader, tag: number, name: string, out: WireKeyValue[]): void {
  out.push(r.message(tag, name, out.length, decodeKeyValue));
}

/** resource.v1.Resource: attributes = 1, dropped_attributes_count = 2 (entity_refs = 3 is skipped). */
export function decodeResource(r: ProtoReader, end: number): WireResource {
  const resource: WireResource = { attributes: [], droppedAttributesCount: 0 };
  while (r.pos < end) {
    const tag = r.tag();
    switch (tag >>> 3) {
      case 1:
        readKeyValue(r, tag, 'attributes', resource.attributes);
        break;
      case 2:
        resource.droppedAttributesCount = r.uint32(tag, 'dropped_attributes_count');
        break;
      default:
        r.skip(tag);
    }
  }
  return resource;
}

/** common.v1.InstrumentationScope: name = 1, version = 2, attributes = 3, dropped_attributes_count = 4. */
export function decodeScope(r: ProtoReader, end: number): WireScope {
  const scope: WireScope = { name: '', version: '', attributes: [], droppedAttributesCount: 0 };
  while (r.pos < end) {
    const tag = r.tag();
    switch (tag >>> 3) {
      case 1:
        scope.name = r.string(tag, 'name');
        break;
      case 2:
        scope.version = r.string(tag, 'version');
        break;
      case 3:
        readKeyValue(r, tag, 'attributes', scope.attributes);
        break;
      case 4:
        scope.droppedAttributesCount = r.uint32(tag, 'dropped_attributes_count');
        break;
      default:
        r.skip(tag);
    }
  }
  return scope;
}
