import { setTimeout as sleep } from 'node:timers/promises';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { SchemaTooNewError } from '../../../shared/storage/migrate.js';
import type { Schema } from '../schema.js';
import type { Sql } from '../sql.js';
import { type Storage, StorageUnavailableError } from '../storage.js';
import { migratePostgres } from './migrate-postgres.js';
import { isTransient } from '../transient-errors.js';
import { describeUrl, unavailable } from './postgres-errors.js';

/** Taken by every writing transaction; see Storage.write. */
export const WRITE_LOCK = 0x574f434153_00;

export interface PostgresOptions {
  /** Connections per process. */
  poolSize?: number;
  /** Attempts for a transaction that failed on a transient error (a dropped connection, a restart). */
  attempts?: number;
  connectTimeoutMs?: number;
  statementTimeoutMs?: number;
}

const DEFAULTS: Required<PostgresOptions> = {
  poolSize: 10,
  attempts: 5,
  connectTimeoutMs: 5_000,
  statementTimeoutMs: 120_000,
};

/**
 * BIGINT and NUMERIC (what count() and sum() return) come back as strings by default, to spare
 * values beyond 2^53. Ours are counts and epoch milliseconds, far below it.
 */
const AS_NUMBER = new Set<number>([pg.types.builtins.INT8, pg.types.builtins.NUMERIC]);
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format: 'text' | 'binary' = 'text'): unknown =>
    AS_NUMBER.has(oid)
      ? Number
      : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

export function parsePostgresUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new StorageUnavailableError(
      '--database-url is not a URL; expected postgres://user@host:5432/database',
    );
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new StorageUnavailableError(
      `--database-url must start with postgres:// (got ${parsed.protocol}//…)`,
    );
  }
  return parsed;
}

/** Retries `work` on transient errors with exponential backoff and full jitter. */
async function retrying<T>(attempts: number, work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !isTransient(error)) throw error;
      await sleep(Math.random() * Math.min(2_000, 50 * 2 ** attempt));
    }
  }
}

/** Connects a pool, checks the database answers, and brings its schema up to date. */
export async function openPostgresStorage(
  url: string,
  options: PostgresOptions = {},
): Promise<Storage> {
  const settings = { ...DEFAULTS, ...options };
  const parsed = parsePostgresUrl(url);
  const pool = new pg.Pool({
    connectionString: url,
    max: settings.poolSize,
    connectionTimeoutMillis: settings.connectTimeoutMs,
    idleTimeoutMillis: 30_000,
    statement_timeout: settings.statementTimeoutMs,
    application_name: 'wocas',
    // JIT compiling costs more (0.6 s measured on the ranking query) than these short queries run.
    options: '-c jit=off',
    types,
  });
  // An idle connection that dies (a database restart) must not take the process with it: the pool
  // drops it and the next query opens a fresh one.
  pool.on('error', (error) =>
    process.stderr.write(`wocas: PostgreSQL connection lost: ${error.message}\n`),
  );
  // A connection that dies while in use fails its query (which the caller sees, and a write
  // retries), and also emits 'error': unheard, that event would end the process.
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  try {
    await retrying(3, () => sql`SELECT 1`.execute(db));
    await migratePostgres(db);
  } catch (error) {
    await db.destroy();
    if (error instanceof SchemaTooNewError) throw error;
    throw unavailable(error, parsed);
  }
  return {
    backend: 'postgres',
    db,
    description: describeUrl(parsed),
    write: <T>(work: (tx: Sql) => Promise<T>) =>
      retrying(settings.attempts, () =>
        db.transaction().execute(async (trx) => {
          await sql`SELECT pg_advisory_xact_lock(${sql.lit(WRITE_LOCK)})`.execute(trx);
          return work({ db: trx, backend: 'postgres' });
        }),
      ),
    close: () => db.destroy(),
  };
}
