// Protects the console API from other web pages: DNS-rebinding (a foreign Host header) and cross-origin calls.
import type { IncomingMessage } from 'node:http';

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

function hostName(hostHeader: string): string {
  if (hostHeader.startsWith('[')) return hostHeader.slice(0, hostHeader.indexOf(']') + 1).toLowerCase();
  return (hostHeader.split(':')[0] ?? '').toLowerCase();
}

/** Host names the console answers to: loopback names plus the address it is bound to. */
export function allowedHostNames(boundHost: string): Set<string> {
  const names = new Set(LOOPBACK_NAMES);
  names.add(boundHost.includes(':') ? `[${boundHost.toLowerCase()}]` : boundHost.toLowerCase());
  return names;
}

/** Returns a reason to refuse the request, or null when it may proceed. */
export function refuseReason(req: IncomingMessage, allowedHosts: Set<string>): string | null {
  const host = req.headers.host;
  if (host === undefined || !allowedHosts.has(hostName(host))) return `host "${host ?? ''}" is not served here`;
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
