// Decodes attribute blobs written by AttributeEncoder.
import type { AttributeValue, Attributes } from '../common/telemetry.ts';
import { TAG, type PromotedResolver } from './attribute-format.ts';
import { ByteReader } from './byte-reader.ts';
import { fillStatement } from '../common/normalize-statement.ts';
import type { StringDictionary } from './string-dictionary.ts';

/** Sets `key` on `target` as an own data property, even for "__proto__". */
function setOwn(target: Record<string, AttributeValue>, key: string, value: AttributeValue): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

function readValue(reader: ByteReader, dict: StringDictionary): AttributeValue {
  const tag = reader.byte();
  switch (tag) {
    case TAG.null:
      return null;
    case TAG.false:
      return false;
    case TAG.true:
      return true;
    case TAG.int:
      return reader.signedVarint();
    case TAG.float:
      return reader.double();
    case TAG.string:
      return reader.string();
    case TAG.dictString:
      return dict.value(reader.varint());
    case TAG.array: {
      const count = reader.varint();
      const items: AttributeValue[] = [];
      for (let i = 0; i < count; i += 1) items.push(readValue(reader, dict));
      return items;
    }
    case TAG.map: {
      const count = reader.varint();
      const map: Record<string, AttributeValue> = {};
      for (let i = 0; i < count; i += 1) {
        const key = reader.string();
        setOwn(map, key, readValue(reader, dict));
      }
      return map;
    }
    default:
      throw new Error(`attribute blob has unknown tag ${tag}`);
  }
}

function readPromoted(reader: ByteReader, key: string, resolve: PromotedResolver | undefined): AttributeValue {
  const tag = reader.byte();
  if (resolve === undefined) throw new Error(`attribute ${key} refers to a promoted column but none was given`);
  const column = resolve(key);
  if (tag === TAG.promoted) return column;
  const literals: string[] = [];
  for (let count = reader.varint(); count > 0; count -= 1) literals.push(reader.string());
  const filled = typeof column === 'string' ? fillStatement(column, literals) : undefined;
  if (filled === undefined) throw new Error(`attribute ${key}: stored literals do not fit the statement template`);
  return filled;
}

/** Decodes a blob written by AttributeEncoder; null decodes to an empty map. */
export function decodeAttributes(blob: Uint8Array | null, dict: StringDictionary, resolvePromoted?: PromotedResolver): Attributes {
  const attributes: Attributes = {};
  if (blob === null) return attributes;
  const reader = new ByteReader(blob);
  while (!reader.done) {
    const header = reader.varint();
    const key = header % 2 === 0 ? dict.value(header / 2) : reader.string();
    const tag = reader.peek();
    const value = tag === TAG.promoted || tag === TAG.promotedTemplate ? readPromoted(reader, key, resolvePromoted) : readValue(reader, dict);
    setOwn(attributes, key, value);
  }
  return attributes;
}
