// The core the desktop app runs: `serve`'s defaults, receivers on 127.0.0.1, no access token. The console talks to
// it over IPC, not HTTP, and the receivers are for this machine's apps only, so there is nothing to open wider:
// no flag or environment variable changes it (CHOKEPOINT_TOKEN is read by `chokepoint serve` only).
import { defaultCoreOptions, type CoreOptions } from '../server/core-options.ts';

export function desktopCoreOptions(dataDir: string): CoreOptions {
  const { token: _none, ...defaults } = defaultCoreOptions(dataDir);
  return { ...defaults, host: '127.0.0.1' };
}
