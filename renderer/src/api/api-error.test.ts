import { describe, expect, it } from 'vitest';
import { ApiRequestError, describeError, errorFromResponse, isApiErrorBody, toApiRequestError } from './api-error.ts';

describe('errorFromResponse', () => {
  it('keeps the server code and message', () => {
    const error = errorFromResponse('trace', 404, JSON.stringify({ code: 'NOT_FOUND', message: 'no such trace' }));
    expect(error).toBeInstanceOf(ApiRequestError);
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toBe('no such trace');
    expect(error.status).toBe(404);
    expect(error.route).toBe('trace');
    expect(error.unreachable).toBe(false);
  });

  it('treats a body that is not the API error shape as unreachable', () => {
    expect(errorFromResponse('health', 502, '<html>Bad gateway</html>').code).toBe('UNREACHABLE');
    expect(errorFromResponse('health', 500, '').unreachable).toBe(true);
    expect(errorFromResponse('health', 400, JSON.stringify({ code: 'NOPE', message: 'x' })).code).toBe('UNREACHABLE');
  });
});

describe('isApiErrorBody', () => {
  it('accepts only known codes with a message', () => {
    expect(isApiErrorBody({ code: 'BAD_REQUEST', message: 'limit too large' })).toBe(true);
    expect(isApiErrorBody({ code: 'BAD_REQUEST' })).toBe(false);
    expect(isApiErrorBody(null)).toBe(false);
    expect(isApiErrorBody('BAD_REQUEST')).toBe(false);
  });
});

describe('toApiRequestError and describeError', () => {
  it('wraps foreign errors as INTERNAL and passes ours through', () => {
    const ours = new ApiRequestError('UNREACHABLE', 'down', 'health');
    expect(toApiRequestError(ours, 'health')).toBe(ours);
    const wrapped = toApiRequestError(new TypeError('boom'), 'services');
    expect(wrapped.code).toBe('INTERNAL');
    expect(wrapped.message).toBe('boom');
  });

  it('describes errors in words', () => {
    expect(describeError(new ApiRequestError('UNREACHABLE', 'x', 'health'))).toBe('Cannot reach the Chokepoint API.');
    expect(describeError(new ApiRequestError('BAD_REQUEST', 'limit too large', 'recentSpans'))).toBe('limit too large');
  });
});
