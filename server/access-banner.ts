// What `serve` prints about access: the console link (carrying a generated token, the one time it is shown) and
// how OTLP exporters present the token.
import os from 'node:os';
import { TOKEN_ENV } from './access-token.ts';
import { TOKEN_QUERY_PARAM } from './console-access.ts';

export interface AccessBannerInput {
  /** The console's URL as bound, e.g. http://0.0.0.0:8686. */
  consoleUrl: string;
  token: string | undefined;
  /** The token was generated for this run: the link carries it. */
  generated: boolean;
  /** Shown instead of a wildcard address (0.0.0.0, ::), which is no place to browse to. */
  machineName?: string;
}

const WILDCARD_HOSTS = new Set(['0.0.0.0', '[::]']);

/** The link to print after "console:"; a browser that opens it once gets the cookie (server/console-access.ts). */
export function consoleLink(input: AccessBannerInput): string {
  const url = new URL(input.consoleUrl);
  if (WILDCARD_HOSTS.has(url.hostname)) url.hostname = input.machineName ?? os.hostname();
  const base = url.origin;
  if (input.token === undefined) return base;
  if (input.generated) return `${base}/?${TOKEN_QUERY_PARAM}=${encodeURIComponent(input.token)}`;
  return `${base} (open /?${TOKEN_QUERY_PARAM}=<your token> once)`;
}

/** Lines printed under the console link when a token is required; none on loopback without one. */
export function accessNotes(input: AccessBannerInput): string[] {
  if (input.token === undefined) return [];
  const where = input.generated ? `the token in the link above, generated for this run (choose one with --token or ${TOKEN_ENV})` : 'your token';
  return [
    `  access token required everywhere: ${where}`,
    '  OTLP exporters send it as a header: OTEL_EXPORTER_OTLP_HEADERS="Authorization=Bearer%20<token>"',
  ];
}
