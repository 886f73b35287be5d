// The `chokepoint` command line.
import { Command } from 'commander';
import { CHOKEPOINT_VERSION } from '../server/version.ts';
import { analyzeCommand } from './analyze-command.ts';
import { exportCommand } from './export-command.ts';
import { recordCommand } from './record-command.ts';
import { replayCommand } from './replay-command.ts';
import { serveCommand } from './serve-command.ts';

export async function runCli(argv: string[]): Promise<void> {
  const program = new Command('chokepoint')
    .description('Find why a system does not scale: OpenTelemetry and host metrics in, bottlenecks and the fitting scaling technique out.')
    .version(CHOKEPOINT_VERSION)
    .addCommand(serveCommand())
    .addCommand(recordCommand())
    .addCommand(replayCommand())
    .addCommand(exportCommand())
    .addCommand(analyzeCommand());
  await program.parseAsync(argv);
}
