import { type RawBuilder, sql } from 'kysely';
import type { Channel } from '../../shared/domain/feedback-item.js';
import { type CostSettings, costPerContact, roundMoney } from '../costs/channel-costs.js';
import { type Sql, itemsForRanking, rows } from '../storage/sql.js';

/**
 * Each issue's cost to serve over a window and filters: Σ over its items of times heard ×
 * minutes(channel) × cost per minute(channel). Without any channel cost set nothing is read.
 */
export async function issueCosts(
  q: Sql,
  settings: CostSettings,
  where: RawBuilder<unknown>,
  from: number,
  to: number,
): Promise<Map<string, number>> {
  const perContact = costPerContact(settings);
  const costs = new Map<string, number>();
  if (perContact.size === 0) return costs;
  const found = await rows(
    q,
    sql<{
      issue_id: string;
      channel: Channel;
      times_heard: number;
    }>`SELECT issue_id, channel, sum(times_heard) AS times_heard
       FROM ${itemsForRanking(q)} WHERE created_at >= ${from} AND created_at < ${to} ${where} GROUP BY issue_id, channel`,
  );
  for (const row of found) {
    const cost = Number(row.times_heard) * (perContact.get(row.channel) ?? 0);
    costs.set(row.issue_id, (costs.get(row.issue_id) ?? 0) + cost);
  }
  for (const [id, cost] of costs) costs.set(id, roundMoney(cost));
  return costs;
}
