import { describe, it, expect } from 'vitest';
import { ResourceInterner, resourceKey } from './resource-interner.ts';
import type { WireKeyValue, WireResource } from './wire-types.ts';

const kv = (key: string, value: string): WireKeyValue => ({ key, value: { kind: 'string', value } });
const resource = (...attributes: WireKeyValue[]): WireResource => ({ attributes, droppedAttributesCount: 0 });

describe('ResourceInterner', () => {
  it('returns one object for equal resources, whatever the attribute order', () => {
    const interner = new ResourceInterner();
    const a = interner.resource(resource(kv('service.name', 'api'), kv('host.name', 'h1')), 'https://s/1');
    const b = interner.resource(resource(kv('host.name', 'h1'), kv('service.name', 'api')), 'https://s/1');
    expect(b).toBe(a);
    expect(a).toEqual({ key: a.key, serviceName: 'api', attributes: { 'service.name': 'api', 'host.name': 'h1' }, schemaUrl: 'https://s/1' });
  });

  it('gives different keys for a different schema URL or attribute value, and the same key across interners', () => {
    const key = new ResourceInterner().resource(resource(kv('service.name', 'api')), '').key;
    expect(key).toMatch(/^[0-9a-f]{16}$/);
    expect(new ResourceInterner().resource(resource(kv('service.name', 'api')), '').key).toBe(key);
    expect(new ResourceInterner().resource(resource(kv('service.name', 'api')), 'https://s/2').key).not.toBe(key);
    expect(new ResourceInterner().resource(resource(kv('service.name', 'web')), '').key).not.toBe(key);
  });

  it('tells types apart in the key (string "1" vs number 1) and sorts nested keys', () => {
    expect(resourceKey('', { v: '1' })).not.toBe(resourceKey('', { v: 1 }));
    expect(resourceKey('', { m: { a: 1, b: 2 } })).toBe(resourceKey('', { m: { b: 2, a: 1 } }));
  });

  it('falls back to unknown_service for a missing, empty or non-string service.name', () => {
    const interner = new ResourceInterner();
    expect(interner.resource(resource(), '').serviceName).toBe('unknown_service');
    expect(interner.resource(resource(kv('service.name', '')), '').serviceName).toBe('unknown_service');
    expect(interner.resource({ attributes: [{ key: 'service.name', value: { kind: 'int', value: 7n } }], droppedAttributesCount: 0 }, '').serviceName).toBe(
      'unknown_service',
    );
  });

  it('shares scope objects with equal name, version and attributes', () => {
    const interner = new ResourceInterner();
    const s1 = interner.scope({ name: 'lib', version: '1', attributes: [kv('a', 'b')], droppedAttributesCount: 0 });
    const s2 = interner.scope({ name: 'lib', version: '1', attributes: [kv('a', 'b')], droppedAttributesCount: 0 });
    const s3 = interner.scope({ name: 'lib', version: '2', attributes: [], droppedAttributesCount: 0 });
    expect(s2).toBe(s1);
    expect(s3).not.toBe(s1);
    expect(s1).toEqual({ name: 'lib', version: '1', attributes: { a: 'b' } });
  });
});
