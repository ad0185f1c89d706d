import { type Kysely, sql } from 'kysely';
import { SchemaTooNewError } from '../../../shared/storage/migrate.js';
import type { Schema } from '../schema.js';
import { type PostgresMigration, POSTGRES_MIGRATIONS } from './migrations.js';

/** Distinct from the write lock: only processes starting up at once wait on this one. */
const MIGRATION_LOCK = 0x574f434153_01;

/**
 * Applies the migrations newer than the database in one transaction (PostgreSQL's DDL is
 * transactional: a failed step leaves nothing half-done), under an advisory lock so that several
 * aggregators starting together migrate once. Refuses a schema newer than this build.
 */
export async function migratePostgres(
  db: Kysely<Schema>,
  migrations: readonly PostgresMigration[] = POSTGRES_MIGRATIONS,
): Promise<void> {
  const latest = migrations.at(-1)?.version ?? 0;
  await db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(${sql.lit(MIGRATION_LOCK)})`.execute(trx);
    await sql`CREATE TABLE IF NOT EXISTS wocas_schema (version INTEGER NOT NULL)`.execute(trx);
    const found = await sql<{ version: number }>`SELECT version FROM wocas_schema`.execute(trx);
    const current = found.rows[0]?.version ?? 0;
    if (current > latest) {
      throw new SchemaTooNewError(
        `database schema version ${current} is newer than this WOCAS understands (${latest}); upgrade WOCAS`,
      );
    }
    for (const migration of migrations) {
      if (migration.version <= current) continue;
      await sql.raw(migration.sql).execute(trx);
    }
    if (current === 0)
      await sql`INSERT INTO wocas_schema (version) VALUES (${latest})`.execute(trx);
    else if (current < latest) await sql`UPDATE wocas_schema SET version = ${latest}`.execute(trx);
  });
}
