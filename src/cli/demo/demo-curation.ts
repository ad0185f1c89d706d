import { sql } from 'kysely';
import type { IssueUpdate } from '../../server/issues/issue-actions.js';
import { updateIssue } from '../../server/issues/issue-actions.js';
import { type Sql, rows } from '../../server/storage/sql.js';
import type { Storage } from '../../server/storage/storage.js';

/**
 * What the demo's analyst has already done, so a newcomer sees the whole story: an issue being
 * fixed, one fixed and one under investigation, each with an owner and, once known, a confirmed
 * root cause and a note the agents read in My feedback. Each is the issue holding most items that
 * say its word (titles are the grouper's labels, which need not contain it); none, nothing is done.
 */
const CURATED: { word: string; update: IssueUpdate }[] = [
  {
    word: 'refund',
    update: {
      status: 'fix_in_progress',
      owner: 'Billing operations',
      root_cause: 'Refunds to a closed or replaced card bounce and wait for a manual re-issue',
      note: 'From Monday a bounced refund goes to the account balance automatically',
    },
  },
  {
    word: 'quote',
    update: {
      status: 'fixed',
      owner: 'Billing',
      root_cause: 'The in-store quote tool left out the device insurance add-on',
      note: 'Quote tool corrected; customers charged more than quoted were refunded',
    },
  },
  { word: 'hold', update: { status: 'investigating', owner: 'Contact centre planning' } },
];

/** Live issues by how many of their items say `word`, most first. */
async function issuesSaying(q: Sql, word: string): Promise<string[]> {
  const found = await rows(
    q,
    sql<{ issue_id: string }>`SELECT it.issue_id FROM items it JOIN issues i ON i.id = it.issue_id
      WHERE i.merged_into IS NULL AND lower(it.text) LIKE ${`%${word}%`}
      GROUP BY it.issue_id ORDER BY count(*) DESC, it.issue_id`,
  );
  return found.map((row) => row.issue_id);
}

export async function curateDemo(storage: Storage, now: number): Promise<void> {
  const taken = new Set<string>();
  for (const { word, update } of CURATED) {
    const id = (await issuesSaying(storage, word)).find((candidate) => !taken.has(candidate));
    if (id === undefined) continue;
    taken.add(id);
    await updateIssue(storage, id, update, { now, actor: 'demo analyst' });
  }
}
