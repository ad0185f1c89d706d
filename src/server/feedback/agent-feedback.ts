import { sql } from 'kysely';
import { matchedWords } from '../../shared/grouping/matched-words.js';
import { isSharedTerm } from '../../shared/grouping/shared-terms.js';
import { confidentMatches } from '../../shared/grouping/suggestion-floor.js';
import type { MyFeedbackItem, Suggestion } from '../../shared/api/contract.js';
import type { Channel } from '../../shared/domain/feedback-item.js';
import type { IssueStatus } from '../../shared/domain/issue.js';
import type { Grouper } from '../../shared/grouping/grouper.js';
import { countTerms } from '../../shared/grouping/term-vector.js';
import { suggestionQuery } from '../../shared/text/suggestion-query.js';
import { tokenize } from '../../shared/text/tokenize.js';
import { latestNotes } from '../issues/issue-history.js';
import { describeMatches } from '../issues/issue-matches.js';
import { type ItemHolder, heldBy } from '../items/items-repo.js';
import { type Sql, inList, rows } from '../storage/sql.js';

/**
 * Open issues most like a text, from the live grouper (the same index that assigns items); only
 * those it is confident about, so it often shows nothing rather than something wrong. The text
 * is what an agent is typing: it is redacted here by the rule the clients apply before sending
 * (`suggestionQuery`), so a client that did not (an older page, a script) still gets no match on
 * a customer's e-mail address or number, and nothing downstream ever holds one.
 */
export async function suggestIssues(
  q: Sql,
  grouper: Grouper,
  text: string,
  limit: number,
  /** Which terms the caller may match on (src/shared/grouping/shared-terms.ts). */
  useTerm: (term: string) => boolean = () => true,
): Promise<Suggestion[]> {
  const query = suggestionQuery(text);
  const terms = tokenize(query);
  const counts = new Map([...countTerms(terms)].filter(([term]) => useTerm(term)));
  if (counts.size === 0) return [];
  const vector = grouper.vectorize(counts);
  const nearest = grouper.index.nearest(vector, limit);
  const matches = confidentMatches(
    vector,
    nearest,
    (id) => grouper.index.get(id),
    grouper.vocabulary,
  );
  // Whoever asks, the words shown are terms items share: one customer's word stays unsaid.
  const shared = (term: string) => useTerm(term) && isSharedTerm(grouper.vocabulary, term);
  return (await describeMatches(q, matches)).map((suggestion) => ({
    ...suggestion,
    matched: matchedWords(query, (term) => grouper.index.get(suggestion.id)?.sum.get(term), shared),
  }));
}

interface MineRow {
  id: string;
  text: string;
  channel: Channel;
  times_heard: number;
  created_at: number;
  issue_id: string;
  title: string;
  status: IssueStatus;
  owner: string | null;
  root_cause: string | null;
  seen: string | null;
}

/**
 * An agent's own items (their name in their team) with their issue now (following merges), what
 * the analyst confirmed and noted, and whether it changed: changed items on top, then newest first.
 */
export async function agentFeedback(
  q: Sql,
  holder: ItemHolder,
  limit: number,
): Promise<MyFeedbackItem[]> {
  const mine = await rows(
    q,
    sql<MineRow>`SELECT it.id, it.text, it.channel, it.times_heard, it.created_at, s.id AS issue_id, s.title, s.status, s.owner, s.root_cause, seen.status AS seen
         FROM items it
         JOIN issues direct ON direct.id = it.issue_id
         JOIN issues s ON s.id = coalesce(direct.merged_into, direct.id)
         LEFT JOIN feedback_seen seen ON seen.agent = ${holder.agent} AND seen.issue_id = s.id
        WHERE ${heldBy(holder, 'it')} ORDER BY it.created_at DESC, it.seq DESC LIMIT ${limit}`,
  );
  const notes = await latestNotes(q, [...new Set(mine.map((row) => row.issue_id))]);
  const items = mine.map((row): MyFeedbackItem => ({
    id: row.id,
    text: row.text,
    created_at: new Date(row.created_at).toISOString(),
    sync_state: 'synced',
    channel: row.channel,
    times_heard: Number(row.times_heard),
    issue: {
      id: row.issue_id,
      title: row.title,
      status: row.status,
      owner: row.owner,
      root_cause: row.root_cause,
      note: notes.get(row.issue_id) ?? null,
    },
    // Nothing seen yet counts as seen at "new": any progress since is news.
    unseen: row.status !== (row.seen ?? 'new'),
  }));
  return changedFirst(items);
}

/** Changed items on top, each group keeping its newest-first order (a stable sort). */
export function changedFirst(items: MyFeedbackItem[]): MyFeedbackItem[] {
  return [...items].sort((a, b) => Number(b.unseen) - Number(a.unseen));
}

export async function markSeen(q: Sql, agent: string, issueIds: readonly string[]): Promise<void> {
  if (issueIds.length === 0) return;
  await sql`INSERT INTO feedback_seen (agent, issue_id, status)
      SELECT CAST(${agent} AS TEXT), id, status FROM issues WHERE ${inList(sql.ref('id'), issueIds)}
      ON CONFLICT (agent, issue_id) DO UPDATE SET status = excluded.status`.execute(q.db);
}
