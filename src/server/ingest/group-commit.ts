import type { IncomingItem } from '../../shared/domain/feedback-item.js';
import type { ItemOwner } from '../items/items-repo.js';
import { StorageUnavailableError } from '../storage/storage.js';
import { isTransient } from '../storage/transient-errors.js';
import type { IngestOutcome, Ingestor } from './ingestor.js';

interface Waiting {
  items: readonly IncomingItem[];
  owner: ItemOwner;
  resolve: (outcome: IngestOutcome) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for concurrent pushes. A durable commit costs an fsync; pushes that arrive while
 * one is being written wait for it and are then stored together in one transaction, so fifty
 * agents pushing at once cost a few fsyncs, not fifty. An acknowledgement still means
 * "committed": each push resolves only after its transaction did.
 */
export class GroupCommit {
  private waiting: Waiting[] = [];
  private writing = false;

  constructor(
    private readonly ingestor: Ingestor,
    /** Items per transaction at most: bounds how long one commit holds the write lock. */
    private readonly maxItems = 2_000,
  ) {}

  /** `owner`: whose items the pushing token may read (itemOwner); it decides how a reused id is answered. */
  ingest(items: readonly IncomingItem[], owner: ItemOwner): Promise<IngestOutcome> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ items, owner, resolve, reject });
      if (!this.writing) {
        this.writing = true;
        setImmediate(() => void this.drain());
      }
    });
  }

  /** One transaction at a time, each taking what has queued up since the last began. */
  private async drain(): Promise<void> {
    while (this.waiting.length > 0) {
      const group: Waiting[] = [];
      let size = 0;
      while (
        this.waiting.length > 0 &&
        (group.length === 0 || size + (this.waiting[0] as Waiting).items.length <= this.maxItems)
      ) {
        const next = this.waiting.shift() as Waiting;
        group.push(next);
        size += next.items.length;
      }
      await this.commit(group);
    }
    this.writing = false;
  }

  /**
   * Stores a group in one transaction. When it fails, no push is answered with another's failure:
   * the group is halved and each half tried again, so a push that cannot be stored fails alone
   * (after about log2(group) tries) and every other push of the group is still committed.
   */
  private async commit(group: readonly Waiting[]): Promise<void> {
    try {
      const outcomes = await this.ingestor.ingestTogether(
        group.map(({ items, owner }) => ({ items, owner })),
      );
      group.forEach((waiting, i) => waiting.resolve(outcomes[i] as IngestOutcome));
    } catch (error) {
      // An unavailable database fails every push alike (a 503 each): halving would only knock more.
      if (group.length === 1 || error instanceof StorageUnavailableError || isTransient(error)) {
        group.forEach((waiting) => waiting.reject(error));
        return;
      }
      const half = Math.ceil(group.length / 2);
      await this.commit(group.slice(0, half));
      await this.commit(group.slice(half));
    }
  }
}
