/** A numbered schema migration; the database records the last one applied in user_version. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The little of a SQLite connection (better-sqlite3's) that migrating needs. */
export interface MigratableDatabase {
  pragma(source: string, options: { simple: true }): unknown;
  pragma(source: string): unknown;
  exec(sql: string): unknown;
  transaction(fn: () => void): { immediate(): void };
}

export class SchemaTooNewError extends Error {}

/**
 * Applies the migrations newer than the database, each in its own transaction, and refuses a
 * database whose schema is newer than the code: an old build must not write a shape it does not know.
 */
export function migrate(db: MigratableDatabase, migrations: readonly Migration[]): void {
  const latest = migrations.at(-1)?.version ?? 0;
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > latest) {
    throw new SchemaTooNewError(
      `database schema version ${current} is newer than this WOCAS understands (${latest}); upgrade WOCAS`,
    );
  }
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
}
