import type { LocalStore } from '../store/local-store.js';
import type { OutgoingItem } from '../store/outbox.js';
import {
  type AggregatorClient,
  CursorGoneError,
  FatalSyncError,
  TransientSyncError,
} from './aggregator-client.js';

/** How many of the agent's earlier items a new computer fetches (feedback.mine's limit). */
const EARLIER_ITEMS = 500;

export interface RetryPolicy {
  /** Tries per step before giving up for now. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface SyncOptions {
  /** Items per push; the API takes at most 1,000 and 1 MiB. */
  batchSize: number;
  /** JSON bytes per push, well under the aggregator's 1 MiB limit. */
  batchBytes: number;
  retry: RetryPolicy;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
}

export const DEFAULT_SYNC_OPTIONS: SyncOptions = {
  batchSize: 100,
  batchBytes: 512 * 1024,
  retry: { attempts: 6, baseDelayMs: 250, maxDelayMs: 8_000 },
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

export interface SyncResult {
  pushed: number;
  pending: number;
  /** Why the outbox is not empty, when it is not. */
  error?: string;
  /** With an error: 'transient' when retrying later may help (unreachable, 5xx), else 'fatal'. */
  failure?: 'transient' | 'fatal';
}

/** One sync's push so far: items acknowledged, and items held back after the aggregator failed on them. */
interface PushRun {
  pushed: number;
  heldBack: Set<string>;
}

function heldBackError(count: number): TransientSyncError {
  return new TransientSyncError(
    `the aggregator failed on ${count} item(s); they stay queued and are sent again later`,
  );
}

/**
 * Moves the outbox to the aggregator and the aggregator's issues to the desktop. Every step can be
 * cut at any instant: an item leaves the outbox only on the aggregator's acknowledgement, and the
 * aggregator drops an id it already has, so a repeat push is harmless. Nothing depends on the
 * desktop's clock: the outbox drains in save order and issue updates come by the server's cursor.
 */
export class SyncClient {
  constructor(
    private readonly store: LocalStore,
    private readonly aggregator: AggregatorClient,
    private readonly options: SyncOptions = DEFAULT_SYNC_OPTIONS,
  ) {}

  /** Push everything pending, then pull issue updates; stops early only on a fatal refusal. */
  async sync(): Promise<SyncResult> {
    const run: PushRun = { pushed: 0, heldBack: new Set() };
    try {
      // Another aggregator or token than the cache was filled from: forget it before anything.
      this.store.issues.useSource(this.aggregator.source);
      // A new computer (an empty cache) gets the issues before any push, so suggestions work at
      // once and a push that fails cannot keep them away.
      if (this.store.issues.cursor() === undefined) await this.withRetry(() => this.pullIssues());
      await this.pushAll(run);
      run.pushed += await this.pushChanges();
      await this.withRetry(() => this.pullIssues());
      await this.withRetry(() => this.refreshMyItems());
      if (run.heldBack.size > 0) throw heldBackError(run.heldBack.size);
      return { pushed: run.pushed, pending: this.store.outbox.pending() };
    } catch (error) {
      const failure = error instanceof TransientSyncError ? 'transient' : 'fatal';
      return {
        pushed: run.pushed,
        pending: this.store.outbox.pending(),
        error: (error as Error).message,
        failure,
      };
    }
  }

  /**
   * Pushes batches until the outbox is empty; returns how many items the aggregator acknowledged.
   * An item the aggregator refuses is acknowledged as rejected (the outbox keeps why). An item on
   * which the aggregator fails outright (500, a fault of its own) is held back for this round, and
   * everything saved after it still goes: one item never blocks the others.
   */
  async push(): Promise<number> {
    const run: PushRun = { pushed: 0, heldBack: new Set() };
    await this.pushAll(run);
    if (run.heldBack.size > 0) throw heldBackError(run.heldBack.size);
    return run.pushed;
  }

  private async pushAll(run: PushRun): Promise<void> {
    for (
      let batch = this.nextBatch(run.heldBack);
      batch.length > 0;
      batch = this.nextBatch(run.heldBack)
    ) {
      run.pushed += await this.pushBatch(batch, run.heldBack);
    }
  }

  private async pushBatch(batch: readonly OutgoingItem[], heldBack: Set<string>): Promise<number> {
    try {
      const ack = await this.withRetry(() => this.aggregator.pushItems(batch));
      this.store.outbox.acknowledge(ack);
      return ack.accepted.length + ack.duplicates.length;
    } catch (error) {
      this.store.outbox.recordFailure(
        batch.map((item) => item.id),
        (error as Error).message,
      );
      // Only a 500 points at the items: unreachable, 503 or 429 would fail any half just the same.
      if (!(error instanceof TransientSyncError && error.status === 500)) throw error;
      if (batch.length === 1) {
        heldBack.add((batch[0] as OutgoingItem).id);
        return 0;
      }
      const half = Math.ceil(batch.length / 2);
      return (
        (await this.pushBatch(batch.slice(0, half), heldBack)) +
        (await this.pushBatch(batch.slice(half), heldBack))
      );
    }
  }

  /**
   * Once per local store, the agent's items the aggregator already has (the desktop's sign-in on a
   * new computer), so My feedback is not empty there. Refused (a token that may not, an older
   * aggregator): nothing is fetched and the push still goes; unreachable: a transient error.
   */
  async fetchEarlierItems(): Promise<void> {
    if (this.store.db.prepare("SELECT 1 FROM sync_state WHERE key = 'earlier_items'").get()) return;
    const mine = await this.withRetry(() => this.aggregator.myItems(EARLIER_ITEMS)).catch(
      (error: unknown) => {
        if (error instanceof FatalSyncError) return null;
        throw error;
      },
    );
    if (mine === null) return;
    this.store.items.adoptSynced(
      mine.map((item) => ({
        id: item.id,
        text: item.text,
        channel: item.channel ?? 'other',
        times_heard: item.times_heard ?? 1,
        created_at: item.created_at,
        issue_id: item.issue?.id ?? null,
      })),
    );
    this.store.db
      .prepare("INSERT OR REPLACE INTO sync_state (key, value) VALUES ('earlier_items', '1')")
      .run();
  }

  /**
   * Pushes the agent's corrections and withdrawals, oldest first, each once its item's capture has
   * left the outbox. Returns how many the aggregator acknowledged; one it refuses is kept, marked.
   */
  async pushChanges(): Promise<number> {
    let pushed = 0;
    for (
      let batch = this.store.changes.next(this.options.batchSize);
      batch.length > 0;
      batch = this.store.changes.next(this.options.batchSize)
    ) {
      try {
        const ack = await this.withRetry(() => this.aggregator.pushChanges(batch));
        this.store.changes.acknowledge(ack);
        pushed += ack.applied.length + ack.duplicates.length;
        // An answer naming none of them would bring the same batch back forever.
        if (pushed === 0 && ack.rejected.length === 0) break;
      } catch (error) {
        this.store.changes.recordFailure(
          batch.map((change) => change.id),
          (error as Error).message,
        );
        throw error;
      }
    }
    return pushed;
  }

  async pullIssues(): Promise<void> {
    this.store.issues.useSource(this.aggregator.source);
    for (;;) {
      const page = await this.aggregator
        .issueChanges(this.store.issues.cursor(), 500)
        .catch((error: unknown) => {
          if (!(error instanceof CursorGoneError)) throw error;
          // Another history: forget what we cached and read it all again.
          this.store.issues.reset();
          return this.aggregator.issueChanges(undefined, 500);
        });
      // false: the settings moved to another aggregator or token meanwhile; its sync pulls anew.
      if (!this.store.issues.apply(page.issues, page.cursor, this.aggregator.source)) return;
      if (!page.has_more) return;
    }
  }

  /**
   * Asks where the agent's recent items are grouped now, and those issues' root cause and note,
   * for "what became of my feedback": the pull leaves them out of issues the agent held no item
   * of when they last changed.
   */
  async refreshMyItems(): Promise<void> {
    const ids = this.store.myFeedback.recentSyncedIds();
    if (ids.length === 0) return;
    const { issues, issue_details } = await this.aggregator.itemIssues(ids);
    this.store.myFeedback.setServerIssues(new Map(Object.entries(issues)));
    if (issue_details) this.store.issues.explain(issue_details, this.aggregator.source);
  }

  private nextBatch(heldBack: ReadonlySet<string>): OutgoingItem[] {
    const candidates = this.store.outbox
      .next(this.options.batchSize + heldBack.size)
      .filter((item) => !heldBack.has(item.id))
      .slice(0, this.options.batchSize);
    let bytes = 0;
    const batch: OutgoingItem[] = [];
    for (const item of candidates) {
      bytes += new TextEncoder().encode(JSON.stringify(item)).length + 1;
      if (batch.length > 0 && bytes > this.options.batchBytes) break;
      batch.push(item);
    }
    return batch;
  }

  /** Retries transient failures with capped exponential backoff and full jitter, so that many
   * desktops coming back after an outage do not all knock at once. */
  private async withRetry<T>(step: () => Promise<T>): Promise<T> {
    const { attempts, baseDelayMs, maxDelayMs } = this.options.retry;
    for (let attempt = 0; ; attempt++) {
      try {
        return await step();
      } catch (error) {
        if (
          error instanceof FatalSyncError ||
          !(error instanceof TransientSyncError) ||
          attempt + 1 >= attempts
        )
          throw error;
        const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** attempt);
        await this.options.sleep(Math.floor(this.options.random() * ceiling));
      }
    }
  }
}
