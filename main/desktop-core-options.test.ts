import { afterEach, describe, expect, it, vi } from 'vitest';
import { desktopCoreOptions } from './desktop-core-options.ts';

describe('the desktop app core', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('binds the receivers to loopback with no access token, whatever the environment says', () => {
    vi.stubEnv('CHOKEPOINT_TOKEN', 'set-in-the-environment-123');
    const options = desktopCoreOptions('/data');
    expect(options.host).toBe('127.0.0.1');
    expect(options.token).toBeUndefined();
    expect(options.dataDir).toBe('/data');
  });
});
