// Starts the real core + console on free loopback ports in a temp data dir, for integration tests.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ApiResponses, ApiRouteName } from '../common/api-contract.ts';
import { defaultCoreOptions } from './core-options.ts';
import type { CoreOptions } from './core-options.ts';
import { startCore } from './core.ts';
import type { Core } from './core.ts';
import { startConsoleServer } from './console-server.ts';
import type { ConsoleServer } from './console-server.ts';

export interface TestServer {
  core: Core;
  console: ConsoleServer;
  dataDir: string;
  otlpHttp: string;
  otlpGrpc: string;
  /** GET an API path on the console and parse the JSON answer. */
  api<R extends ApiRouteName>(pathAndQuery: string): Promise<{ status: number; body: ApiResponses[R] }>;
  stop(options?: { keepData?: boolean }): Promise<void>;
}

export async function startTestServer(overrides: Partial<CoreOptions> = {}): Promise<TestServer> {
  const dataDir = overrides.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'chokepoint-test-'));
  const core = await startCore(
    { ...defaultCoreOptions(dataDir), otlpHttpPort: 0, otlpGrpcPort: 0, hostMetrics: false, ...overrides },
    { info: () => undefined, warn: () => undefined },
  );
  const consoleServer = await startConsoleServer(core, { host: '127.0.0.1', port: 0, assetsDir: path.join(dataDir, 'no-assets'), token: overrides.token });
  const info = core.info();
  return {
    core,
    console: consoleServer,
    dataDir,
    otlpHttp: info.otlpHttp.endpoint,
    otlpGrpc: info.otlpGrpc.endpoint,
    async api<R extends ApiRouteName>(pathAndQuery: string) {
      const response = await fetch(`${consoleServer.url}${pathAndQuery}`);
      return { status: response.status, body: (await response.json()) as ApiResponses[R] };
    },
    async stop(options = {}) {
      await consoleServer.close();
      await core.close();
      if (options.keepData !== true) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
