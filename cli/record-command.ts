// `chokepoint record --out FILE [--duration 5m]`: receive OTLP (and sample this host) and save it all as one
// incident file when the duration ends or on Ctrl+C.
import { Command } from 'commander';
import { defaultCoreOptions } from '../server/core-options.ts';
import { runRecord, type RecordOptions } from '../server/run-record.ts';
import { parseDurationMs, parseOnOff, parsePortOrOff } from './option-parsers.ts';

interface RecordFlags {
  out: string;
  duration: number;
  otlpHttp: number | false;
  otlpGrpc: number | false;
  hostMetrics: boolean;
  hostMetricsInterval: number;
  title: string;
  notes: string;
  plain: boolean;
  dataDir?: string;
}

type RecordRun = (options: Omit<RecordOptions, 'dataDir' | 'keepData'> & { dataDir?: string }) => Promise<void>;

export function recordCommand(run: RecordRun = runRecord): Command {
  const defaults = defaultCoreOptions('');
  return new Command('record')
    .description('receive OpenTelemetry data and save it as an incident file (.chokepoint, or .jsonl/.jsonl.gz)')
    .requiredOption('--out <file>', 'incident file to write')
    .option('--duration <duration>', 'stop after this long (e.g. 90s, 5m); default: until Ctrl+C', parseDurationMs, 0)
    .option('--otlp-http <port|off>', 'OTLP/HTTP receiver port', parsePortOrOff, defaults.otlpHttpPort ?? false)
    .option('--otlp-grpc <port|off>', 'OTLP/gRPC receiver port', parsePortOrOff, defaults.otlpGrpcPort ?? false)
    .option('--host-metrics <on|off>', "sample this machine's CPU, memory, disk and network", parseOnOff, true)
    .option('--host-metrics-interval <duration>', 'host sampling interval', parseDurationMs, defaults.hostMetricsIntervalMs)
    .option('--title <text>', 'title stored in the file', 'Recorded incident')
    .option('--notes <text>', 'notes stored in the file', '')
    .option('--plain', 'write plain OTLP JSON Lines without the Chokepoint header', false)
    .option('--data-dir <dir>', 'keep the recorded data in this store too (default: a scratch store, deleted)')
    .action(async (flags: RecordFlags) => {
      await run({
        ...defaults,
        out: flags.out,
        durationMs: flags.duration,
        otlpHttpPort: flags.otlpHttp === false ? null : flags.otlpHttp,
        otlpGrpcPort: flags.otlpGrpc === false ? null : flags.otlpGrpc,
        hostMetrics: flags.hostMetrics,
        hostMetricsIntervalMs: flags.hostMetricsInterval,
        title: flags.title,
        notes: flags.notes,
        plain: flags.plain,
        dataDir: flags.dataDir,
        // Recording keeps everything it received, however old its timestamps.
        retention: { maxAgeMs: 0, maxBytes: 0 },
      });
    });
}
