import { sql } from 'kysely';
import { SHARED_TERM_MIN_ITEMS } from '../../shared/grouping/shared-terms.js';
import { Vocabulary } from '../../shared/grouping/term-vector.js';
import { type Sql, chunks, rows } from '../storage/sql.js';

/** Counters kept in the settings table. */
export interface GroupingCounters {
  /** Documents counted in the vocabulary. */
  documents: number;
  /**
   * Bumped by every rewrite of the grouping outside the ingest path (reclustering, merges, splits,
   * status changes): a process whose grouper was loaded under an older generation reloads it.
   */
  generation: number;
  /** Bumped by every ingest transaction; stamps the vocabulary terms it counted. */
  ingestSeq: number;
}

const TERMS_PER_STATEMENT = 1_000;

export async function groupingCounters(q: Sql): Promise<GroupingCounters> {
  const found = await rows(
    q,
    sql<{
      key: string;
      value: string;
    }>`SELECT key, value FROM settings WHERE key IN ('documents', 'grouping_generation', 'ingest_seq')`,
  );
  const value = (key: string) => Number(found.find((row) => row.key === key)?.value ?? 0);
  return {
    documents: value('documents'),
    generation: value('grouping_generation'),
    ingestSeq: value('ingest_seq'),
  };
}

export async function loadVocabulary(q: Sql): Promise<Vocabulary> {
  const { documents } = await groupingCounters(q);
  const terms = await rows(q, sql<{ term: string; df: number }>`SELECT term, df FROM vocabulary`);
  return new Vocabulary(
    documents,
    terms.map((row) => [row.term, row.df]),
  );
}

/** Terms whose counts changed after an ingest sequence number, with their counts now. */
export async function termsChangedAfter(q: Sql, ingestSeq: number): Promise<[string, number][]> {
  const found = await rows(
    q,
    sql<{ term: string; df: number }>`SELECT term, df FROM vocabulary WHERE seq > ${ingestSeq}`,
  );
  return found.map((row) => [row.term, row.df]);
}

async function addToSetting(q: Sql, key: string, amount: number): Promise<void> {
  await sql`INSERT INTO settings (key, value) VALUES (${key}, ${String(amount)})
    ON CONFLICT (key) DO UPDATE
    SET value = CAST(CAST(settings.value AS BIGINT) + CAST(excluded.value AS BIGINT) AS TEXT)`.execute(
    q.db,
  );
}

/**
 * Takes an edited or withdrawn item's words back out of the document frequencies (signed
 * increments: -1 for each term the old text held, +1 for each the new one holds), so a word no item
 * holds any more stops counting as shared. Terms left in no document are dropped. ingest_seq is
 * left alone: the caller bumps the generation, so every grouper reloads the vocabulary whole.
 * Returns the terms that were shared (SHARED_TERM_MIN_ITEMS) and are no longer: a title made while
 * they were may hold them.
 */
export async function adjustVocabulary(
  q: Sql,
  increments: ReadonlyMap<string, number>,
  documents: number,
): Promise<string[]> {
  const { ingestSeq } = await groupingCounters(q);
  const changed = [...increments].filter(([, df]) => df !== 0);
  for (const slice of chunks(changed, TERMS_PER_STATEMENT)) {
    const values = sql.join(slice.map(([term, df]) => sql`(${term}, ${df}, ${ingestSeq})`));
    await sql`INSERT INTO vocabulary (term, df, seq) VALUES ${values}
      ON CONFLICT (term) DO UPDATE SET df = vocabulary.df + excluded.df`.execute(q.db);
    await sql`DELETE FROM vocabulary WHERE df <= 0 AND term IN (${sql.join(slice.map(([term]) => term))})`.execute(
      q.db,
    );
  }
  if (documents !== 0) await addToSetting(q, 'documents', documents);
  // Terms that were shared before and are not now: how often each is left is read back.
  const lowered = new Map(changed.filter(([, df]) => df < 0));
  const left = new Map<string, number>();
  for (const slice of chunks([...lowered.keys()], TERMS_PER_STATEMENT)) {
    const found = await rows(
      q,
      sql<{ term: string; df: number }>`SELECT term, df FROM vocabulary
        WHERE term IN (${sql.join(slice)})`,
    );
    for (const row of found) left.set(row.term, Number(row.df));
  }
  return [...lowered].flatMap(([term, change]) => {
    const now = left.get(term) ?? 0;
    return now < SHARED_TERM_MIN_ITEMS && now - change >= SHARED_TERM_MIN_ITEMS ? [term] : [];
  });
}

export async function bumpGeneration(q: Sql): Promise<void> {
  await addToSetting(q, 'grouping_generation', 1);
}

/**
 * Adds a batch's document frequencies (increments, not totals), stamped with the batch's ingest
 * sequence number, which it also records.
 */
export async function addToVocabulary(
  q: Sql,
  increments: ReadonlyMap<string, number>,
  documents: number,
  ingestSeq: number,
): Promise<void> {
  for (const slice of chunks([...increments], TERMS_PER_STATEMENT)) {
    const values = sql.join(slice.map(([term, df]) => sql`(${term}, ${df}, ${ingestSeq})`));
    await sql`INSERT INTO vocabulary (term, df, seq) VALUES ${values}
      ON CONFLICT (term) DO UPDATE SET df = vocabulary.df + excluded.df, seq = excluded.seq`.execute(
      q.db,
    );
  }
  await addToSetting(q, 'documents', documents);
  await sql`INSERT INTO settings (key, value) VALUES ('ingest_seq', ${String(ingestSeq)})
    ON CONFLICT (key) DO UPDATE SET value = excluded.value`.execute(q.db);
}
