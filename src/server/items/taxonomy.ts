import { sql } from 'kysely';
import type { Taxonomy } from '../../shared/api/contract.js';
import { CHANNELS } from '../../shared/domain/feedback-item.js';
import { type Sql, rows } from '../storage/sql.js';

/** The teams and segments items have used (kept in `labels` by the ingest path), for filter and form choices. */
export async function taxonomy(q: Sql): Promise<Taxonomy> {
  const labels = await rows(
    q,
    sql<{ kind: string; value: string }>`SELECT kind, value FROM labels ORDER BY kind, value`,
  );
  const of = (kind: string) =>
    labels.filter((label) => label.kind === kind).map((label) => label.value);
  return { channels: [...CHANNELS], teams: of('team'), segments: of('segment') };
}

/** Records the teams and segments of new items as stored (segments redacted): a batch has a handful, written once each. */
export async function addLabels(
  q: Sql,
  items: readonly { team?: string | null | undefined; segment?: string | null | undefined }[],
): Promise<void> {
  const labels = new Map<string, { kind: string; value: string }>();
  for (const item of items) {
    if (item.team) labels.set(`team\u0000${item.team}`, { kind: 'team', value: item.team });
    if (item.segment)
      labels.set(`segment\u0000${item.segment}`, { kind: 'segment', value: item.segment });
  }
  if (labels.size === 0) return;
  await q.db
    .insertInto('labels')
    .values([...labels.values()])
    .onConflict((conflict) => conflict.doNothing())
    .execute();
}
