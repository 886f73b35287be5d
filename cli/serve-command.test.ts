import { describe, expect, it } from 'vitest';
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
