import { describe, expect, it } from 'vitest';
import { matchRoute } from './route-matcher.ts';

describe('matchRoute', () => {
  it('finds a declared route and its path parameters', () => {
    expect(matchRoute('GET', '/api/health')).toEqual({ route: 'health', params: {} });
    expect(matchRoute('GET', '/api/traces/0af7651916cd43dd8448eb211c80319c')).toEqual({
      route: 'trace',
      params: { traceId: '0af7651916cd43dd8448eb211c80319c' },
    });
  });

  it('tells a wrong method from an unknown path', () => {
    expect(matchRoute('POST', '/api/health')).toBe('method');
    expect(matchRoute('GET', '/api/nope')).toBeNull();
    expect(matchRoute('GET', '/api/traces/a/b')).toBeNull();
  });

  it('decodes path parameters, and keeps malformed escapes as sent instead of throwing', () => {
    expect(matchRoute('GET', '/api/traces/a%2Fb')).toEqual({ route: 'trace', params: { traceId: 'a/b' } });
    expect(matchRoute('GET', '/api/traces/%E0%A4%A')).toEqual({ route: 'trace', params: { traceId: '%E0%A4%A' } });
  });
});
