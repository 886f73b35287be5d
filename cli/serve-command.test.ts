import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ServeOptions } from '../server/core-options.ts';
import { serveCommand } from './serve-command.ts';

async function parse(args: string[]): Promise<ServeOptions> {
  let seen: ServeOptions | undefined;
  await serveCommand((options) => {
    seen = options;
    return Promise.resolve();
  }).parseAsync(args, { from: 'user' });
  if (seen === undefined) throw new Error('serve did not run');
  return seen;
}

describe('chokepoint serve options', () => {
  it('defaults to loopback and the standard ports', async () => {
    const options = await parse([]);
    expect(options).toMatchObject({ host: '127.0.0.1', port: 8686, otlpHttpPort: 4318, otlpGrpcPort: 4317, hostMetrics: true });
  });

  it('turns receivers off and reads durations and sizes', async () => {
    const options = await parse(['--otlp-http', 'off', '--otlp-grpc', 'off', '--host-metrics', 'off', '--retention-age', '2d', '--retention-size', '512MB', '--data-dir', '/tmp/x']);
    expect(options).toMatchObject({
      otlpHttpPort: null,
      otlpGrpcPort: null,
      hostMetrics: false,
      dataDir: '/tmp/x',
      retention: { maxAgeMs: 2 * 86_400_000, maxBytes: 512 * 1024 ** 2 },
    });
  });
});

describe('chokepoint serve access token', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('needs none on loopback when none is given (as before)', async () => {
    vi.stubEnv('CHOKEPOINT_TOKEN', '');
    const options = await parse([]);
    expect(options.token).toBeUndefined();
    expect(options.tokenGenerated).toBe(false);
  });

  it('generates one for --host 0.0.0.0 without --token or CHOKEPOINT_TOKEN (parsed only: nothing listens)', async () => {
    vi.stubEnv('CHOKEPOINT_TOKEN', '');
    const first = await parse(['--host', '0.0.0.0']);
    const second = await parse(['--host', '0.0.0.0']);
    expect(first).toMatchObject({ host: '0.0.0.0', tokenGenerated: true });
    expect(first.token).toMatch(/^[0-9a-f]{64}$/);
    expect(second.token).not.toBe(first.token);
  });

  it('takes --token, else CHOKEPOINT_TOKEN, also on loopback', async () => {
    vi.stubEnv('CHOKEPOINT_TOKEN', 'from-the-environment-1');
    expect(await parse(['--host', '0.0.0.0', '--token', 'from-the-flag-123456'])).toMatchObject({ token: 'from-the-flag-123456', tokenGenerated: false });
    expect(await parse(['--host', '0.0.0.0'])).toMatchObject({ token: 'from-the-environment-1', tokenGenerated: false });
    expect(await parse([])).toMatchObject({ host: '127.0.0.1', token: 'from-the-environment-1' });
  });

  it('refuses a token that is too short', async () => {
    const command = serveCommand(() => Promise.resolve()).exitOverride().configureOutput({ writeErr: () => undefined });
    await expect(command.parseAsync(['--token', 'short'], { from: 'user' })).rejects.toThrow(/16 to 512 characters/);
  });
});
