// Who may talk to Chokepoint. Receivers and console bind 127.0.0.1 unless `--host` says otherwise; any other
// address needs an access token (`--token`, $CHOKEPOINT_TOKEN, or one generated for the run and printed once),
// which the OTLP/HTTP and OTLP/gRPC receivers, the console API, its WebSocket and its pages then all require.
// A token may be given on loopback too; then it is required there as well.
import crypto from 'node:crypto';
import net from 'node:net';
import { ChokepointError } from '../common/error-codes.ts';

/** The environment variable `serve` reads the token from when `--token` is not given. */
export const TOKEN_ENV = 'CHOKEPOINT_TOKEN';

/** Bytes of randomness in a generated token (hex: twice as many characters). */
const GENERATED_TOKEN_BYTES = 32;

/** URL-safe characters (hex and base64url tokens fit), so a token goes into a header, a query and a cookie unchanged; at least 16. */
const TOKEN_FORMAT = /^[A-Za-z0-9._~-]{16,512}$/;

const loopback = new net.BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

/** Whether binding to `host` keeps everything on this machine: localhost, 127.0.0.0/8, ::1 (also IPv4-mapped). */
export function isLoopbackHost(host: string): boolean {
  const name = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (name === 'localhost') return true;
  if (net.isIPv4(name)) return loopback.check(name, 'ipv4');
  if (net.isIPv6(name)) return loopback.check(name, 'ipv6');
  return false;
}

/** A fresh token: 32 random bytes as 64 hex characters. */
export function generateAccessToken(): string {
  return crypto.randomBytes(GENERATED_TOKEN_BYTES).toString('hex');
}

/** Throws BAD_REQUEST when a token given by the user could not travel in a header, cookie and URL, or is too short. */
export function checkTokenFormat(token: string, source: string): string {
  if (!TOKEN_FORMAT.test(token)) {
    throw new ChokepointError('BAD_REQUEST', `${source}: an access token is 16 to 512 characters from A-Z a-z 0-9 . _ ~ -`);
  }
  return token;
}

export interface AccessTokenChoice {
  /** The token every surface requires; undefined when none is (loopback only). */
  token: string | undefined;
  /** True when it was generated for this run, so it must be shown to the user. */
  generated: boolean;
}

export interface AccessTokenInput {
  /** Where the receivers and the console bind. */
  host: string;
  /** `--token`, if given. */
  flagToken?: string;
  /** $CHOKEPOINT_TOKEN, if set. */
  envToken?: string;
}

/**
 * `--token` wins over $CHOKEPOINT_TOKEN; without either, loopback needs no token and any other host gets a
 * generated one (never a silent open bind).
 */
export function chooseAccessToken(input: AccessTokenInput, generate: () => string = generateAccessToken): AccessTokenChoice {
  if (input.flagToken !== undefined) return { token: checkTokenFormat(input.flagToken, '--token'), generated: false };
  if (input.envToken !== undefined && input.envToken !== '') return { token: checkTokenFormat(input.envToken, TOKEN_ENV), generated: false };
  if (isLoopbackHost(input.host)) return { token: undefined, generated: false };
  return { token: generate(), generated: true };
}

/** Refuses to bind `host` beyond loopback without a token: the core and the console server both check this. */
export function assertBindAllowed(host: string, token: string | undefined, what: string): void {
  if (!isLoopbackHost(host) && (token === undefined || token === '')) {
    throw new ChokepointError('BAD_REQUEST', `${what} binds to ${host}, beyond loopback: that needs an access token (--token or ${TOKEN_ENV})`);
  }
}
