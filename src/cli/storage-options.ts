import { Option, type Command } from 'commander';

export interface StorageOptions {
  db: string;
  databaseUrl?: string;
}

/** `--db` / `--database-url` on every server-side verb, each also read from the environment. */
export function withStorageOptions(command: Command): Command {
  return command
    .addOption(
      new Option('--db <path>', 'embedded SQLite database file')
        .env('WOCAS_DB')
        .default('./wocas.db'),
    )
    .addOption(
      new Option('--database-url <url>', 'PostgreSQL connection URL (postgres://…)').env(
        'WOCAS_DATABASE_URL',
      ),
    );
}
