// `chokepoint replay FILE [--speed 1|10|100|max] [--json]`: replay a recorded incident through the pipeline
// and print the findings as they would have fired.
import { Command, InvalidArgumentError } from 'commander';
import { runReplay, type ReplayCommandOptions } from '../server/run-replay.ts';
import { parseOverride } from './analyze-command.ts';

interface ReplayFlags {
  speed: number | 'max';
  shiftToNow: boolean;
  json: boolean;
  dataDir?: string;
  rules: boolean;
  set: Record<string, number>;
}

export function parseSpeed(value: string): number | 'max' {
  if (value.toLowerCase() === 'max') return 'max';
  const speed = Number(value.replace(/x$/i, ''));
  if (!Number.isFinite(speed) || speed <= 0) throw new InvalidArgumentError(`"${value}" is not a speed (a positive number like 1, 10, 100, or max)`);
  return speed;
}

export function replayCommand(run: (options: ReplayCommandOptions) => Promise<unknown> = runReplay): Command {
  return new Command('replay')
    .description('replay an incident file (or OTLP JSON Lines) through the pipeline as it would have arrived live')
    .argument('<file>', 'incident file: .chokepoint, OTLP JSON Lines (.jsonl), an OTLP/JSON body, or .gz of these')
    .option('--speed <speed>', 'incident seconds per second: 1, 10, 100 … or max', parseSpeed, 'max' as const)
    .option('--shift-to-now', 'move timestamps so the incident starts now', false)
    .option('--json', 'print {"findings":[...]} (each with detectedAtUnixNano) on stdout', false)
    .option('--data-dir <dir>', 'replay into this store and keep it (default: a scratch store, deleted)')
    .option('--no-rules', 'only load the data; do not run the rules')
    .option('--set <rule.threshold=value>', 'override a rule threshold (repeatable; a backtest)', parseOverride, {})
    .action(async (file: string, flags: ReplayFlags) => {
      await run({ file, speed: flags.speed, shiftToNow: flags.shiftToNow, json: flags.json, dataDir: flags.dataDir, rules: flags.rules, overrides: flags.set });
    });
}
