import { sql } from 'kysely';
import { CHANNELS, type Channel } from '../../shared/domain/item-fields.js';
import {
  CURRENCY_PATTERN,
  type ChannelCost,
  type CostSettings,
} from '../../shared/domain/settings.js';
import { type Sql, first, rows } from '../storage/sql.js';

export type { ChannelCost, CostSettings };

/** Until someone sets one. */
export const DEFAULT_CURRENCY = 'USD';
const CURRENCY_KEY = 'cost_currency';

export class CostSettingError extends Error {}

export async function costSettings(q: Sql): Promise<CostSettings> {
  const currency =
    (await first(q, sql<{ value: string }>`SELECT value FROM settings WHERE key = ${CURRENCY_KEY}`))
      ?.value ?? DEFAULT_CURRENCY;
  const found = await rows(
    q,
    sql<
      { channel: Channel } & ChannelCost
    >`SELECT channel, minutes, per_minute FROM channel_costs ORDER BY channel`,
  );
  const channels: CostSettings['channels'] = {};
  for (const row of found)
    channels[row.channel] = { minutes: Number(row.minutes), per_minute: Number(row.per_minute) };
  return { currency, channels };
}

/** Sets one channel's cost (and the currency, when given); a later set replaces it. */
export async function setChannelCost(
  q: Sql,
  channel: string,
  cost: ChannelCost,
  currency?: string,
): Promise<void> {
  if (!(CHANNELS as readonly string[]).includes(channel))
    throw new CostSettingError(`unknown channel "${channel}": use ${CHANNELS.join(', ')}`);
  for (const [name, value] of Object.entries(cost)) {
    if (!Number.isFinite(value) || value < 0)
      throw new CostSettingError(`--${name.replace('_', '-')} must be a number ≥ 0`);
  }
  if (currency !== undefined && !CURRENCY_PATTERN.test(currency))
    throw new CostSettingError(
      `--currency must be a three-letter code such as USD or CNY, got "${currency}"`,
    );
  await sql`INSERT INTO channel_costs (channel, minutes, per_minute) VALUES (${channel}, ${cost.minutes}, ${cost.per_minute})
    ON CONFLICT (channel) DO UPDATE SET minutes = excluded.minutes, per_minute = excluded.per_minute`.execute(
    q.db,
  );
  if (currency !== undefined) {
    await sql`INSERT INTO settings (key, value) VALUES (${CURRENCY_KEY}, ${currency})
      ON CONFLICT (key) DO UPDATE SET value = excluded.value`.execute(q.db);
  }
}

/** What one contact on each channel costs; channels without a setting are left out (they cost 0). */
export function costPerContact(settings: CostSettings): Map<Channel, number> {
  const out = new Map<Channel, number>();
  for (const [channel, cost] of Object.entries(settings.channels) as [Channel, ChannelCost][])
    out.set(channel, cost.minutes * cost.per_minute);
  return out;
}

/** Money rounded to cents, so sums read the same on both backends. */
export function roundMoney(amount: number): number {
  return Math.round(amount * 100) / 100;
}
