// Where the window may navigate: nowhere but the console it was opened on (same file, another hash or query).
// Wired to will-navigate and will-redirect of every WebContents (main/index.ts); links to the web go through
// the window-open handler (main/external-links.ts) and open in the user's browser instead.

/** The path of a URL with %-escapes decoded, so two spellings of one file compare equal; null when malformed. */
function decodedPath(url: URL): string | null {
  try {
    return decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
}

/** Whether `target` is the app's own page again; every other URL (web, other files, javascript:, data:) is refused. */
export function isNavigationAllowed(target: string, appUrl: string): boolean {
  let to: URL;
  let app: URL;
  try {
    to = new URL(target);
    app = new URL(appUrl);
  } catch {
    return false;
  }
  const path = decodedPath(to);
  return to.protocol === app.protocol && to.host === app.host && path !== null && path === decodedPath(app);
}
