// Where a module runs from: the TypeScript sources (via tsx, as `serve` and the tests run) or the desktop app's
// bundle (main/dist/*.cjs, built by main/build.mjs). Files a module opens at run time — worker entries, the
// demo incident — sit in different places in the two layouts.

/** True when `moduleUrl` (a module's import.meta.url) is the Electron main bundle. */
export function isBundled(moduleUrl: string): boolean {
  return moduleUrl.endsWith('.cjs');
}
