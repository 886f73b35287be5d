// Named error codes shared by the API, IPC and receivers. Messages are for people; codes are for code.

export const ERROR_CODES = [
  'BAD_REQUEST',
  'UNAUTHORIZED',
  'MALFORMED_BODY',
  'UNSUPPORTED_MEDIA_TYPE',
  'BODY_TOO_LARGE',
  'QUEUE_FULL',
  'STORE_UNAVAILABLE',
  'NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'INVALID_FILE',
  'FILE_TOO_LARGE',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** The HTTP status each code answers with, for the console API and the OTLP/HTTP receiver alike. */
export const HTTP_STATUS_BY_CODE: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  /** No access token, or the wrong one, where one is required (see server/access-token.ts). */
  UNAUTHORIZED: 401,
  MALFORMED_BODY: 400,
  UNSUPPORTED_MEDIA_TYPE: 415,
  BODY_TOO_LARGE: 413,
  QUEUE_FULL: 429,
  STORE_UNAVAILABLE: 503,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  INVALID_FILE: 400,
  FILE_TOO_LARGE: 413,
  INTERNAL: 500,
};

export interface ApiError {
  code: ErrorCode;
  message: string;
}

/** An error that carries a named code across a boundary (HTTP status, gRPC status, IPC). */
export class ChokepointError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ChokepointError';
    this.code = code;
  }
  toJSON(): ApiError {
    return { code: this.code, message: this.message };
  }
}

/** Any thrown value as a ChokepointError; unknown failures become INTERNAL with their message kept. */
export function asChokepointError(error: unknown): ChokepointError {
  if (error instanceof ChokepointError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ChokepointError('INTERNAL', message);
}
