import pg from 'pg';

/** Drops every table, sequence and function in the URL's public schema: benchmarks start from nothing. */
export async function emptyPostgresDatabase(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
  } finally {
    await client.end();
  }
}
