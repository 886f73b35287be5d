import { describe, expect, it } from 'vitest';
import { hrefFor, parseRoute } from './route.ts';
import { attributeFromInput, isNarrowed, parseTraceFilter } from './trace-filter.ts';

describe('trace search in the URL', () => {
  it('round-trips every filter through the hash', () => {
    const route = { view: 'traces' as const, service: 'checkout api', operation: 'GET /orders/:id', minMs: 250, errorsOnly: true, attribute: 'tenant=acme & co', allSpans: true };
    expect(parseRoute(hrefFor(route))).toEqual(route);
    expect(hrefFor({ view: 'traces' })).toBe('#/traces');
  });

  it('drops values that would not search anything sensible', () => {
    expect(parseTraceFilter(new URLSearchParams('minMs=-5&status=ok&attr=novalue&spans=some'))).toEqual({});
    expect(parseTraceFilter(new URLSearchParams('minMs=abc'))).toEqual({});
  });

  it('reads key=value typed by a user, with spaces around the parts', () => {
    expect(attributeFromInput(' http.route = /orders ')).toBe('http.route=/orders');
    expect(attributeFromInput('a=b=c')).toBe('a=b=c');
    expect(attributeFromInput('=x')).toBeNull();
    expect(attributeFromInput('justakey')).toBeNull();
    expect(attributeFromInput('')).toBeNull();
  });

  it('counts a search as narrowed by anything but the service', () => {
    expect(isNarrowed({ service: 'a' })).toBe(false);
    expect(isNarrowed({ service: 'a', errorsOnly: true })).toBe(true);
  });
});
