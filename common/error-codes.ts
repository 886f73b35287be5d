// Named error codes shared by the API, IPC and receivers. Messages are for people; codes are for code.

export const ERROR_CODES = [
  'BAD_REQUEST',
  'MALFORMED_BODY',
  'UNSUPPORTED_MEDIA_TYPE',
  'BODY_TOO_LARGE',
  'QUEUE_FULL',
  'STORE_UNAVAILABLE',
  'NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiError {
  code: ErrorCode;
  message: string;
}

/** An error that carries a named code across a boundary (HTTP status, gRPC status, IPC). */
export class ChokepointError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'ChokepointError';
    this.code = code;
  }
  toJSON(): ApiError {
    return { code: this.code, message: this.message };
  }
}
