import { existsSync } from 'node:fs';
import { Command } from 'commander';
import { TargetNotEmptyError, copyDatabase } from '../../server/storage/copy-database.js';
import { openPostgresStorage } from '../../server/storage/postgres/open-postgres-storage.js';
import { openSqliteStorage } from '../../server/storage/sqlite/open-sqlite-storage.js';
import { progressLine } from '../progress.js';
import { UsageError } from '../usage-error.js';

interface MigrateDbOptions {
  from: string;
  to: string;
}

export function migrateDbCommand(): Command {
  return new Command('migrate-db')
    .description(
      "copy a site's embedded SQLite database into an empty PostgreSQL database, all or nothing",
    )
    .requiredOption('--from <sqlite:PATH>', 'the SQLite database, as sqlite:PATH')
    .requiredOption('--to <postgres://…>', 'the PostgreSQL database (created beforehand, empty)')
    .action(async (options: MigrateDbOptions) => {
      if (!options.from.startsWith('sqlite:'))
        throw new UsageError(`--from must be sqlite:PATH, got "${options.from}"`);
      const path = options.from.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
      if (path === '') throw new UsageError('--from needs a path after sqlite:');
      if (!existsSync(path)) throw new UsageError(`--from: no SQLite database at ${path}`);
      if (!/^postgres(ql)?:\/\//.test(options.to))
        throw new UsageError('--to must be a postgres:// URL');
      const source = openSqliteStorage(path);
      try {
        const target = await openPostgresStorage(options.to);
        try {
          const progress = progressLine('copied');
          const summary = await copyDatabase(source, target, progress.update);
          progress.done();
          process.stdout.write(`${JSON.stringify(summary)}\n`);
        } catch (error) {
          if (error instanceof TargetNotEmptyError) throw new UsageError(error.message);
          throw error;
        } finally {
          await target.close();
        }
      } finally {
        await source.close();
      }
    });
}
