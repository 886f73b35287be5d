import { describe, expect, it } from 'vitest';
import { hrefFor, parseRoute } from './route.ts';

const traceId = '0af7651916cd43dd8448eb211c80319c';

describe('parseRoute', () => {
  it('maps empty and overview hashes to the overview', () => {
    expect(parseRoute('')).toEqual({ view: 'overview' });
    expect(parseRoute('#/')).toEqual({ view: 'overview' });
    expect(parseRoute('#/overview')).toEqual({ view: 'overview' });
  });

  it('parses the traces list and a trace id', () => {
    expect(parseRoute('#/traces')).toEqual({ view: 'traces' });
    expect(parseRoute('#/traces/')).toEqual({ view: 'traces' });
    expect(parseRoute('#/traces?service=checkout%20api')).toEqual({ view: 'traces', service: 'checkout api' });
    expect(parseRoute(`#/traces/${traceId}`)).toEqual({ view: 'trace', traceId });
    expect(parseRoute(`#/traces/${traceId.toUpperCase()}?span=1`)).toEqual({ view: 'trace', traceId });
  });

  it('reports anything else as not found', () => {
    expect(parseRoute('#/traces/xyz')).toEqual({ view: 'not-found', path: '/traces/xyz' });
    expect(parseRoute('#/settings/x')).toEqual({ view: 'not-found', path: '/settings/x' });
    expect(parseRoute('#/services/a')).toEqual({ view: 'not-found', path: '/services/a' });
    expect(parseRoute('#/findings/%E0%A4%A')).toEqual({ view: 'not-found', path: '/findings/%E0%A4%A' });
  });

  it('parses the technique catalog, a chosen technique and a finding-kind filter, both ways', () => {
    expect(parseRoute('#/techniques')).toEqual({ view: 'techniques' });
    expect(parseRoute('#/techniques/connection-pooling?kind=pool_exhaustion')).toEqual({ view: 'techniques', techniqueId: 'connection-pooling', kind: 'pool_exhaustion' });
    expect(parseRoute('#/techniques?kind=<script>')).toEqual({ view: 'techniques' });
    expect(parseRoute('#/techniques/Bad%20Id')).toEqual({ view: 'not-found', path: '/techniques/Bad%20Id' });
    for (const route of [{ view: 'techniques' as const }, { view: 'techniques' as const, techniqueId: 'sharding', kind: 'hot_spot' }]) {
      expect(parseRoute(hrefFor(route))).toEqual(route);
    }
  });

  it('parses the services map, metrics with a chosen metric, and settings, both ways', () => {
    expect(parseRoute('#/services')).toEqual({ view: 'services' });
    expect(parseRoute('#/settings')).toEqual({ view: 'settings' });
    expect(parseRoute('#/metrics')).toEqual({ view: 'metrics' });
    expect(parseRoute('#/metrics?name=system.cpu.utilization')).toEqual({ view: 'metrics', name: 'system.cpu.utilization' });
    for (const route of [{ view: 'metrics' as const, name: 'db.client.connection.count' }, { view: 'services' as const }, { view: 'settings' as const }]) {
      expect(parseRoute(hrefFor(route))).toEqual(route);
    }
  });

  it('parses a finding id and a trace source', () => {
    expect(parseRoute('#/findings/cpu-saturation%3Aabc')).toEqual({ view: 'finding', findingId: 'cpu-saturation:abc' });
    expect(parseRoute(`#/traces/${traceId}?source=incident`)).toEqual({ view: 'trace', traceId, source: 'incident' });
    expect(parseRoute(`#/traces/${traceId}?source=elsewhere`)).toEqual({ view: 'trace', traceId });
    expect(parseRoute(`#/traces/${traceId}?source=incident&span=00F067AA0BA902B7`)).toEqual({
      view: 'trace',
      traceId,
      source: 'incident',
      spanId: '00f067aa0ba902b7',
    });
  });
});

describe('hrefFor', () => {
  it('round-trips through parseRoute', () => {
    const routes = [
      { view: 'overview' },
      { view: 'traces' },
      { view: 'traces', service: 'a&b' },
      { view: 'trace', traceId },
      { view: 'trace', traceId, source: 'incident' },
      { view: 'trace', traceId, spanId: '00f067aa0ba902b7' },
      { view: 'finding', findingId: 'pool-exhaustion:1f/2?x' },
    ] as const;
    for (const route of routes) {
      expect(parseRoute(hrefFor(route))).toEqual(route);
    }
  });
});
