import type { Taxonomy } from '../../shared/api/contract.js';
import { CHANNELS } from '../../shared/domain/feedback-item.js';
import type { SqliteDatabase } from '../storage/sqlite/open-database.js';

/** The teams and segments items have used (kept in `labels` by a trigger), for filter and form choices. */
export function taxonomy(db: SqliteDatabase): Taxonomy {
  const values = db.prepare<[string], string>('SELECT value FROM labels WHERE kind = ? ORDER BY value').pluck();
  return { channels: [...CHANNELS], teams: values.all('team'), segments: values.all('segment') };
}
