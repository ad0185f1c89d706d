import { sql } from 'kysely';
import { phraseCountsOf } from '../../shared/grouping/issue-label.js';
import { setAutoTitle } from '../issues/issues-repo.js';
import { first, rows } from '../storage/sql.js';
import type { Storage } from '../storage/storage.js';
import { titleOfIssue } from './online-labels.js';
import { loadVocabulary } from './vocabulary-repo.js';

/** The settings key recording which rule made the stored automatic titles. */
const TITLES_KEY = 'auto_titles';
/**
 * The rule the titles follow now: shared phrases only, a text pasted again counted once
 * (issueTitle). Earlier rules: a new issue titled by a verbatim; then 'shared-phrases', under which
 * copies of one e-mail made its signature look shared. A database titled by an older rule is
 * retitled once.
 */
const TITLES_RULE = 'distinct-voices';

/**
 * Retitles, once per database, every issue whose title an analyst did not type. Databases titled
 * by an earlier rule hold titles every token reads (a verbatim, a customer's signature); from then
 * on each write path titles by the rule itself, so this runs again only after the rule changes.
 */
export async function retitleOnce(storage: Storage): Promise<number> {
  const done = await first(
    storage,
    sql<{ value: string }>`SELECT value FROM settings WHERE key = ${TITLES_KEY}`,
  );
  if (done?.value === TITLES_RULE) return 0;
  return storage.write(async (tx) => {
    const phrases = phraseCountsOf(await loadVocabulary(tx));
    const issues = await rows(
      tx,
      sql<{ id: string }>`SELECT id FROM issues
        WHERE title_source = 'auto' AND merged_into IS NULL
          AND EXISTS (SELECT 1 FROM items WHERE items.issue_id = issues.id)`,
    );
    for (const { id } of issues) await setAutoTitle(tx, id, await titleOfIssue(tx, id, phrases));
    await sql`INSERT INTO settings (key, value) VALUES (${TITLES_KEY}, ${TITLES_RULE})
      ON CONFLICT (key) DO UPDATE SET value = excluded.value`.execute(tx.db);
    return issues.length;
  });
}
