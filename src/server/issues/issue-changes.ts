import { sql } from 'kysely';
import type { IssueExplanation, IssueSnapshot, IssueStatus } from '../../shared/domain/issue.js';
import { type ItemOwner, ownedBy } from '../items/items-repo.js';
import { type Sql, inList, rows } from '../storage/sql.js';
import { latestNotes } from './issue-history.js';
import { type IssueModel, latestChangeSeq } from './issues-repo.js';

export type { IssueExplanation, IssueSnapshot } from '../../shared/domain/issue.js';

export interface IssueChangePage {
  issues: IssueSnapshot[];
  /** Opaque to clients: pass it back to get what changed after this page. */
  cursor: string;
  has_more: boolean;
}

/** Terms per snapshot: suggestions need the gist of an issue, not its whole centroid. */
const SNAPSHOT_TERMS = 40;

interface Row {
  id: string;
  title: string;
  status: IssueStatus;
  owner: string | null;
  root_cause: string | null;
  merged_into: string | null;
  model: string;
  change_seq: number;
}

export class InvalidCursorError extends Error {}

function parseCursor(cursor: string | undefined): number {
  if (cursor === undefined || cursor === '') return 0;
  if (!/^c\d{1,15}$/.test(cursor))
    throw new InvalidCursorError(
      `unknown cursor "${cursor.slice(0, 40)}": start again without one`,
    );
  return Number(cursor.slice(1));
}

/** What a page may show its reader beyond what every token sees (docs/permissions.md). */
export interface SnapshotReader {
  /**
   * Whose items make an issue's root cause and note readable: an issue holding at least one of
   * them shows both, any other shows both as null ('all': every issue shows them).
   */
  items: ItemOwner;
  /** Which centroid terms the caller may be shown (src/shared/grouping/shared-terms.ts). */
  showTerm?: (term: string) => boolean;
}

/**
 * Issues changed after a cursor, oldest change first. Every write to an issue takes the next
 * change_seq inside the writer's transaction, so a page never skips a change that commits later
 * with a smaller number. Moving an item into an issue writes the issue too, so a reader who may
 * read its cause only from then on gets it again with the next page.
 */
export async function issueChangesSince(
  q: Sql,
  cursor: string | undefined,
  limit: number,
  reader: SnapshotReader,
): Promise<IssueChangePage> {
  const { items: owner, showTerm = () => true } = reader;
  const after = parseCursor(cursor);
  const latest = await latestChangeSeq(q);
  // A cursor from the future means this is not the database the client synced with (restored,
  // replaced): the client must drop its cache and start again.
  if (after > latest) throw new InvalidCursorError('unknown cursor: start again without one');
  const found = await rows(
    q,
    sql<Row>`SELECT id, title, status, owner, root_cause, merged_into, model, change_seq FROM issues
      WHERE change_seq > ${after} ORDER BY change_seq LIMIT ${limit + 1}`,
  );
  const page = found.slice(0, limit);
  // Whether the reader holds an item of each issue comes from the same scan as the counts (one
  // query per page): the counts read every item of the page's issues already.
  const counts = new Map(
    (
      await rows(
        q,
        sql<{
          issue_id: string;
          mentions: number;
          times_heard: number;
          readable: number;
        }>`SELECT issue_id, count(*) AS mentions, sum(times_heard) AS times_heard,
            max(CASE WHEN ${ownedBy(owner)} THEN 1 ELSE 0 END) AS readable
          FROM items WHERE ${inList(
            sql.ref('issue_id'),
            page.map((row) => row.id),
          )} GROUP BY issue_id`,
      )
    ).map((row) => [row.issue_id, row]),
  );
  // A merged-away or emptied issue holds no items: only readers of everything get its cause.
  const readable = (id: string) => owner === 'all' || Number(counts.get(id)?.readable) === 1;
  const notes = await latestNotes(
    q,
    page.filter((row) => readable(row.id)).map((row) => row.id),
  );
  const issues = page.map((row): IssueSnapshot => {
    const { mentions, times_heard } = counts.get(row.id) ?? { mentions: 0, times_heard: 0 };
    const model = JSON.parse(row.model) as IssueModel;
    return {
      id: row.id,
      title: row.title,
      status: row.status,
      owner: row.owner,
      mentions,
      times_heard,
      merged_into: row.merged_into,
      root_cause: readable(row.id) ? row.root_cause : null,
      note: notes.get(row.id) ?? null,
      terms: model.terms
        .filter(([term]) => showTerm(term))
        .sort((a, b) => b[1] - a[1])
        .slice(0, SNAPSHOT_TERMS),
    };
  });
  const last = page.at(-1)?.change_seq ?? after;
  return { issues, cursor: `c${last}`, has_more: found.length > limit };
}

/**
 * The root cause and latest note of each of these issues, in two queries whatever their number
 * (the caller keeps the list bounded). The caller has decided the reader may read them all.
 */
export async function issueExplanations(
  q: Sql,
  issueIds: readonly string[],
): Promise<Record<string, IssueExplanation>> {
  const ids = [...new Set(issueIds)];
  if (ids.length === 0) return {};
  const found = await rows(
    q,
    sql<{
      id: string;
      root_cause: string | null;
    }>`SELECT id, root_cause FROM issues WHERE ${inList(sql.ref('id'), ids)}`,
  );
  const notes = await latestNotes(q, ids);
  return Object.fromEntries(
    found.map((row) => [row.id, { root_cause: row.root_cause, note: notes.get(row.id) ?? null }]),
  );
}
