// The console's side of the access token (server/access-token.ts). With a token set, every request on the console
// port needs it — pages and assets too, so nothing at all is answered without it — as `Authorization: Bearer
// <token>` or as the cookie a browser gets by opening `/?token=<token>` once (Jupyter-style). That answer sets the
// cookie and sends the browser on to `/` with a refresh from the page itself rather than an HTTP redirect: a
// SameSite=Strict cookie is withheld on a redirect that follows a navigation from another site (a link in a chat),
// while the page's own navigation is same-site. The token then leaves the address bar and the history.
import crypto from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { bearerMatches, tokensMatch } from '../collectors/otlp/index.ts';
import { ChokepointError, HTTP_STATUS_BY_CODE } from '../common/error-codes.ts';

/** The query parameter a browser brings the token in, once. */
export const TOKEN_QUERY_PARAM = 'token';

/** Cookies ignore ports, so the name carries it: two consoles on one host keep a cookie each. */
export function consoleCookieName(port: number): string {
  return `chokepoint_token_${port}`;
}

/** The cookie holds a value derived from the token, not the token: a leaked cookie opens the console, not the receivers. */
export function consoleCookieValue(token: string): string {
  return crypto.createHmac('sha256', token).update('chokepoint console cookie v1').digest('base64url');
}

/** The value of cookie `name` in a Cookie header (the first, if repeated). */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

export type ConsoleAccess =
  | { kind: 'open' }
  /** The right token came in the query: set the cookie and move on to `/`. */
  | { kind: 'login'; cookie: string }
  | { kind: 'refused' };

/** What to do with a console request, given the token (undefined: no token, everything open). */
export function consoleAccess(req: IncomingMessage, url: URL, token: string | undefined): ConsoleAccess {
  if (token === undefined) return { kind: 'open' };
  const cookieName = consoleCookieName(req.socket.localPort ?? 0);
  const fromQuery = url.searchParams.get(TOKEN_QUERY_PARAM);
  if (fromQuery !== null && req.method === 'GET' && !url.pathname.startsWith('/api/')) {
    if (!tokensMatch(fromQuery, token)) return { kind: 'refused' };
    return { kind: 'login', cookie: `${cookieName}=${consoleCookieValue(token)}; Path=/; HttpOnly; SameSite=Strict` };
  }
  if (bearerMatches(req.headers.authorization, token)) return { kind: 'open' };
  if (tokensMatch(cookieValue(req.headers.cookie, cookieName), consoleCookieValue(token))) return { kind: 'open' };
  return { kind: 'refused' };
}

const LOGIN_PAGE = '<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=/"><title>Chokepoint</title><a href="/">Open the console</a>';
const REFUSED_TEXT =
  'This Chokepoint console needs its access token: open the link `chokepoint serve` printed (…/?token=…), ' +
  'or send Authorization: Bearer <token>.\n';

/** Answers a request consoleAccess did not let through: the login page, or 401 (JSON under /api/). */
export function answerAccess(res: ServerResponse, access: Exclude<ConsoleAccess, { kind: 'open' }>, api: boolean): void {
  const common = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' };
  if (access.kind === 'login') {
    res.writeHead(200, {
      ...common,
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
      'Set-Cookie': access.cookie,
    });
    res.end(LOGIN_PAGE);
    return;
  }
  const error = new ChokepointError('UNAUTHORIZED', 'this console needs its access token (Authorization: Bearer <token>, or open /?token=<token>)');
  const body = api ? JSON.stringify(error.toJSON()) : REFUSED_TEXT;
  res.writeHead(HTTP_STATUS_BY_CODE.UNAUTHORIZED, {
    ...common,
    'Content-Type': api ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8',
    'WWW-Authenticate': 'Bearer realm="chokepoint"',
    Connection: 'close', // any body is left unread
  });
  res.end(body);
}
