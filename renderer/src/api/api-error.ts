// Typed failures of console API calls. Server errors keep their named code; failures to reach
// the server at all get codes of their own so the UI can tell "down" from "said no".
import { ERROR_CODES } from '../../../common/error-codes.ts';
import type { ApiError, ErrorCode } from '../../../common/error-codes.ts';
import type { ApiRouteName } from '../../../common/api-contract.ts';

/** Server codes plus the two the client adds: no answer, or an answer that is not the API's. */
export type ClientErrorCode = ErrorCode | 'UNREACHABLE' | 'BAD_RESPONSE';

export class ApiRequestError extends Error {
  readonly code: ClientErrorCode;
  /** The route that failed, when known. */
  readonly route: ApiRouteName | 'live' | null;
  /** HTTP status when there was one. */
  readonly status: number | null;

  constructor(code: ClientErrorCode, message: string, route: ApiRouteName | 'live' | null, status: number | null = null) {
    super(message);
    this.name = 'ApiRequestError';
    this.code = code;
    this.route = route;
    this.status = status;
  }

  /** True when the API did not answer (server down, network gone, timed out). */
  get unreachable(): boolean {
    return this.code === 'UNREACHABLE';
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

export function isApiErrorBody(value: unknown): value is ApiError {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return isErrorCode(record.code) && typeof record.message === 'string';
}

/**
 * Turns a failed HTTP response into a typed error. A body that is not the API's `{code, message}`
 * means something else answered (a proxy with the server down, a gateway), so it counts as unreachable.
 */
export function errorFromResponse(route: ApiRouteName, status: number, bodyText: string): ApiRequestError {
  let body: unknown = null;
  try {
    body = JSON.parse(bodyText) as unknown;
  } catch {
    body = null;
  }
  if (isApiErrorBody(body)) return new ApiRequestError(body.code, body.message, route, status);
  return new ApiRequestError('UNREACHABLE', `The console API did not answer (HTTP ${status}).`, route, status);
}

/** Wraps anything thrown into an ApiRequestError so callers handle one type. */
export function toApiRequestError(error: unknown, route: ApiRouteName | 'live' | null = null): ApiRequestError {
  if (error instanceof ApiRequestError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ApiRequestError('INTERNAL', message, route);
}

/** One line a person can act on. */
export function describeError(error: ApiRequestError): string {
  switch (error.code) {
    case 'UNREACHABLE':
      return 'Cannot reach the Chokepoint API.';
    case 'STORE_UNAVAILABLE':
      return `The store is unavailable: ${error.message}`;
    case 'NOT_FOUND':
      return error.message || 'Not found.';
    case 'BAD_RESPONSE':
      return `Unexpected answer from the API: ${error.message}`;
    default:
      return error.message || error.code;
  }
}
