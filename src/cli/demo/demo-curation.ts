import { sql } from 'kysely';
import type { IssueUpdate } from '../../server/issues/issue-actions.js';
import { updateIssue } from '../../server/issues/issue-actions.js';
import { type Sql, rows } from '../../server/storage/sql.js';
import type { Storage } from '../../server/storage/storage.js';

/**
 * What the demo's analyst has already done, so a newcomer sees the whole story: an issue being
 * fixed, one fixed and one under investigation, each with an owner and, once known, a confirmed
 * root cause and a note the agents read in My feedback. Issues are found by their title (the
 * grouper names them after a verbatim), the biggest match first; none found, nothing is done.
 */
const CURATED: { title: RegExp; update: IssueUpdate }[] = [
  {
    title: /refund/i,
    update: {
      status: 'fix_in_progress',
      owner: 'Billing operations',
      root_cause: 'Refunds to a closed or replaced card bounce and wait for a manual re-issue',
      note: 'From Monday a bounced refund goes to the account balance automatically',
    },
  },
  {
    title: /quote/i,
    update: {
      status: 'fixed',
      owner: 'Billing',
      root_cause: 'The in-store quote tool left out the device insurance add-on',
      note: 'Quote tool corrected; customers charged more than quoted were refunded',
    },
  },
  { title: /hold time/i, update: { status: 'investigating', owner: 'Contact centre planning' } },
];

async function liveIssuesBySize(q: Sql): Promise<{ id: string; title: string }[]> {
  return rows(
    q,
    sql<{
      id: string;
      title: string;
    }>`SELECT i.id, i.title FROM issues i JOIN issue_totals t ON t.issue_id = i.id
      WHERE i.merged_into IS NULL ORDER BY t.mentions DESC, i.id`,
  );
}

export async function curateDemo(storage: Storage, now: number): Promise<void> {
  const issues = await liveIssuesBySize(storage);
  const taken = new Set<string>();
  for (const { title, update } of CURATED) {
    const issue = issues.find(
      (candidate) => title.test(candidate.title) && !taken.has(candidate.id),
    );
    if (!issue) continue;
    taken.add(issue.id);
    await updateIssue(storage, issue.id, update, { now, actor: 'demo analyst' });
  }
}
