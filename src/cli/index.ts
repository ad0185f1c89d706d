import { Command, CommanderError } from 'commander';
import { UsageError } from './usage-error.js';

/**
 * Each verb's module loads only when that verb runs (every one when listing them all for
 * --help): a short command should not pay for the HTTP stack, spreadsheets or the desktop store.
 */
const VERBS: Record<string, () => Promise<Command>> = {
  import: async () => (await import('./commands/import.js')).importCommand(),
  issues: async () => (await import('./commands/issues.js')).issuesCommand(),
  recluster: async () => (await import('./commands/recluster.js')).reclusterCommand(),
  demo: async () => (await import('./commands/demo.js')).demoCommand(),
  capture: async () => (await import('./commands/capture.js')).captureCommand(),
  sync: async () => (await import('./commands/sync.js')).syncCommand(),
  serve: async () => (await import('./commands/serve.js')).serveCommand(),
  token: async () => (await import('./commands/token.js')).tokenCommand(),
  report: async () => (await import('./commands/report.js')).reportCommand(),
  issue: async () => (await import('./commands/issue.js')).issueCommand(),
  cost: async () => (await import('./commands/cost.js')).costCommand(),
  webhook: async () => (await import('./commands/webhook.js')).webhookCommand(),
  'migrate-db': async () => (await import('./commands/migrate-db.js')).migrateDbCommand(),
};

/** The program with the verb `argv` names, or with every verb when it names none it knows. */
export async function buildProgram(argv: readonly string[] = []): Promise<Command> {
  const program = new Command('wocas').description(
    'What Our Customers Are Saying: capture, group and rank what customers tell agents',
  );
  const verb = argv[0];
  const names = verb !== undefined && Object.hasOwn(VERBS, verb) ? [verb] : Object.keys(VERBS);
  for (const name of names) program.addCommand(await (VERBS[name] as () => Promise<Command>)());
  oneLineErrors(program);
  return program;
}

/** Commander's own parse errors get the same one-line "wocas: …" form as every other error. */
function oneLineErrors(command: Command): void {
  command.exitOverride().configureOutput({
    outputError: (message, write) =>
      write(`wocas: ${message.replace(/^error: /, '').split('\n')[0]}\n`),
  });
  for (const sub of command.commands) oneLineErrors(sub);
}

/** Runs the CLI; every failure becomes one line on stderr and a non-zero exit code. */
export async function main(argv: string[]): Promise<number> {
  try {
    await (await buildProgram(argv)).parseAsync(argv, { from: 'user' });
    return Number(process.exitCode ?? 0);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    const message = isZodError(error)
      ? error.issues.map((i) => i.message).join('; ')
      : (error as Error).message;
    process.stderr.write(`wocas: ${message.split('\n')[0]}\n`);
    if (process.env.WOCAS_DEBUG) process.stderr.write(`${(error as Error).stack}\n`);
    return error instanceof UsageError ? 2 : 1;
  }
}

/** Zod's validation error, recognised without loading zod for verbs that never use it. */
function isZodError(error: unknown): error is { issues: { message: string }[] } {
  return (
    error instanceof Error &&
    error.name === 'ZodError' &&
    Array.isArray((error as { issues?: unknown }).issues)
  );
}
