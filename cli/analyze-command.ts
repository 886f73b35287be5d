// `chokepoint analyze FILE... [--json] [--fail-on warning|critical] [--set rule.threshold=value]`
import { Command, InvalidArgumentError, Option } from 'commander';
import { SEVERITIES, type Severity } from '../common/findings.ts';
import { runAnalyze, type AnalyzeOptions } from '../server/run-analyze.ts';

interface AnalyzeFlags {
  json: boolean;
  failOn?: Severity;
  set: Record<string, number>;
}

/** "rule-id.threshold=value" → accumulated overrides. */
export function parseOverride(value: string, previous: Record<string, number>): Record<string, number> {
  const match = /^([a-z0-9-]+\.[A-Za-z0-9]+)=(-?\d+(?:\.\d+)?(?:e-?\d+)?)$/.exec(value.trim());
  if (match === null) throw new InvalidArgumentError(`"${value}" is not rule.threshold=value (e.g. pool-exhaustion.waitP95Ms=100)`);
  return { ...previous, [match[1]]: Number(match[2]) };
}

export function analyzeCommand(run: (options: AnalyzeOptions) => Promise<number> = runAnalyze): Command {
  return new Command('analyze')
    .description('find bottlenecks in recorded telemetry (OTLP JSON Lines, incident files, OTLP/JSON bodies, .gz)')
    .argument('<files...>', 'files to analyse together (e.g. the traces and metrics files of one incident)')
    .option('--json', 'print exactly {"findings":[...]} on stdout', false)
    .addOption(new Option('--fail-on <severity>', 'exit 3 when a finding at or above this severity exists').choices(SEVERITIES.filter((s) => s !== 'info')))
    .option('--set <rule.threshold=value>', 'override a rule threshold (repeatable; a backtest)', parseOverride, {})
    .action(async (files: string[], flags: AnalyzeFlags) => {
      process.exitCode = await run({ files, json: flags.json, failOn: flags.failOn, overrides: flags.set });
    });
}
