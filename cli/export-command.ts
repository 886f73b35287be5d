// `chokepoint export --out FILE [--last 15m | --from T --to T]`: save stored telemetry as an incident file.
import { Command, InvalidArgumentError } from 'commander';
import { defaultDataDir } from '../server/default-data-dir.ts';
import { runExport, type ExportCommandOptions } from '../server/run-export.ts';
import { parseDurationMs } from './option-parsers.ts';

interface ExportFlags {
  out: string;
  dataDir?: string;
  from?: bigint;
  to?: bigint;
  last?: number;
  title: string;
  notes: string;
  plain: boolean;
}

/** An ISO date-time ("2026-11-23T10:00:00Z") or Unix nanoseconds → Unix nanoseconds. */
export function parseTime(value: string): bigint {
  if (/^\d{16,20}$/.test(value)) return BigInt(value);
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new InvalidArgumentError(`"${value}" is not a time (ISO 8601, e.g. 2026-11-23T10:00:00Z, or Unix nanoseconds)`);
  return BigInt(ms) * 1_000_000n;
}

export function exportCommand(run: (options: ExportCommandOptions) => Promise<void> = runExport): Command {
  return new Command('export')
    .description('save stored telemetry (all of it, or a time range) as an incident file')
    .requiredOption('--out <file>', 'file to write (.chokepoint, .jsonl or .jsonl.gz)')
    .option('--data-dir <dir>', `the store to read (default ${defaultDataDir()})`)
    .option('--from <time>', 'start of the range (ISO 8601 or Unix ns)', parseTime)
    .option('--to <time>', 'end of the range (ISO 8601 or Unix ns)', parseTime)
    .option('--last <duration>', 'the last N minutes/hours (e.g. 15m), instead of --from/--to', parseDurationMs)
    .option('--title <text>', 'title stored in the file', 'Exported telemetry')
    .option('--notes <text>', 'notes stored in the file', '')
    .option('--plain', 'write plain OTLP JSON Lines without the Chokepoint header', false)
    .action(async (flags: ExportFlags) => {
      const nowNs = BigInt(Date.now()) * 1_000_000n;
      await run({
        dataDir: flags.dataDir ?? defaultDataDir(),
        out: flags.out,
        fromUnixNano: flags.last === undefined ? flags.from : nowNs - BigInt(flags.last) * 1_000_000n,
        toUnixNano: flags.last === undefined ? flags.to : undefined,
        title: flags.title,
        notes: flags.notes,
        plain: flags.plain,
      });
    });
}
