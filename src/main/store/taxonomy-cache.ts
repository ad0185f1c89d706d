import type { Taxonomy } from '../../shared/api/contract.js';
import { CHANNELS } from '../../shared/domain/feedback-item.js';
import type { LocalDatabase } from './open-local-store.js';

const KEY = 'taxonomy';

/**
 * The teams and segments the aggregator knows, as of the last sync, kept in the local store's
 * sync_state so the capture form offers them offline; merged with what this desktop has used.
 */
export class TaxonomyCache {
  constructor(private readonly db: LocalDatabase) {}

  save(taxonomy: Pick<Taxonomy, 'teams' | 'segments'>): void {
    this.db
      .prepare(
        'INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      )
      .run(KEY, JSON.stringify({ teams: taxonomy.teams, segments: taxonomy.segments }));
  }

  /** Channels, and the cached teams and segments with this desktop's own, sorted and distinct. */
  read(extraTeams: readonly string[] = []): Taxonomy {
    const cached = this.cached();
    const local = (column: 'team' | 'segment') =>
      this.db
        .prepare<[], string>(`SELECT DISTINCT ${column} FROM items WHERE ${column} IS NOT NULL`)
        .pluck()
        .all();
    const merge = (...lists: readonly string[][]) =>
      [...new Set(lists.flat())].sort((a, b) => a.localeCompare(b));
    return {
      channels: [...CHANNELS],
      teams: merge(cached.teams, local('team'), [...extraTeams]),
      segments: merge(cached.segments, local('segment')),
    };
  }

  private cached(): { teams: string[]; segments: string[] } {
    const text = this.db
      .prepare<[string], string>('SELECT value FROM sync_state WHERE key = ?')
      .pluck()
      .get(KEY);
    if (text === undefined) return { teams: [], segments: [] };
    const parsed = JSON.parse(text) as { teams?: unknown; segments?: unknown };
    const strings = (value: unknown) =>
      Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
    return { teams: strings(parsed.teams), segments: strings(parsed.segments) };
  }
}
