import type { Taxonomy } from '../../shared/api/contract.js';
import { CHANNELS } from '../../shared/domain/feedback-item.js';
import type { SqliteDatabase } from '../storage/sqlite/open-database.js';

/** The teams and segments items have used, for filter and form choices. */
export function taxonomy(db: SqliteDatabase): Taxonomy {
  const distinct = (column: 'team' | 'segment') =>
    db.prepare<[], string>(`SELECT DISTINCT ${column} FROM items WHERE ${column} IS NOT NULL ORDER BY ${column}`).pluck().all();
  return { channels: [...CHANNELS], teams: distinct('team'), segments: distinct('segment') };
}
