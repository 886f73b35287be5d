// The `chokepoint` command line.
import { Command } from 'commander';
import { ChokepointError } from '../common/error-codes.ts';
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
  try {
    await program.parseAsync(argv);
  } catch (error) {
    // A failure with a name (a data dir that cannot be used, a file that is not an incident) is said in one line
    // and ends the command with status 2; anything else is a bug and keeps its stack trace.
    if (!(error instanceof ChokepointError)) throw error;
    process.stderr.write(`chokepoint: ${error.message}\n`);
    process.exitCode = 2;
  }
}
