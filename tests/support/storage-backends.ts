import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { StorageLocation } from '../../src/server/storage/storage.js';

/**
 * The storage suite runs on both backends. PostgreSQL is the server at WOCAS_TEST_POSTGRES_URL
 * (default: 127.0.0.1:5432, trust auth, database "test"); each test gets a database of its own,
 * created empty and dropped afterwards.
 */
export const ADMIN_URL =
  process.env.WOCAS_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestStorage {
  location: StorageLocation;
  /** The SQLite file, or the PostgreSQL URL: what a `wocas` process is given. */
  cliFlags: string[];
  drop: () => Promise<void>;
}

export interface Backend {
  name: 'sqlite' | 'postgres';
  /** Why this backend's tests are skipped here, or null when they run. */
  skipReason: string | null;
  fresh: () => Promise<TestStorage>;
}

async function postgresReachable(): Promise<string | null> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (error) {
    return `PostgreSQL is not reachable at ${ADMIN_URL} (${(error as Error).message})`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

let counter = 0;

/** Runs `work` on one plain connection to a PostgreSQL database, without migrating it. */
export async function withPostgresClient<T>(
  url: string,
  work: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const admin = <T>(work: (client: pg.Client) => Promise<T>) => withPostgresClient(ADMIN_URL, work);

/** A new, empty PostgreSQL database; its URL. */
export async function createPostgresDatabase(): Promise<{
  url: string;
  drop: () => Promise<void>;
}> {
  const name = `wocas_test_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  await admin((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.href,
    drop: () =>
      admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(
        () => undefined,
      ),
  };
}

const postgresSkip = await postgresReachable();
if (postgresSkip !== null && process.env.CI === 'true') {
  throw new Error(
    `${postgresSkip}; under CI=true the PostgreSQL suite may not skip (.ci/run starts it)`,
  );
}
if (postgresSkip !== null)
  process.stderr.write(`note: skipping the PostgreSQL storage tests: ${postgresSkip}\n`);

export const BACKENDS: readonly Backend[] = [
  {
    name: 'sqlite',
    skipReason: null,
    fresh: () => {
      const dir = mkdtempSync(join(tmpdir(), 'wocas-store-'));
      const db = join(dir, 'wocas.db');
      const drop = () => Promise.resolve(rmSync(dir, { recursive: true, force: true }));
      return Promise.resolve({ location: { db }, cliFlags: ['--db', db], drop });
    },
  },
  {
    name: 'postgres',
    skipReason: postgresSkip,
    fresh: async () => {
      const database = await createPostgresDatabase();
      // `db` is what a caller would pass too: the URL wins, as on the command line.
      return {
        location: { db: join(tmpdir(), 'unused.db'), databaseUrl: database.url },
        cliFlags: ['--database-url', database.url],
        drop: database.drop,
      };
    },
  },
];

/** `describe.each` rows: the backends with their skip flags. */
export const backendCases = BACKENDS.map((backend) => ({
  ...backend,
  skip: backend.skipReason !== null,
}));
