// Access tokens on the wire: `Authorization: Bearer <token>` (HTTP headers and gRPC metadata alike), compared in
// constant time. The server chooses whether a token is required (server/access-token.ts); this file only checks.
import crypto from 'node:crypto';

const BEARER = /^\s*bearer\s+(\S+)\s*$/i;

/** The token of an `Authorization: Bearer <token>` value; undefined for anything else (other schemes, several values). */
export function bearerToken(authorization: string | readonly string[] | undefined): string | undefined {
  const value = Array.isArray(authorization) ? (authorization.length === 1 ? (authorization[0] as string) : undefined) : authorization;
  if (typeof value !== 'string') return undefined;
  return BEARER.exec(value)?.[1];
}

const digest = (value: string): Buffer => crypto.createHash('sha256').update(value, 'utf8').digest();

/**
 * Whether `candidate` equals `expected`. Both are hashed first, so timingSafeEqual compares two 32-byte digests:
 * the time taken tells nothing about the token, not even its length.
 */
export function tokensMatch(candidate: string | undefined, expected: string): boolean {
  if (candidate === undefined || expected === '') return false;
  return crypto.timingSafeEqual(digest(candidate), digest(expected));
}

/** Whether an Authorization value carries `expected` as its bearer token. */
export function bearerMatches(authorization: string | readonly string[] | undefined, expected: string): boolean {
  return tokensMatch(bearerToken(authorization), expected);
}
