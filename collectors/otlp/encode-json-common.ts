// Domain → OTLP/JSON (the proto3 JSON mapping OTLP uses: lowerCamelCase fields, hex ids, int64 as decimal
// strings, enums as numbers). Used to write incident files that standard OTLP tools can read back.
// What the domain model has already folded cannot come back: an attribute that arrived as a whole double is
// written as intValue, and bytes values (kept as base64 strings) are written as strings.
import type { AttributeValue, Attributes, InstrumentationScope, Resource } from '../../common/telemetry.ts';

export type OtlpJson = null | boolean | number | string | OtlpJson[] | { [key: string]: OtlpJson };
export type OtlpJsonObject = { [key: string]: OtlpJson };

export function anyValueJson(value: AttributeValue): OtlpJsonObject {
  if (value === null) return {};
  if (typeof value === 'string') return { stringValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  if (typeof value === 'number') {
    return Number.isSafeInteger(value) ? { intValue: String(value) } : { doubleValue: jsonNumber(value) };
  }
  if (Array.isArray(value)) return { arrayValue: { values: value.map(anyValueJson) } };
  return { kvlistValue: { values: keyValuesJson(value) } };
}

/** Proto3 JSON writes non-finite doubles as the strings "NaN", "Infinity" and "-Infinity". */
export function jsonNumber(value: number): OtlpJson {
  if (Number.isFinite(value)) return value;
  if (Number.isNaN(value)) return 'NaN';
  return value > 0 ? 'Infinity' : '-Infinity';
}

export function keyValuesJson(attributes: Attributes): OtlpJsonObject[] {
  const out: OtlpJsonObject[] = [];
  for (const key in attributes) out.push({ key, value: anyValueJson(attributes[key]) });
  return out;
}

export function resourceJson(resource: Resource): OtlpJsonObject {
  return { attributes: keyValuesJson(resource.attributes) };
}

export function scopeJson(scope: InstrumentationScope): OtlpJsonObject {
  const out: OtlpJsonObject = { name: scope.name };
  if (scope.version !== '') out.version = scope.version;
  if (Object.keys(scope.attributes).length > 0) out.attributes = keyValuesJson(scope.attributes);
  return out;
}

export function nanos(value: bigint): string {
  return value.toString();
}

interface Scoped {
  resource: Resource;
  scope: InstrumentationScope;
}

/** One resource with its scopes, each with its items, in first-seen order. */
export interface ResourceGroup<T> {
  resource: Resource;
  scopes: { scope: InstrumentationScope; items: T[] }[];
}

/** Groups items by resource (its key) and scope (name, version and attributes), keeping first-seen order. */
export function groupByResourceAndScope<T extends Scoped>(items: readonly T[]): ResourceGroup<T>[] {
  const groups = new Map<string, { group: ResourceGroup<T>; scopes: Map<string, T[]> }>();
  for (const item of items) {
    let entry = groups.get(item.resource.key);
    if (entry === undefined) {
      entry = { group: { resource: item.resource, scopes: [] }, scopes: new Map() };
      groups.set(item.resource.key, entry);
    }
    const scopeKey = `${item.scope.name}\u0000${item.scope.version}\u0000${JSON.stringify(item.scope.attributes)}`;
    let scoped = entry.scopes.get(scopeKey);
    if (scoped === undefined) {
      scoped = [];
      entry.scopes.set(scopeKey, scoped);
      entry.group.scopes.push({ scope: item.scope, items: scoped });
    }
    scoped.push(item);
  }
  return [...groups.values()].map((entry) => entry.group);
}

/** Resource-level fields shared by the three signals. */
export function resourceEnvelope(resource: Resource): OtlpJsonObject {
  const out: OtlpJsonObject = { resource: resourceJson(resource) };
  if (resource.schemaUrl !== '') out.schemaUrl = resource.schemaUrl;
  return out;
}
