// Which browser origins may post telemetry. Loopback pages (a dev server on localhost) always may;
// anything else must be listed, or '*' given explicitly.

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export function isOriginAllowed(origin: string, extraOrigins: readonly string[]): boolean {
  if (extraOrigins.includes('*') || extraOrigins.includes(origin)) return true;
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK_HOSTS.has(url.hostname);
  } catch {
    return false;
  }
}
