import { describe, expect, it } from 'vitest';
import { buildRequestUrl } from './build-request-url.ts';

describe('buildRequestUrl', () => {
  it('uses the bare path when there is no input', () => {
    expect(buildRequestUrl('health', {})).toBe('/api/health');
  });

  it('puts set fields in the query string and skips undefined ones', () => {
    expect(buildRequestUrl('recentSpans', { limit: 50, rootsOnly: 'true', service: undefined })).toBe(
      '/api/spans/recent?limit=50&rootsOnly=true',
    );
    expect(buildRequestUrl('recentSpans', { service: 'checkout api' })).toBe('/api/spans/recent?service=checkout+api');
    expect(buildRequestUrl('hostOverview', { windowSeconds: 300 })).toBe('/api/host?windowSeconds=300');
  });

  it('substitutes path parameters and leaves them out of the query', () => {
    const traceId = '0af7651916cd43dd8448eb211c80319c';
    expect(buildRequestUrl('trace', { traceId })).toBe(`/api/traces/${traceId}`);
  });

  it('refuses a missing path parameter', () => {
    expect(() => buildRequestUrl('trace', {} as { traceId: string })).toThrow(/traceId/);
  });
});
