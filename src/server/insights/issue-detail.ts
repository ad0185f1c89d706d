import { sql } from 'kysely';
import type { CountedText, IssueDetail } from '../../shared/api/contract.js';
import type { Channel } from '../../shared/domain/feedback-item.js';
import { dot } from '../../shared/grouping/term-vector.js';
import { textVectors } from '../../shared/grouping/text-vectors.js';
import { rankIssues } from '../issues/rank-issues.js';
import { type Sql, first, rows } from '../storage/sql.js';
import { type ItemFilter, itemConditions } from './window.js';

const VERBATIMS = 6;
/** Members read to choose representatives from: the most recent, which is what analysts act on. */
const SAMPLE = 400;

interface ItemRow {
  id: string;
  text: string;
  channel: Channel;
  team: string | null;
  created_at: number;
  root_cause: string | null;
  suggested_fix: string | null;
}

export class IssueNotFoundError extends Error {}

/** Near-identical notes ("SIM not activated" / "sim not activated.") count as one. */
export function groupTexts(texts: readonly (string | null)[]): CountedText[] {
  const groups = new Map<string, CountedText>();
  for (const text of texts) {
    if (!text) continue;
    const key = text
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[\s\p{P}]+/gu, ' ')
      .trim();
    const group = groups.get(key);
    if (group) group.count += 1;
    else groups.set(key, { text, count: 1 });
  }
  return [...groups.values()]
    .sort((a, b) => b.count - a.count || a.text.localeCompare(b.text))
    .slice(0, 10);
}

/**
 * Representative verbatims that together show the issue's range: the one closest to the issue's
 * centre first, then each next the one least like those already chosen (max-min diversity).
 */
export function diverseVerbatims<T extends { text: string }>(
  items: readonly T[],
  count: number,
): T[] {
  if (items.length <= count) return [...items];
  const { vectors, centre } = textVectors(items.map((item) => item.text));
  const chosen: number[] = [];
  let best = 0;
  vectors.forEach((v, i) => {
    if (dot(v, centre) > dot(vectors[best] as typeof v, centre)) best = i;
  });
  chosen.push(best);
  const closest = vectors.map((v) => dot(v, toMap(vectors[best] as typeof v)));
  while (chosen.length < count) {
    let next = -1;
    closest.forEach((similarity, i) => {
      if (!chosen.includes(i) && (next === -1 || similarity < (closest[next] as number))) next = i;
    });
    chosen.push(next);
    const added = toMap(vectors[next] as (typeof vectors)[number]);
    vectors.forEach((v, i) => (closest[i] = Math.max(closest[i] as number, dot(v, added))));
  }
  return chosen.map((i) => items[i] as T);
}

function toMap(vector: { terms: readonly string[]; weights: Float64Array }): Map<string, number> {
  return new Map(vector.terms.map((term, i) => [term, vector.weights[i] as number]));
}

export async function issueDetail(
  q: Sql,
  issueId: string,
  filter: ItemFilter,
  now: number,
): Promise<IssueDetail> {
  const ranked = (await rankIssues(q, { ...filter, issueIds: [issueId] }, now)).issues[0];
  if (!ranked) throw new IssueNotFoundError(`no items of issue ${issueId} in this window`);
  const members = await rows(
    q,
    sql<ItemRow>`SELECT id, text, channel, team, created_at, root_cause, suggested_fix FROM items
      WHERE issue_id = ${issueId} AND ${itemConditions(filter)} ORDER BY created_at DESC, seq DESC LIMIT ${SAMPLE}`,
  );
  // First and last heard whatever the window: the issue's own first_seen is the window's first.
  const span = await first(
    q,
    sql<{
      first_seen: number | null;
      last_seen: number | null;
    }>`SELECT min(created_at) AS first_seen, max(created_at) AS last_seen FROM items
      WHERE issue_id = ${issueId} AND ${itemConditions({ ...filter, from: undefined, to: undefined })}`,
  );
  const rootCause =
    (
      await first(
        q,
        sql<{ root_cause: string | null }>`SELECT root_cause FROM issues WHERE id = ${issueId}`,
      )
    )?.root_cause ?? null;
  return {
    issue: ranked,
    // The window holds an item (or the ranking would have found none), so all time does too.
    all_time:
      span?.first_seen != null && span.last_seen != null
        ? {
            first_seen: new Date(Number(span.first_seen)).toISOString(),
            last_seen: new Date(Number(span.last_seen)).toISOString(),
          }
        : { first_seen: ranked.first_seen, last_seen: ranked.last_seen },
    root_cause: rootCause,
    verbatims: diverseVerbatims(members, VERBATIMS).map((row) => ({
      id: row.id,
      text: row.text,
      channel: row.channel,
      team: row.team,
      created_at: new Date(row.created_at).toISOString(),
    })),
    root_causes: groupTexts(members.map((row) => row.root_cause)),
    suggested_fixes: groupTexts(members.map((row) => row.suggested_fix)),
  };
}
