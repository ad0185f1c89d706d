import { sql } from 'kysely';
import type { SplitProposal } from '../../shared/api/contract.js';
import { proposeSplit } from '../../shared/grouping/split-proposal.js';
import type { Vocabulary } from '../../shared/grouping/term-vector.js';
import { type Sql, rows } from '../storage/sql.js';

/** Items a proposal reads, newest first: enough to see two problems, bounded for a huge issue. */
export const SPLIT_ITEMS_READ = 1_000;
const SAMPLES = 3;

/**
 * Two problems an issue may hold, from its newest items, weighed by the grouping's vocabulary.
 * Nothing is moved: the analyst splits with `issues.split` and the proposal's item ids.
 */
export async function splitProposal(
  q: Sql,
  vocabulary: Vocabulary,
  issueId: string,
): Promise<SplitProposal> {
  const items = await rows(
    q,
    sql<{
      id: string;
      text: string;
    }>`SELECT id, text FROM items WHERE issue_id = ${issueId} ORDER BY created_at DESC, seq DESC LIMIT ${SPLIT_ITEMS_READ}`,
  );
  const parts = proposeSplit(
    items.map((item) => item.text),
    vocabulary,
  );
  return {
    id: issueId,
    read: items.length,
    parts: (parts ?? []).map((part) => ({
      label: part.label,
      count: part.members.length,
      item_ids: part.members.map((i) => (items[i] as { id: string }).id),
      samples: part.members.slice(0, SAMPLES).map((i) => (items[i] as { text: string }).text),
    })),
  };
}
