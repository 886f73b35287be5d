// `chokepoint serve`: the core plus the console on http://127.0.0.1:8686, until interrupted.
import { Command } from 'commander';
import { defaultCoreOptions, DEFAULT_CONSOLE_PORT } from '../server/core-options.ts';
import type { ServeOptions } from '../server/core-options.ts';
import { defaultDataDir } from '../server/default-data-dir.ts';
import { runServe } from '../server/run-serve.ts';
import { chooseAccessToken, TOKEN_ENV } from '../server/access-token.ts';
import { asChokepointError } from '../common/error-codes.ts';
import { collect, parseDurationMs, parseOnOff, parsePort, parsePortOrOff, parseSizeBytes } from './option-parsers.ts';

interface ServeFlags {
  port: number;
  otlpHttp: number | false;
  otlpGrpc: number | false;
  host: string;
  token?: string;
  dataDir?: string;
  hostMetrics: boolean;
  hostMetricsInterval: number;
  forwardTo: string;
  retentionAge: number;
  retentionSize: number;
  corsOrigin: string[];
  demo: boolean;
}

/** `run` receives the parsed options; tests pass their own to check the parsing. */
export function serveCommand(run: (options: ServeOptions) => Promise<void> = runServe): Command {
  const defaults = defaultCoreOptions('');
  const command: Command = new Command('serve');
  return command
    .description('receive OpenTelemetry data and serve the console in a browser')
    .option('--port <port>', 'console (UI + JSON API) port', parsePort, DEFAULT_CONSOLE_PORT)
    .option('--otlp-http <port|off>', 'OTLP/HTTP receiver port', parsePortOrOff, defaults.otlpHttpPort ?? false)
    .option('--otlp-grpc <port|off>', 'OTLP/gRPC receiver port', parsePortOrOff, defaults.otlpGrpcPort ?? false)
    .option('--host <address>', 'interface to bind (loopback by default; elsewhere an access token is required)', defaults.host)
    .option('--token <secret>', `access token every receiver and the console require (default $${TOKEN_ENV}; generated and printed when --host is not loopback)`)
    .option('--data-dir <dir>', `where the database lives (default ${defaultDataDir()})`)
    .option('--host-metrics <on|off>', "sample this machine's CPU, memory, disk and network", parseOnOff, true)
    .option('--host-metrics-interval <duration>', 'host sampling interval', parseDurationMs, defaults.hostMetricsIntervalMs)
    .option('--forward-to <url>', 'also send everything received to this OTLP/HTTP endpoint', '')
    .option('--retention-age <duration>', 'delete data older than this', parseDurationMs, defaults.retention.maxAgeMs)
    .option('--retention-size <size>', 'keep the database under this size', parseSizeBytes, defaults.retention.maxBytes)
    .option('--cors-origin <origin>', 'extra browser origin allowed to send OTLP (repeatable; * for any)', collect, [])
    .option('--demo', 'open the bundled demo incident when the store holds no spans yet', false)
    .action(async (flags: ServeFlags) => {
      let access: ReturnType<typeof chooseAccessToken>;
      try {
        access = chooseAccessToken({ host: flags.host, flagToken: flags.token, envToken: process.env[TOKEN_ENV] });
      } catch (error) {
        command.error(`error: ${asChokepointError(error).message}`, { code: 'chokepoint.token' });
      }
      const options: ServeOptions = {
        ...defaults,
        dataDir: flags.dataDir ?? defaultDataDir(),
        host: flags.host,
        token: access.token,
        tokenGenerated: access.generated,
        port: flags.port,
        otlpHttpPort: flags.otlpHttp === false ? null : flags.otlpHttp,
        otlpGrpcPort: flags.otlpGrpc === false ? null : flags.otlpGrpc,
        hostMetrics: flags.hostMetrics,
        hostMetricsIntervalMs: flags.hostMetricsInterval,
        forwardTo: flags.forwardTo,
        retention: { maxAgeMs: flags.retentionAge, maxBytes: flags.retentionSize },
        corsOrigins: flags.corsOrigin,
        demo: flags.demo,
      };
      await run(options);
    });
}
