// Protects the console API from other web pages: DNS-rebinding (a foreign Host header) and cross-origin calls.
// On loopback the Host must be a loopback name. Bound beyond loopback the console always has an access token
// (server/access-token.ts), which a rebinding page can neither know nor send (the cookie belongs to the real host
// name), and the machine's names are not known here: any Host is let through to the token check. Cross-origin
// calls are refused either way.
import type { IncomingMessage } from 'node:http';
import { isLoopbackHost } from './access-token.ts';

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

function hostName(hostHeader: string): string {
  if (hostHeader.startsWith('[')) return hostHeader.slice(0, hostHeader.indexOf(']') + 1).toLowerCase();
  return (hostHeader.split(':')[0] ?? '').toLowerCase();
}

/** Host names the console answers to: loopback names plus the address it is bound to; null (any) beyond loopback. */
export function allowedHostNames(boundHost: string): Set<string> | null {
  if (!isLoopbackHost(boundHost)) return null;
  const names = new Set(LOOPBACK_NAMES);
  names.add(boundHost.includes(':') ? `[${boundHost.toLowerCase()}]` : boundHost.toLowerCase());
  return names;
}

/** Returns a reason to refuse the request, or null when it may proceed. */
export function refuseReason(req: IncomingMessage, allowedHosts: Set<string> | null): string | null {
  const host = req.headers.host;
  if (host === undefined || (allowedHosts !== null && !allowedHosts.has(hostName(host)))) return `host "${host ?? ''}" is not served here`;
  const origin = req.headers.origin;
  if (origin !== undefined) {
    let originHost: string;
    try {
      originHost = new URL(origin).host.toLowerCase();
    } catch {
      return `origin "${origin}" is not allowed`;
    }
    if (originHost !== host.toLowerCase()) return `cross-origin request from "${origin}" is not allowed`;
  }
  return null;
}
