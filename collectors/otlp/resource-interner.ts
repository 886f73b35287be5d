// Builds domain Resource and InstrumentationScope objects once per distinct value within a request,
// so every span/point/log of one resource shares the same object.
//   Resource.serviceName = the string attribute service.name, or 'unknown_service' when it is
//   missing, empty or not a string.
//   Resource.key = first 16 hex chars of sha1(schemaUrl + attributes serialized with sorted keys):
//   stable across requests, processes and attribute order.

import { createHash } from 'node:crypto';
import type { AttributeValue, Attributes, InstrumentationScope, Resource } from '../../common/telemetry.ts';
import { toAttributes } from './normalize-attributes.ts';
import type { WireResource, WireScope } from './wire-types.ts';

export const UNKNOWN_SERVICE = 'unknown_service';

/** A canonical, type-tagged serialization (object keys sorted) so equal values hash equally. */
function canonical(value: AttributeValue): string {
  if (value === null) return 'z';
  switch (typeof value) {
    case 'string':
      return `s${JSON.stringify(value)}`;
    case 'number':
      return `n${String(value)}`;
    case 'boolean':
      return value ? 'T' : 'F';
  }
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
}

export function resourceKey(schemaUrl: string, attributes: Attributes): string {
  return createHash('sha1')
    .update(JSON.stringify(schemaUrl))
    .update(canonical(attributes))
    .digest('hex')
    .slice(0, 16);
}

export class ResourceInterner {
  private readonly resources = new Map<string, Resource>();
  private readonly scopes = new Map<string, InstrumentationScope>();

  resource(wire: WireResource, schemaUrl: string): Resource {
    const attributes = toAttributes(wire.attributes);
    const key = resourceKey(schemaUrl, attributes);
    let resource = this.resources.get(key);
    if (resource === undefined) {
      const name = attributes['service.name'];
      const serviceName = typeof name === 'string' && name !== '' ? name : UNKNOWN_SERVICE;
      resource = { key, serviceName, attributes, schemaUrl };
      this.resources.set(key, resource);
    }
    return resource;
  }

  scope(wire: WireScope): InstrumentationScope {
    const attributes = toAttributes(wire.attributes);
    const id = `${JSON.stringify(wire.name)}${JSON.stringify(wire.version)}${canonical(attributes)}`;
    let scope = this.scopes.get(id);
    if (scope === undefined) {
      scope = { name: wire.name, version: wire.version, attributes };
      this.scopes.set(id, scope);
    }
    return scope;
  }
}
