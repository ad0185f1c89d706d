import { sql } from 'kysely';
import type { IssueStatus } from '../../shared/domain/issue.js';
import { type Sql, chunks, first, rows } from '../storage/sql.js';

export interface IssueRow {
  id: string;
  title: string;
  title_source: 'auto' | 'analyst';
  status: IssueStatus;
  owner: string | null;
  root_cause: string | null;
  merged_into: string | null;
  curated: 0 | 1;
  model: string;
  created_at: number;
  updated_at: number;
  change_seq: number;
  /** 1 preventable, 0 needed, null not judged. */
  preventable: number | null;
  value_dimension: string | null;
}

/** The grouper's centroid as persisted: member count and the heaviest terms of the summed vectors. */
export interface IssueModel {
  size: number;
  terms: [string, number][];
}

const ROWS_PER_STATEMENT = 1_000;

export async function createIssues(
  q: Sql,
  issues: readonly { id: string; title: string }[],
  now: number,
): Promise<void> {
  for (const slice of chunks(issues, ROWS_PER_STATEMENT)) {
    await q.db
      .insertInto('issues')
      .values(slice.map(({ id, title }) => ({ id, title, created_at: now, updated_at: now })))
      .execute();
  }
}

export async function getIssue(q: Sql, id: string): Promise<IssueRow | undefined> {
  return first(q, sql<IssueRow>`SELECT * FROM issues WHERE id = ${id}`);
}

/** Saves centroids, many per statement: a batch touches up to one issue per item. */
export async function saveModels(q: Sql, models: ReadonlyMap<string, IssueModel>): Promise<void> {
  for (const slice of chunks([...models], ROWS_PER_STATEMENT)) {
    // VALUES names its columns column1, column2 on both engines.
    const values = sql.join(slice.map(([id, model]) => sql`(${id}, ${JSON.stringify(model)})`));
    await sql`UPDATE issues SET model = v.column2 FROM (VALUES ${values}) AS v WHERE issues.id = v.column1`.execute(
      q.db,
    );
  }
}

/** Sets an automatic title; a title an analyst wrote is kept. */
/** Sets an issue's automatic title, unless an analyst named it; an unchanged title is not a change to sync. */
export async function setAutoTitle(q: Sql, id: string, title: string): Promise<void> {
  await sql`UPDATE issues SET title = ${title}
    WHERE id = ${id} AND title_source = 'auto' AND title <> ${title}`.execute(q.db);
}

export async function retireIssue(q: Sql, id: string, into: string, now: number): Promise<void> {
  await sql`UPDATE issues SET merged_into = ${into}, updated_at = ${now} WHERE id = ${id}`.execute(
    q.db,
  );
}

/** Live issues (not merged away) with their models, for loading the grouper. */
export async function liveIssues(q: Sql): Promise<IssueRow[]> {
  return rows(q, sql<IssueRow>`SELECT * FROM issues WHERE merged_into IS NULL`);
}

/** Issues written after a change sequence number: what another process did since we last looked. */
export async function issuesChangedAfter(q: Sql, changeSeq: number): Promise<IssueRow[]> {
  return rows(
    q,
    sql<IssueRow>`SELECT * FROM issues WHERE change_seq > ${changeSeq} ORDER BY change_seq`,
  );
}

export async function latestChangeSeq(q: Sql): Promise<number> {
  return Number(
    (await first(q, sql<{ n: number | null }>`SELECT max(change_seq) AS n FROM issues`))?.n ?? 0,
  );
}

export async function issueRedirects(q: Sql): Promise<[string, string][]> {
  const found = await rows(
    q,
    sql<{
      id: string;
      merged_into: string;
    }>`SELECT id, merged_into FROM issues WHERE merged_into IS NOT NULL`,
  );
  return found.map((row) => [row.id, row.merged_into]);
}

export async function curatedIssueIds(q: Sql): Promise<Set<string>> {
  return new Set(
    (await rows(q, sql<{ id: string }>`SELECT id FROM issues WHERE curated = 1`)).map(
      (row) => row.id,
    ),
  );
}
