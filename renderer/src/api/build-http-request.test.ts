import { describe, expect, it } from 'vitest';
import { buildHttpRequest } from './build-http-request.ts';

describe('buildHttpRequest', () => {
  it('keeps GET input in the query string', () => {
    expect(buildHttpRequest('findings', { source: 'incident', until: '123' })).toEqual({
      method: 'GET',
      url: '/api/findings?source=incident&until=123',
    });
  });

  it('sends POST input as a JSON body', () => {
    expect(buildHttpRequest('openIncident', { demo: true })).toEqual({
      method: 'POST',
      url: '/api/incident',
      body: '{"demo":true}',
    });
    expect(buildHttpRequest('openIncident', { path: '/tmp/a b.chokepoint' }).body).toBe('{"path":"/tmp/a b.chokepoint"}');
  });

  it('uses DELETE without a body', () => {
    expect(buildHttpRequest('closeIncident', {})).toEqual({ method: 'DELETE', url: '/api/incident' });
  });
});
