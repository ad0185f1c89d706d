import type { IncomingItem } from '../../shared/domain/feedback-item.js';
import type { Grouper } from '../../shared/grouping/grouper.js';
import { titleFromVerbatim } from '../../shared/grouping/issue-title.js';
import { countTerms } from '../../shared/grouping/term-vector.js';
import { redactField } from '../../shared/text/redact.js';
import { tokenize } from '../../shared/text/tokenize.js';
import { centroidModel, loadGrouper } from '../grouping/grouping-state.js';
import { VocabularyRepo } from '../grouping/vocabulary-repo.js';
import { IssuesRepo } from '../issues/issues-repo.js';
import { ItemsRepo, type StoredItem } from '../items/items-repo.js';
import type { SqliteDatabase } from '../storage/sqlite/open-database.js';

export interface IngestOutcome {
  accepted: string[];
  duplicates: string[];
  rejected: { id: string; error: string }[];
  /** Item id → the issue it is in, for accepted items and duplicates alike. */
  issues: Record<string, string>;
}

export type Clock = () => number;

interface Prepared {
  item: IncomingItem;
  text: string;
  rootCause: string | null;
  suggestedFix: string | null;
  redactions: number;
  counts: Map<string, number>;
}

function prepare(item: IncomingItem): Prepared {
  const text = redactField(item.text);
  const rootCause = redactField(item.root_cause);
  const suggestedFix = redactField(item.suggested_fix);
  return {
    item,
    text: text.text ?? '',
    rootCause: rootCause.text,
    suggestedFix: suggestedFix.text,
    redactions: text.count + rootCause.count + suggestedFix.count,
    counts: countTerms(tokenize(text.text ?? '')),
  };
}

/**
 * The one path by which feedback enters the aggregator, for imports and synced pushes alike:
 * redact, drop what is stored already (ids make every retry harmless), assign each item to an
 * issue, and store it all in one transaction.
 */
export class Ingestor {
  private readonly items: ItemsRepo;
  private readonly issues: IssuesRepo;
  private readonly vocabulary: VocabularyRepo;
  private grouper: Grouper;
  private readonly addLabel;
  /** The grouping generation the in-memory grouper was loaded under. */
  private generation: number;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly clock: Clock = Date.now,
  ) {
    this.items = new ItemsRepo(db);
    this.issues = new IssuesRepo(db);
    this.vocabulary = new VocabularyRepo(db);
    this.addLabel = db.prepare<[string, string]>('INSERT OR IGNORE INTO labels (kind, value) VALUES (?, ?)');
    this.generation = this.vocabulary.generation();
    this.grouper = loadGrouper(this.issues, this.vocabulary);
  }

  /** The grouper as the last ingest left it; shared with suggestion lookups. */
  get currentGrouper(): Grouper {
    return this.grouper;
  }

  itemCount(): number {
    return this.items.count();
  }

  /** Re-reads the grouper from the database, after another writer (a recluster, a merge) changed it. */
  reload(): void {
    this.generation = this.vocabulary.generation();
    this.grouper = loadGrouper(this.issues, this.vocabulary);
  }

  ingest(batch: readonly IncomingItem[]): IngestOutcome {
    return this.ingestTogether([batch])[0] as IngestOutcome;
  }

  /**
   * Several batches (concurrent pushes) in one transaction: one commit, one fsync, each batch
   * still answered on its own. All or none of them is stored.
   */
  ingestTogether(batches: readonly (readonly IncomingItem[])[]): IngestOutcome[] {
    const outcomes = batches.map((): IngestOutcome => ({ accepted: [], duplicates: [], rejected: [], issues: {} }));
    const prepared = batches.map((batch) => batch.map(prepare));
    try {
      this.db
        .transaction(() => {
          // Another process (wocas recluster) may have regrouped since we loaded: never assign to
          // an issue it retired. Inside the write lock, so the check cannot go stale.
          if (this.vocabulary.generation() !== this.generation) this.reload();
          prepared.forEach((batch, i) => this.store(batch, outcomes[i] as IngestOutcome));
        })
        .immediate();
    } catch (error) {
      // The grouper's memory ran ahead of a transaction that rolled back: read it again.
      this.reload();
      throw error;
    }
    return outcomes;
  }

  /** Teams and segments in use, for the taxonomy: a batch has a handful, recorded once each. */
  private recordLabels(batch: readonly Prepared[]): void {
    const labels = new Set<string>();
    for (const { item } of batch) {
      if (item.team) labels.add(`team\u0000${item.team}`);
      if (item.segment) labels.add(`segment\u0000${item.segment}`);
    }
    for (const label of labels) {
      const [kind, value] = label.split('\u0000') as [string, string];
      this.addLabel.run(kind, value);
    }
  }

  private store(prepared: readonly Prepared[], outcome: IngestOutcome): void {
    const stored = this.items.existingIssues(prepared.map((p) => p.item.id));
    const fresh: Prepared[] = [];
    const inBatch = new Set<string>();
    for (const p of prepared) {
      const storedIn = stored.get(p.item.id);
      if (storedIn !== undefined || inBatch.has(p.item.id)) {
        outcome.duplicates.push(p.item.id);
        if (storedIn !== undefined) outcome.issues[p.item.id] = storedIn;
      } else {
        inBatch.add(p.item.id);
        fresh.push(p);
      }
    }
    const increments = new Map<string, number>();
    for (const p of fresh) for (const term of p.counts.keys()) increments.set(term, (increments.get(term) ?? 0) + 1);
    this.grouper.observe(fresh.map((p) => ({ counts: p.counts })));

    const now = this.clock();
    const touched = new Set<string>();
    for (const p of fresh) {
      const assignment = this.grouper.assign({ counts: p.counts, chosenIssueId: p.item.issue_id });
      if (assignment.created) this.issues.create(assignment.issueId, titleFromVerbatim(p.text), now);
      touched.add(assignment.issueId);
      this.items.insert(toStored(p, assignment.issueId, assignment.by === 'similarity' ? 'similarity' : assignment.by, now));
      outcome.accepted.push(p.item.id);
      outcome.issues[p.item.id] = assignment.issueId;
    }
    for (const issueId of touched) this.issues.saveModel(issueId, centroidModel(this.grouper, issueId));
    this.recordLabels(fresh);
    this.vocabulary.add(increments, fresh.length);
  }
}

function toStored(p: Prepared, issueId: string, by: StoredItem['assigned_by'], now: number): StoredItem {
  const { item } = p;
  return {
    id: item.id,
    issue_id: issueId,
    assigned_by: by,
    text: p.text,
    channel: item.channel,
    team: item.team ?? null,
    agent: item.agent ?? null,
    segment: item.segment ?? null,
    root_cause: p.rootCause,
    suggested_fix: p.suggestedFix,
    times_heard: item.times_heard,
    created_at: Date.parse(item.created_at),
    received_at: now,
    redactions: p.redactions,
  };
}
