import { Command, CommanderError } from 'commander';
import { ZodError } from 'zod';
import { importCommand } from './commands/import.js';
import { issuesCommand } from './commands/issues.js';
import { reclusterCommand } from './commands/recluster.js';
import { demoCommand } from './commands/demo.js';
import { serveCommand } from './commands/serve.js';
import { tokenCommand } from './commands/token.js';
import { captureCommand } from './commands/capture.js';
import { syncCommand } from './commands/sync.js';
import { reportCommand } from './commands/report.js';
import { issueCommand } from './commands/issue.js';
import { migrateDbCommand } from './commands/migrate-db.js';
import { UsageError } from './usage-error.js';

export function buildProgram(): Command {
  const program = new Command('wocas')
    .description('What Our Customers Are Saying: capture, group and rank what customers tell agents');
  for (const command of [importCommand(), issuesCommand(), reclusterCommand(), demoCommand(), captureCommand(), syncCommand(), serveCommand(), tokenCommand(), reportCommand(), issueCommand(), migrateDbCommand()]) {
    program.addCommand(command);
  }
  oneLineErrors(program);
  return program;
}

/** Commander's own parse errors get the same one-line "wocas: …" form as every other error. */
function oneLineErrors(command: Command): void {
  command.exitOverride().configureOutput({
    outputError: (message, write) => write(`wocas: ${message.replace(/^error: /, '').split('\n')[0]}\n`),
  });
  for (const sub of command.commands) oneLineErrors(sub);
}

/** Runs the CLI; every failure becomes one line on stderr and a non-zero exit code. */
export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv, { from: 'user' });
    return Number(process.exitCode ?? 0);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    const message = error instanceof ZodError ? error.issues.map((i) => i.message).join('; ') : (error as Error).message;
    process.stderr.write(`wocas: ${message.split('\n')[0]}\n`);
    if (process.env.WOCAS_DEBUG) process.stderr.write(`${(error as Error).stack}\n`);
    return error instanceof UsageError ? 2 : 1;
  }
}
