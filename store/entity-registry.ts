// Deduplicated resources and instrumentation scopes. Each distinct one is stored once; rows keep its id.
// Both tables are small, so they are cached whole (key → id for writing, id → object for reading).
import type Database from 'better-sqlite3';
import type { Attributes, InstrumentationScope, Resource } from '../common/telemetry.ts';

interface ResourceRow {
  id: number;
  key: string;
  service_name: string;
  attributes: string;
  schema_url: string;
}

interface ScopeRow {
  id: number;
  name: string;
  version: string;
  attributes: string;
}

const parseAttributes = (json: string): Attributes => JSON.parse(json) as Attributes;

export class EntityRegistry {
  private readonly resourceIds = new Map<string, number>();
  private readonly resources = new Map<number, Resource>();
  private readonly scopeIds = new Map<string, number>();
  /** Fast path: the same scope object is shared by all spans of one export. */
  private scopeIdsByObject = new WeakMap<InstrumentationScope, number>();
  private readonly scopes = new Map<number, InstrumentationScope>();
  private nextResourceId = 1;
  private nextScopeId = 1;
  private readonly insertResource: Database.Statement<[number, string, string, string | null, string, string]>;
  private readonly insertScope: Database.Statement<[number, string, string, string, string]>;
  private readonly db: Database.Database;

  constructor(db: Database.Database) {
    this.db = db;
    this.insertResource = db.prepare(
      'INSERT INTO resources (id, key, service_name, service_instance_id, attributes, schema_url) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.insertScope = db.prepare('INSERT INTO scopes (id, key, name, version, attributes) VALUES (?, ?, ?, ?, ?)');
    this.reload();
  }

  /** Re-reads both tables (after a rollback, ids handed out in the failed transaction are gone). */
  reload(): void {
    this.resourceIds.clear();
    this.resources.clear();
    this.scopeIds.clear();
    this.scopes.clear();
    this.scopeIdsByObject = new WeakMap();
    this.nextResourceId = 1;
    this.nextScopeId = 1;
    const resourceRows = this.db.prepare<[], ResourceRow>('SELECT id, key, service_name, attributes, schema_url FROM resources').all();
    for (const row of resourceRows) {
      this.resourceIds.set(row.key, row.id);
      this.resources.set(row.id, { key: row.key, serviceName: row.service_name, attributes: parseAttributes(row.attributes), schemaUrl: row.schema_url });
      this.nextResourceId = Math.max(this.nextResourceId, row.id + 1);
    }
    const scopeRows = this.db.prepare<[], ScopeRow & { key: string }>('SELECT id, key, name, version, attributes FROM scopes').all();
    for (const row of scopeRows) {
      this.scopeIds.set(row.key, row.id);
      this.scopes.set(row.id, { name: row.name, version: row.version, attributes: parseAttributes(row.attributes) });
      this.nextScopeId = Math.max(this.nextScopeId, row.id + 1);
    }
  }

  resourceId(resource: Resource): number {
    const cached = this.resourceIds.get(resource.key);
    if (cached !== undefined) return cached;
    const id = this.nextResourceId;
    const instance = resource.attributes['service.instance.id'];
    const attributes = JSON.stringify(resource.attributes);
    this.insertResource.run(
      id,
      resource.key,
      resource.serviceName,
      typeof instance === 'string' ? instance : instance === undefined ? null : JSON.stringify(instance),
      attributes,
      resource.schemaUrl,
    );
    this.nextResourceId += 1;
    this.resourceIds.set(resource.key, id);
    // Cache what a reload would read back, not the caller's (mutable) object.
    this.resources.set(id, { key: resource.key, serviceName: resource.serviceName, attributes: parseAttributes(attributes), schemaUrl: resource.schemaUrl });
    return id;
  }

  scopeId(scope: InstrumentationScope): number {
    const byObject = this.scopeIdsByObject.get(scope);
    if (byObject !== undefined) return byObject;
    const key = JSON.stringify([scope.name, scope.version, scope.attributes]);
    let id = this.scopeIds.get(key);
    if (id === undefined) {
      id = this.nextScopeId;
      const attributes = JSON.stringify(scope.attributes);
      this.insertScope.run(id, key, scope.name, scope.version, attributes);
      this.nextScopeId += 1;
      this.scopeIds.set(key, id);
      this.scopes.set(id, { name: scope.name, version: scope.version, attributes: parseAttributes(attributes) });
    }
    this.scopeIdsByObject.set(scope, id);
    return id;
  }

  /** The stored resource for an id. All rows of one resource share the returned object: do not mutate it. */
  resource(id: number): Resource {
    const resource = this.resources.get(id);
    if (resource === undefined) throw new Error(`no resource with id ${id}`);
    return resource;
  }

  scope(id: number): InstrumentationScope {
    const scope = this.scopes.get(id);
    if (scope === undefined) throw new Error(`no scope with id ${id}`);
    return scope;
  }
}
