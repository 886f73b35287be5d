// New windows are never opened inside the app. A link the console asks to open (documentation, a technique's
// source) goes to the user's browser — only when it is plain https with no credentials in it, so no file:, smb:,
// custom-scheme or javascript: URL ever reaches shell.openExternal.

const MAX_URL_LENGTH = 2048;

/** The URL to hand to shell.openExternal, normalized; null when it must not leave the app. */
export function externalUrlToOpen(candidate: string): string | null {
  if (candidate.length > MAX_URL_LENGTH) return null;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || url.hostname === '' || url.username !== '' || url.password !== '') return null;
  return url.href;
}

/** The setWindowOpenHandler answer: always deny the new window; open acceptable links externally. */
export function windowOpenHandler(openExternal: (url: string) => void): (details: { url: string }) => { action: 'deny' } {
  return ({ url }) => {
    const external = externalUrlToOpen(url);
    if (external !== null) openExternal(external);
    return { action: 'deny' };
  };
}
