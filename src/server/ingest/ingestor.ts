import type { IncomingItem } from '../../shared/domain/feedback-item.js';
import type { Grouper } from '../../shared/grouping/grouper.js';
import { issueTitle, phraseCountsOf } from '../../shared/grouping/issue-label.js';
import { countTerms } from '../../shared/grouping/term-vector.js';
import { redactField } from '../../shared/text/redact.js';
import { tokenize } from '../../shared/text/tokenize.js';
import { applyIssueRow, centroidModel, loadGrouper } from '../grouping/grouping-state.js';
import { crossesRelabelSize, relabelIssues } from '../grouping/online-labels.js';
import {
  addToVocabulary,
  groupingCounters,
  termsChangedAfter,
} from '../grouping/vocabulary-repo.js';
import {
  type IssueModel,
  createIssues,
  issuesChangedAfter,
  latestChangeSeq,
  saveModels,
} from '../issues/issues-repo.js';
import {
  type ItemContent,
  type ItemHolderColumns,
  type ItemOwner,
  type StoredItem,
  contentKey,
  countItems,
  insertItems,
  ownsItem,
  storedItems,
} from '../items/items-repo.js';
import { changedItems, withdrawnByHolder } from '../items/changed-items.js';
import { addLabels } from '../items/taxonomy.js';
import { addToIssueTotals } from '../issues/issue-totals.js';
import type { Sql } from '../storage/sql.js';
import type { Storage } from '../storage/storage.js';

export interface IngestOutcome {
  accepted: string[];
  duplicates: string[];
  /** Items refused by the store (an id reused for other content); index: the item's place in its batch. */
  rejected: { id: string; error: string; index: number }[];
  /** Item id → the issue it is in, for accepted items and duplicates alike. */
  issues: Record<string, string>;
}

export type Clock = () => number;

/**
 * One push and whose items its sender may read (itemOwner of the token; 'all' for an import by
 * whoever runs the command). A pushed id stored under an item the sender may not read is refused
 * with FOREIGN_ID whatever the content: "duplicate" against "conflict" would tell them it exists
 * and, by varying fields, what it says.
 */
export interface IngestBatch {
  items: readonly IncomingItem[];
  owner: ItemOwner;
}

/** The one answer for a pushed id already used by an item the sender may not read. */
export const FOREIGN_ID = 'id: already used by another item';

interface Prepared {
  item: IncomingItem;
  text: string;
  rootCause: string | null;
  suggestedFix: string | null;
  segment: string | null;
  redactions: number;
  counts: Map<string, number>;
}

function prepare(item: IncomingItem): Prepared {
  const text = redactField(item.text);
  const rootCause = redactField(item.root_cause);
  const suggestedFix = redactField(item.suggested_fix);
  // The segment is free text too: an agent may type a customer's number into it.
  const segment = redactField(item.segment);
  return {
    item,
    text: text.text ?? '',
    rootCause: rootCause.text,
    suggestedFix: suggestedFix.text,
    segment: segment.text,
    redactions: text.count + rootCause.count + suggestedFix.count + segment.count,
    counts: countTerms(tokenize(text.text ?? '')),
  };
}

/** What of the database the in-memory grouper reflects. */
interface Position {
  generation: number;
  ingestSeq: number;
  changeSeq: number;
}

/**
 * The one path by which feedback enters the aggregator, for imports and synced pushes alike:
 * redact, drop what is stored already (ids make every retry harmless), assign each item to an
 * issue, and store it all in one transaction.
 *
 * Several processes may ingest into one database. Each keeps the grouper in memory, and each
 * ingest runs under the storage's write lock: on taking it, a process that is behind reads what
 * the others wrote since (the terms and issues they changed), so it assigns an item exactly as a
 * single process would have.
 */
export class Ingestor {
  private constructor(
    private readonly storage: Storage,
    private readonly clock: Clock,
    private grouper: Grouper,
    private position: Position,
  ) {}

  /** The grouper holds changes of a transaction that has not committed (yet, or ever). */
  private uncommitted = false;

  static async open(storage: Storage, clock: Clock = Date.now): Promise<Ingestor> {
    const { grouper, position } = await Ingestor.load(storage);
    return new Ingestor(storage, clock, grouper, position);
  }

  private static async load(q: Sql): Promise<{ grouper: Grouper; position: Position }> {
    const counters = await groupingCounters(q);
    const grouper = await loadGrouper(q);
    const changeSeq = await latestChangeSeq(q);
    return {
      grouper,
      position: { generation: counters.generation, ingestSeq: counters.ingestSeq, changeSeq },
    };
  }

  /** The grouper as the last ingest left it; shared with suggestion lookups. */
  get currentGrouper(): Grouper {
    return this.grouper;
  }

  itemCount(): Promise<number> {
    return countItems(this.storage);
  }

  /** Re-reads the grouper from the database, after another writer (a recluster, a merge) changed it. */
  async reload(q: Sql = this.storage): Promise<void> {
    ({ grouper: this.grouper, position: this.position } = await Ingestor.load(q));
  }

  /**
   * Brings the grouper up to what the database holds now, for a read that must see a merge or
   * split made a moment ago (the index otherwise catches up at the next ingest). Under the write
   * lock, as an ingest's catch-up is, so it never runs inside another ingest's transaction.
   */
  async refresh(): Promise<Grouper> {
    const counters = await groupingCounters(this.storage);
    if (
      !this.uncommitted &&
      counters.generation === this.position.generation &&
      counters.ingestSeq === this.position.ingestSeq
    )
      return this.grouper;
    await this.storage.write((tx) => this.catchUp(tx));
    return this.grouper;
  }

  /** One batch; `owner` defaults to everyone's, as for an import run by the database's operator. */
  async ingest(batch: readonly IncomingItem[], owner: ItemOwner = 'all'): Promise<IngestOutcome> {
    return (await this.ingestTogether([{ items: batch, owner }]))[0] as IngestOutcome;
  }

  /**
   * Several batches (concurrent pushes) in one transaction: one commit, one fsync, each batch
   * still answered on its own. All or none of them is stored.
   */
  async ingestTogether(batches: readonly IngestBatch[]): Promise<IngestOutcome[]> {
    const prepared = batches.map((batch) => ({
      owner: batch.owner,
      items: batch.items.map(prepare),
    }));
    const result = await this.storage.write(async (tx) => {
      await this.catchUp(tx);
      this.uncommitted = true;
      const outcomes = batches.map((): IngestOutcome => ({
        accepted: [],
        duplicates: [],
        rejected: [],
        issues: {},
      }));
      const fresh = await this.dropStored(tx, prepared, outcomes);
      await this.store(tx, fresh, outcomes);
      return outcomes;
    });
    this.uncommitted = false;
    return result;
  }

  /** Inside the write lock, so what it reads cannot go stale before this transaction commits. */
  private async catchUp(tx: Sql): Promise<void> {
    // The grouper ran ahead of a transaction that rolled back (here, or in an attempt the storage
    // is now retrying): start again from the database, under the lock.
    if (this.uncommitted) {
      await this.reload(tx);
      this.uncommitted = false;
      return;
    }
    const counters = await groupingCounters(tx);
    if (counters.generation !== this.position.generation) {
      // A recluster, merge or split rewrote the grouping: never assign to an issue it retired.
      await this.reload(tx);
      return;
    }
    if (counters.ingestSeq === this.position.ingestSeq) return;
    this.grouper.vocabulary.catchUp(
      counters.documents,
      await termsChangedAfter(tx, this.position.ingestSeq),
    );
    for (const row of await issuesChangedAfter(tx, this.position.changeSeq))
      applyIssueRow(this.grouper, row);
    this.position = {
      ...this.position,
      ingestSeq: counters.ingestSeq,
      changeSeq: await latestChangeSeq(tx),
    };
  }

  /**
   * Splits each batch into items stored already (answered as duplicates), new ones, and refusals.
   * An id stored (or earlier in this group) under an item the batch's sender may not read is
   * refused with FOREIGN_ID, never compared: the answer is the same whatever the content, and names
   * no issue. Under the sender's own item, other content is another report under a reused id,
   * refused as a conflict rather than dropped as if it were a retry. An item its holder (name and
   * team) has since edited is a duplicate whatever its content (the push repeats the words as first
   * saved), and so is one its holder withdrew (the tombstone): a late or repeated push never brings
   * it back. One read of items and one of changes for the whole group.
   */
  private async dropStored(
    tx: Sql,
    prepared: readonly { owner: ItemOwner; items: readonly Prepared[] }[],
    outcomes: IngestOutcome[],
  ): Promise<{ p: Prepared; outcome: IngestOutcome }[]> {
    const ids = prepared.flatMap((batch) => batch.items.map((p) => p.item.id));
    const stored = await storedItems(tx, ids);
    const changed = await changedItems(tx, ids);
    const fresh: { p: Prepared; outcome: IngestOutcome }[] = [];
    const seen = new Map<string, { content: string; holder: ItemHolderColumns }>();
    prepared.forEach(({ owner, items }, i) => {
      const outcome = outcomes[i] as IngestOutcome;
      items.forEach((p, index) => {
        const id = p.item.id;
        const storedAs = stored.get(id);
        const earlier =
          storedAs === undefined
            ? seen.get(id)
            : { content: storedContentKey(storedAs.content), holder: storedAs.holder };
        const pusher = holderOf(p.item);
        const settled =
          storedAs === undefined
            ? withdrawnByHolder(changed.withdrawn.get(id), pusher)
            : sameHolder(storedAs.holder, pusher) &&
              changed.edited.get(id)?.has(pusher.agent ?? '') === true;
        if (earlier !== undefined && !ownsItem(owner, earlier.holder)) {
          outcome.rejected.push({ id, index, error: FOREIGN_ID });
        } else if (settled) {
          outcome.duplicates.push(id);
          if (storedAs !== undefined) outcome.issues[id] = storedAs.issueId;
        } else if (earlier === undefined) {
          seen.set(id, { content: contentOf(p), holder: pusher });
          fresh.push({ p, outcome });
        } else if (earlier.content !== contentOf(p)) {
          outcome.rejected.push({
            id,
            index,
            error: 'id: conflict: already used for an item with different content',
          });
        } else {
          outcome.duplicates.push(id);
          if (storedAs !== undefined) outcome.issues[id] = storedAs.issueId;
        }
      });
    });
    return fresh;
  }

  private async store(
    tx: Sql,
    fresh: readonly { p: Prepared; outcome: IngestOutcome }[],
    outcomes: IngestOutcome[],
  ): Promise<void> {
    if (fresh.length === 0) return;
    const increments = this.grouper.observe(fresh.map(({ p }) => ({ counts: p.counts })));

    const now = this.clock();
    const phrases = phraseCountsOf(this.grouper.vocabulary);
    const created: { id: string; title: string }[] = [];
    const items: StoredItem[] = [];
    /** Each issue this group touches, with its size before the group. */
    const touched = new Map<string, number>();
    const issueOf = new Map<string, string>();
    for (const { p, outcome } of fresh) {
      const assignment = this.grouper.assign({ counts: p.counts, chosenIssueId: p.item.issue_id });
      if (assignment.created)
        created.push({ id: assignment.issueId, title: issueTitle([p.text], phrases) });
      if (!touched.has(assignment.issueId))
        touched.set(
          assignment.issueId,
          (this.grouper.index.get(assignment.issueId)?.size ?? 1) - 1,
        );
      items.push(toStored(p, assignment.issueId, assignment.by, now));
      issueOf.set(p.item.id, assignment.issueId);
      outcome.accepted.push(p.item.id);
      outcome.issues[p.item.id] = assignment.issueId;
    }
    // An item pushed twice in one group (a retry racing its original): the second answer names
    // the issue the first was put in.
    for (const outcome of outcomes) {
      for (const id of outcome.duplicates)
        if (outcome.issues[id] === undefined && issueOf.has(id))
          outcome.issues[id] = issueOf.get(id) as string;
    }
    await createIssues(tx, created, now);
    await insertItems(tx, items);
    await addToIssueTotals(tx, items);
    await saveModels(
      tx,
      new Map(
        [...touched.keys()].map((id): [string, IssueModel] => [
          id,
          centroidModel(this.grouper, id),
        ]),
      ),
    );
    await relabelIssues(
      tx,
      [...touched]
        .filter(([id, before]) =>
          crossesRelabelSize(before, this.grouper.index.get(id)?.size ?? before),
        )
        .map(([id]) => id),
      phrases,
    );
    // The stored items, not the incoming ones: their segments are redacted.
    await addLabels(tx, items);
    const ingestSeq = this.position.ingestSeq + 1;
    await addToVocabulary(tx, increments, fresh.length, ingestSeq);
    this.position = { ...this.position, ingestSeq, changeSeq: await latestChangeSeq(tx) };
  }
}

/**
 * A stored item's content as today's redaction would leave it: an item stored before a redaction
 * rule was added, and pushed again since (its acknowledgement was lost), is still a duplicate.
 */
function storedContentKey(stored: ItemContent): string {
  return contentKey({
    ...stored,
    text: redactField(stored.text).text ?? '',
    root_cause: redactField(stored.root_cause ?? undefined).text,
    suggested_fix: redactField(stored.suggested_fix ?? undefined).text,
    segment: redactField(stored.segment ?? undefined).text,
  });
}

/** Whom a pushed item is stored under, as toStored writes it. */
function holderOf(item: IncomingItem): ItemHolderColumns {
  return { agent: item.agent ?? null, team: item.team ?? null };
}

function sameHolder(a: ItemHolderColumns, b: ItemHolderColumns): boolean {
  return a.agent === b.agent && a.team === b.team;
}

function contentOf(p: Prepared): string {
  const { item } = p;
  return contentKey({
    text: p.text,
    channel: item.channel,
    times_heard: item.times_heard,
    root_cause: p.rootCause,
    suggested_fix: p.suggestedFix,
    // Redacted, as it is stored: a retry repeats what the agent typed, personal data included.
    segment: p.segment,
  });
}

function toStored(
  p: Prepared,
  issueId: string,
  by: StoredItem['assigned_by'],
  now: number,
): StoredItem {
  const { item } = p;
  return {
    id: item.id,
    issue_id: issueId,
    assigned_by: by,
    text: p.text,
    channel: item.channel,
    team: item.team ?? null,
    agent: item.agent ?? null,
    segment: p.segment,
    root_cause: p.rootCause,
    suggested_fix: p.suggestedFix,
    times_heard: item.times_heard,
    created_at: Date.parse(item.created_at),
    received_at: now,
    redactions: p.redactions,
  };
}
