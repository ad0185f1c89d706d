import { SUGGESTION_FLOOR } from '../../shared/grouping/suggestion-floor.js';
import { CentroidIndex } from '../../shared/grouping/centroid-index.js';
import { type TermVector, countTerms } from '../../shared/grouping/term-vector.js';
import {
  type IssueExplanation,
  type IssueSnapshot,
  OPEN_STATUSES,
} from '../../shared/domain/issue.js';
import type { Suggestion } from '../../shared/api/contract.js';
import { tokenize } from '../../shared/text/tokenize.js';
import { matchedWords } from '../../shared/grouping/matched-words.js';
import type { LocalDatabase } from './open-local-store.js';

export type { IssueExplanation, IssueSnapshot, Suggestion };

/** sync_state key of the source (aggregator and token fingerprint) the cached issues came from. */
const SOURCE_KEY = 'issues_source';

/**
 * The desktop's copy of the aggregator's issues: for "heard again" suggestions while offline and
 * for showing agents what became of their feedback. Updated by cursor, never by the desktop clock.
 */
export class IssueCache {
  private index: CentroidIndex | undefined;
  private readonly upsertStatement;

  constructor(private readonly db: LocalDatabase) {
    this.upsertStatement = db.prepare(`
      INSERT INTO issues (id, title, status, owner, mentions, times_heard, merged_into, terms, seen_status, root_cause, note)
      VALUES (@id, @title, @status, @owner, @mentions, @times_heard, @merged_into, @terms, @status, @root_cause, @note)
      ON CONFLICT (id) DO UPDATE SET title = excluded.title, status = excluded.status, owner = excluded.owner,
        root_cause = excluded.root_cause, note = excluded.note,
        mentions = excluded.mentions, times_heard = excluded.times_heard, merged_into = excluded.merged_into,
        terms = excluded.terms`);
    // seen_status starts at the status first received: only later changes count as news.
  }

  /**
   * Makes `source` (answerSource of the configured aggregator and token; null: none configured)
   * the one the cache holds answers for. Another source, or none, forgets every cached issue and
   * the issues cursor: what an earlier token could read (an analyst's root causes, notes and
   * terms) must not stay on disk for the next one, and the next pull brings all that the new token
   * may read. A cache from before sources were recorded counts as another source's. Captured items
   * and their sync state are untouched. Answers whether anything was forgotten.
   */
  useSource(source: string | null): boolean {
    return this.db
      .transaction(() => {
        if (source !== null && this.source() === source) return false;
        this.forget();
        this.db.prepare('DELETE FROM sync_state WHERE key = ?').run(SOURCE_KEY);
        if (source !== null)
          this.db
            .prepare('INSERT INTO sync_state (key, value) VALUES (?, ?)')
            .run(SOURCE_KEY, source);
        return true;
      })
      .immediate();
  }

  /** The source the cached issues came from (answerSource), if one is recorded. */
  source(): string | undefined {
    return this.db
      .prepare<[string], string>('SELECT value FROM sync_state WHERE key = ?')
      .pluck()
      .get(SOURCE_KEY);
  }

  /**
   * Applies a page of changes from `source` and the cursor that follows it, in one transaction.
   * A page from a source no longer the cache's (settings changed while it was on its way) is
   * dropped: false, and the caller stops pulling.
   */
  apply(issues: readonly IssueSnapshot[], cursor: string, source: string): boolean {
    const applied = this.db
      .transaction(() => {
        if (this.source() !== source) return false;
        for (const issue of issues)
          this.upsertStatement.run({
            root_cause: null,
            note: null,
            ...issue,
            terms: JSON.stringify(issue.terms),
          });
        this.db
          .prepare(
            "INSERT INTO sync_state (key, value) VALUES ('issues_cursor', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
          )
          .run(cursor);
        return true;
      })
      .immediate();
    this.index = undefined;
    return applied;
  }

  /**
   * Sets the root cause and note of cached issues from the lookup of the agent's items: the
   * aggregator shows an issue's cause only to whoever holds one of its items, so an issue pulled
   * before the agent's item landed in it (merge, move, recluster, "heard again") was cached
   * without. Issues not cached yet are left to the next pull, which brings the whole snapshot.
   */
  explain(details: Readonly<Record<string, IssueExplanation>>, source: string): void {
    const statement = this.db.prepare<[string | null, string | null, string]>(
      'UPDATE issues SET root_cause = ?, note = ? WHERE id = ?',
    );
    this.db.transaction(() => {
      // From a token no longer configured: not this cache's to keep.
      if (this.source() !== source) return;
      for (const [id, { root_cause, note }] of Object.entries(details))
        statement.run(root_cause, note, id);
    })();
  }

  cursor(): string | undefined {
    return this.db
      .prepare("SELECT value FROM sync_state WHERE key = 'issues_cursor'")
      .pluck()
      .get() as string | undefined;
  }

  /** Forgets every cached issue (not their source): the aggregator did not know our cursor. */
  reset(): void {
    this.db.transaction(() => this.forget())();
  }

  /** Every cached issue and the cursor they were pulled up to; the caller holds a transaction. */
  private forget(): void {
    this.db.exec("DELETE FROM issues; DELETE FROM sync_state WHERE key = 'issues_cursor'");
    this.index = undefined;
  }

  /** Open issues most like what the agent is typing, best first. */
  suggest(text: string, limit = 5): Suggestion[] {
    const counts = countTerms(tokenize(text));
    if (counts.size === 0) return [];
    // The cached centroids carry the aggregator's IDF weighting; plain TF on the query side suffices.
    const entries = [...counts].sort((a, b) => b[1] - a[1]);
    const norm = Math.sqrt(entries.reduce((sum, [, c]) => sum + c * c, 0));
    const vector: TermVector = {
      terms: entries.map(([t]) => t),
      weights: Float64Array.from(entries, ([, c]) => c / norm),
    };
    const rows = new Map(this.openIssues().map((row) => [row.id, row]));
    const index = this.searchIndex();
    return index
      .nearest(vector, limit)
      .filter((match) => match.similarity >= SUGGESTION_FLOOR && rows.has(match.issueId))
      .map((match) => {
        const row = rows.get(match.issueId) as CachedIssueRow;
        return {
          id: row.id,
          title: row.title,
          status: row.status,
          mentions: row.mentions,
          similarity: match.similarity,
          // The cached terms are those the aggregator let this token have: shared ones for agents.
          matched: matchedWords(
            text,
            (term) => index.get(row.id)?.sum.get(term),
            () => true,
          ),
        };
      });
  }

  private searchIndex(): CentroidIndex {
    if (this.index) return this.index;
    const index = new CentroidIndex();
    for (const row of this.openIssues())
      index.put(row.id, JSON.parse(row.terms) as [string, number][], row.mentions, true);
    this.index = index;
    return index;
  }

  private openIssues(): CachedIssueRow[] {
    return this.db
      .prepare<[], CachedIssueRow>('SELECT * FROM issues WHERE merged_into IS NULL')
      .all()
      .filter((row) => OPEN_STATUSES.has(row.status));
  }
}

/** A cached issue as stored: the snapshot with its terms as JSON, and what the agent last saw. */
type CachedIssueRow = Omit<IssueSnapshot, 'terms'> & { terms: string; seen_status: string | null };
