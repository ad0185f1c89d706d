import { sql } from 'kysely';
import type { ItemChange } from '../../shared/domain/item-change.js';
import { redactField } from '../../shared/text/redact.js';
import { rebuildIssueModels } from '../grouping/recluster-database.js';
import { retitleIssuesUsing } from '../grouping/online-labels.js';
import { adjustVocabulary, bumpGeneration } from '../grouping/vocabulary-repo.js';
import { tokenize } from '../../shared/text/tokenize.js';
import { recomputeIssueTotals } from '../issues/issue-totals.js';
import { type Sql, first } from '../storage/sql.js';
import { type ItemHolder, ownsItem } from './items-repo.js';
import { authorOf, changedItems, madeBy, withdrawnByHolder } from './changed-items.js';
import type { Storage } from '../storage/storage.js';

/** What the aggregator did with a batch of item changes, each answered on its own. */
export interface ChangeOutcome {
  applied: string[];
  /** Applied before (a retried push): nothing changed now. */
  duplicates: string[];
  rejected: { id: string; error: string }[];
  /** Change id → the item's verbatim as stored now (null once withdrawn), for applied and duplicates. */
  stored: Map<string, { text: string | null; redactions: number }>;
}

/** What a batch of changes does to the vocabulary: signed document frequencies, and documents. */
interface VocabularyChange {
  increments: Map<string, number>;
  documents: number;
}

/** Counts a text's distinct terms (as ingest counts them) into the change, once each, by `sign`. */
function countText(change: VocabularyChange, text: string, sign: 1 | -1): void {
  for (const term of new Set(tokenize(text)))
    change.increments.set(term, (change.increments.get(term) ?? 0) + sign);
}

interface ItemRow {
  id: string;
  issue_id: string;
  agent: string | null;
  team: string | null;
  text: string;
  redactions: number;
}

const NOT_YOURS = 'item_id: no such item of yours';

/**
 * Applies agents' corrections and withdrawals of their own items (their name in their team), in one
 * write transaction.
 * Each change's row is inserted before anything else: a change id already there is a retry and
 * changes nothing, so a desktop that pushes again after a lost answer is harmless. Only the item's
 * own agent may change it; one refused change never holds back the others.
 *
 * A withdrawn item is deleted (its verbatim should not linger) and its change row stays as the
 * tombstone ingest honours. Its issue's totals, centroid and automatic title are rebuilt from the
 * items left, as an analyst's move does; an edited item stays in its issue with the centroid
 * rebuilt, and may move at the next recluster.
 */
export async function applyItemChanges(
  storage: Storage,
  holder: ItemHolder,
  changes: readonly ItemChange[],
  now: number,
): Promise<ChangeOutcome> {
  return storage.write(async (tx) => {
    const outcome: ChangeOutcome = { applied: [], duplicates: [], rejected: [], stored: new Map() };
    const touched = new Set<string>();
    const words: VocabularyChange = { increments: new Map(), documents: 0 };
    for (const change of changes) {
      const error = await applyOne(tx, holder, change, now, { touched, words, outcome });
      if (error !== null) outcome.rejected.push({ id: change.id, error });
    }
    if (touched.size > 0) {
      // Before the titles are rebuilt: they count as shared only words two items still hold.
      const unshared = await adjustVocabulary(tx, words.increments, words.documents);
      await rebuildIssueModels(tx, touched);
      // Other issues titled by such a word while two items held it are titled again.
      await retitleIssuesUsing(tx, unshared, touched);
      await recomputeIssueTotals(tx, [...touched]);
      // Every process's grouper reloads at its next ingest, so none assigns by a stale centroid.
      await bumpGeneration(tx);
    }
    return outcome;
  });
}

/** Applies one change; the refusal's words, or null. */
async function applyOne(
  tx: Sql,
  holder: ItemHolder,
  change: ItemChange,
  now: number,
  {
    touched,
    words,
    outcome,
  }: { touched: Set<string>; words: VocabularyChange; outcome: ChangeOutcome },
): Promise<string | null> {
  const earlier = await first(
    tx,
    sql<{
      item_id: string;
      kind: string;
      agent: string;
      team: string | null;
      team_known: number;
    }>`SELECT item_id, kind, agent, team, team_known FROM item_changes WHERE id = ${change.id}`,
  );
  const item = await first(
    tx,
    sql<ItemRow>`SELECT id, issue_id, agent, team, text, redactions FROM items WHERE id = ${change.item_id}`,
  );
  const { agent } = holder;
  // The same name in another team is another person (a name given again, a lead's push naming it).
  const mine = item !== undefined && ownsItem(holder, item);
  if (earlier !== undefined) {
    if (
      earlier.item_id !== change.item_id ||
      earlier.kind !== change.kind ||
      !madeBy(authorOf(earlier), holder)
    )
      return 'id: conflict: already used for another change';
    outcome.duplicates.push(change.id);
    outcome.stored.set(change.id, storedOf(mine ? item : undefined));
    return null;
  }
  if (item !== undefined && !mine) return NOT_YOURS;
  if (change.kind === 'edit') {
    if (item === undefined)
      return withdrawnByHolder(
        (await changedItems(tx, [change.item_id])).withdrawn.get(change.item_id),
        holder,
      )
        ? 'item_id: this item was withdrawn'
        : NOT_YOURS;
    const redacted = redactField(change.text);
    const text = redacted.text ?? '';
    const redactions = Number(item.redactions) + redacted.count;
    await sql`UPDATE items SET text = ${text}, redactions = ${redactions} WHERE id = ${item.id}`.execute(
      tx.db,
    );
    countText(words, item.text, -1);
    countText(words, text, 1);
    outcome.stored.set(change.id, { text, redactions: redacted.count });
  } else {
    // An item not here yet is withdrawn all the same: the tombstone keeps a push still on its way out.
    if (item !== undefined) {
      await sql`DELETE FROM items WHERE id = ${item.id}`.execute(tx.db);
      countText(words, item.text, -1);
      words.documents -= 1;
    }
    outcome.stored.set(change.id, { text: null, redactions: 0 });
  }
  if (item !== undefined) touched.add(item.issue_id);
  await tx.db
    .insertInto('item_changes')
    .values({
      id: change.id,
      item_id: change.item_id,
      kind: change.kind,
      agent,
      team: holder.team,
      team_known: 1,
      at: now,
    })
    .execute();
  outcome.applied.push(change.id);
  return null;
}

function storedOf(item: ItemRow | undefined): { text: string | null; redactions: number } {
  return item === undefined ? { text: null, redactions: 0 } : { text: item.text, redactions: 0 };
}
