// Runs the core and the console until SIGINT/SIGTERM, printing where everything listens.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ChokepointError } from '../common/error-codes.ts';
import type { ServeOptions } from './core-options.ts';
import { startCore } from './core.ts';
import { startConsoleServer } from './console-server.ts';
import { ensureRendererBuild } from './renderer-build.ts';
import { demoIncidentFile } from './demo-incident.ts';
import { accessNotes, consoleLink } from './access-banner.ts';
import { isLoopbackHost } from './access-token.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export async function runServe(options: ServeOptions): Promise<void> {
  const log = (message: string) => process.stdout.write(`${message}\n`);
  const warn = (message: string) => process.stderr.write(`chokepoint: ${message}\n`);
  const assetsDir = await ensureRendererBuild(repoRoot, log);
  if (!isLoopbackHost(options.host)) {
    warn(`binding to ${options.host}: the receivers and console are reachable from other machines, with the access token`);
  }
  const core = await startCore(options, { info: log, warn }).catch((error: unknown) => {
    if (!(error instanceof ChokepointError) || error.code !== 'STORE_UNAVAILABLE') throw error;
    throw new ChokepointError(
      'STORE_UNAVAILABLE',
      `${error.message} Choose a writable data directory with --data-dir, or make ${options.dataDir} writable, then start again.`,
    );
  });
  const consoleServer = await startConsoleServer(core, { host: options.host, port: options.port, assetsDir, token: options.token });
  const info = core.info();
  if (info.databaseMovedAside !== '') {
    warn(`the database was corrupt: it was moved to ${info.databaseMovedAside} and a fresh one was started`);
  }
  if (options.demo === true && (await core.counts()).spans === 0) {
    try {
      await core.openIncident(demoIncidentFile(), true);
      log('  no live data yet: the console shows the bundled demo incident until yours arrives');
    } catch (error) {
      warn(`the demo incident could not be opened: ${(error as Error).message}`);
    }
  }
  const access = { consoleUrl: consoleServer.url, token: options.token, generated: options.tokenGenerated === true };
  log(`Chokepoint ${info.version} console: ${consoleLink(access)}`);
  for (const line of accessNotes(access)) log(line);
  log(`  OTLP/HTTP ${info.otlpHttp.listening ? info.otlpHttp.endpoint : 'off'} · OTLP/gRPC ${info.otlpGrpc.listening ? info.otlpGrpc.endpoint : 'off'}`);
  log(`  data: ${info.databaseFile}${info.hostMetrics.enabled ? ' · sampling this host' : ''}${info.forwardingTo === '' ? '' : ` · forwarding to ${info.forwardingTo}`}`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: flushing and closing…`);
    Promise.all([consoleServer.close(), core.close()]).then(
      () => process.exit(0),
      (error: unknown) => {
        warn(`shutdown failed: ${(error as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}
