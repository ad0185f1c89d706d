import type { Session } from '../../shared/api/contract.js';
import type { DesktopSyncState } from '../../shared/desktop/desktop-api.js';
import type { LocalStore } from '../store/local-store.js';
import type { TaxonomyCache } from '../store/taxonomy-cache.js';
import {
  FatalSyncError,
  TransientSyncError,
  answerSource,
  httpAggregatorClient,
} from './aggregator-client.js';
import { aggregatorCall } from './aggregator-calls.js';
import { type StatusChange, statusChanges, statusesOf } from './status-changes.js';
import { DEFAULT_SYNC_OPTIONS, SyncClient, type SyncOptions } from './sync-client.js';

/** A capture is sent this long after it is saved (a burst of captures goes in one push). */
const CAPTURE_DELAY_MS = 1_000;

/** Where to sync to now; `reason` says why not (null: simply not set up, the app works offline). */
export type Credentials =
  { ok: true; baseUrl: string; token: string } | { ok: false; reason: string | null };

/** setTimeout and clearTimeout, injected so tests decide when time passes. */
export interface Scheduler {
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const realScheduler: Scheduler = {
  set: (run, ms) => setTimeout(run, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface SyncLoopOptions {
  store: LocalStore;
  taxonomy: TaxonomyCache;
  credentials: () => Credentials;
  /** The name the agent's items carry; an agent token must belong to the same name. */
  displayName: () => string | null;
  intervalMs: () => number;
  /** Epoch ms, like the aggregator's clock. */
  clock: () => number;
  scheduler?: Scheduler;
  random?: () => number;
  /** The longest wait between failed runs. */
  maxBackoffMs?: number;
  /** How often the taxonomy is fetched again (it changes slowly and costs the aggregator a scan). */
  taxonomyEveryMs?: number;
  syncOptions?: SyncOptions;
  onState: (state: DesktopSyncState) => void;
  onStatusChanges: (changes: StatusChange[]) => void;
  /** How many of the agent's items have an issue status the agent has not seen yet. */
  onUnseen: (count: number) => void;
}

/**
 * Background sync: a run every interval, after a capture, and on demand; after a failure the next
 * run waits twice as long each time (with jitter, so desktops back from an outage spread out). Each
 * run tells the UI its state and which of the agent's issues changed status. Only one run at a time.
 */
export class SyncLoop {
  private current: DesktopSyncState;
  private running: Promise<DesktopSyncState> | undefined;
  private timer: unknown;
  private failures = 0;
  /** Until start() and after stop(): runs happen on demand only, nothing is scheduled. */
  private stopped = true;
  /** An item was captured during a run: run again soon after it. */
  private again = false;
  private identity: { key: string; session: Session } | undefined;
  private taxonomyAt = Number.NEGATIVE_INFINITY;
  private lastUnseen = -1;
  private readonly scheduler: Scheduler;

  constructor(private readonly options: SyncLoopOptions) {
    this.scheduler = options.scheduler ?? realScheduler;
    const credentials = options.credentials();
    // Settings changed while the app was closed (or by an administrator's file) count as a switch.
    this.bindIssueCache(credentials);
    this.current = {
      pending: options.store.outbox.pending(),
      online: false,
      last_synced_at: null,
      configured: credentials.ok,
      syncing: false,
      offline_since: null,
      error: credentials.ok ? null : credentials.reason,
    };
  }

  state(): DesktopSyncState {
    return this.current;
  }

  /** Starts the schedule with a run right away. */
  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Runs now (or joins the run under way) and answers the state after it. */
  syncNow(): Promise<DesktopSyncState> {
    if (this.running) return this.running;
    this.scheduler.clear(this.timer);
    this.again = false;
    this.running = this.run().finally(() => {
      this.running = undefined;
      if (!this.stopped)
        this.schedule(this.again && this.failures === 0 ? CAPTURE_DELAY_MS : this.nextDelay());
    });
    return this.running;
  }

  /** Something was captured: show it as pending, and send it soon unless the aggregator is away. */
  captured(): void {
    this.update({ pending: this.options.store.outbox.pending() });
    if (this.running) this.again = true;
    else if (this.failures === 0 && !this.stopped) this.schedule(CAPTURE_DELAY_MS);
  }

  /**
   * Settings changed: forget who the token was and try again at once. Another aggregator or token
   * (or none) drops the issue cache at once, before any pull: it held what the earlier token could
   * read. The agent's captured items stay, and go to whichever aggregator is configured.
   */
  reconfigured(): void {
    this.identity = undefined;
    this.failures = 0;
    this.taxonomyAt = Number.NEGATIVE_INFINITY;
    this.bindIssueCache(this.options.credentials());
    if (!this.stopped) this.schedule(0);
  }

  private bindIssueCache(credentials: Credentials): void {
    this.options.store.issues.useSource(
      credentials.ok ? answerSource(credentials.baseUrl, credentials.token) : null,
    );
  }

  /** Stops scheduling; resolves once a run under way has finished (the store may then close). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.scheduler.clear(this.timer);
    await this.running;
  }

  private schedule(ms: number): void {
    this.scheduler.clear(this.timer);
    this.timer = this.scheduler.set(() => void this.syncNow(), ms);
  }

  private nextDelay(): number {
    const interval = this.options.intervalMs();
    if (this.failures === 0) return interval;
    const ceiling = Math.min(
      this.options.maxBackoffMs ?? 10 * 60_000,
      interval * 2 ** (this.failures - 1),
    );
    return Math.round(ceiling / 2 + ((this.options.random ?? Math.random)() * ceiling) / 2);
  }

  private async run(): Promise<DesktopSyncState> {
    const credentials = this.options.credentials();
    if (!credentials.ok) {
      this.failures = 0;
      return this.update({
        configured: false,
        online: false,
        syncing: false,
        error: credentials.reason,
        pending: this.options.store.outbox.pending(),
      });
    }
    this.update({ configured: true, syncing: true });
    try {
      await this.checkIdentity(credentials);
      const before = statusesOf(this.options.store.myFeedback.list(500));
      const aggregator = httpAggregatorClient({
        baseUrl: credentials.baseUrl,
        token: credentials.token,
      });
      const client = new SyncClient(
        this.options.store,
        aggregator,
        this.options.syncOptions ?? DEFAULT_SYNC_OPTIONS,
      );
      // Signed in on a new computer: the agent's earlier items first (`wocas sync` does not).
      await client.fetchEarlierItems();
      const result = await client.sync();
      this.report(before);
      if (result.error) return this.failed(result.error, result.failure === 'transient');
      await this.refreshTaxonomy(credentials);
      this.failures = 0;
      const now = new Date(this.options.clock()).toISOString();
      return this.update({
        syncing: false,
        online: true,
        error: null,
        offline_since: null,
        last_synced_at: now,
        pending: result.pending,
      });
    } catch (error) {
      return this.failed((error as Error).message, error instanceof TransientSyncError);
    }
  }

  /** An agent token speaks for one agent: the aggregator refuses items under another name. */
  private async checkIdentity(credentials: { baseUrl: string; token: string }): Promise<void> {
    const key = `${credentials.baseUrl}\n${credentials.token}`;
    if (this.identity?.key !== key) {
      this.identity = {
        key,
        session: await aggregatorCall({
          baseUrl: credentials.baseUrl,
          token: credentials.token,
        })('session.whoami', {}),
      };
    }
    const { name, role } = this.identity.session;
    if (role === 'lead')
      throw new FatalSyncError(
        `This token is a team lead's ("${name}"); capturing needs an agent token. Your items wait on this computer.`,
      );
    const displayName = this.options.displayName();
    if (role === 'agent' && displayName !== null && displayName !== name) {
      throw new FatalSyncError(
        `This token belongs to "${name}" but your display name is "${displayName}": set your display name to "${name}" in Settings. Your items wait on this computer.`,
      );
    }
  }

  private async refreshTaxonomy(credentials: { baseUrl: string; token: string }): Promise<void> {
    const now = this.options.clock();
    if (now - this.taxonomyAt < (this.options.taxonomyEveryMs ?? 3_600_000)) return;
    try {
      this.options.taxonomy.save(await aggregatorCall(credentials)('meta.taxonomy', {}));
      this.taxonomyAt = now;
    } catch {
      // Only the form's choices go stale; the next run tries again.
    }
  }

  private report(before: ReturnType<typeof statusesOf>): void {
    const mine = this.options.store.myFeedback.list(500);
    const changes = statusChanges(before, statusesOf(mine));
    if (changes.length > 0) this.options.onStatusChanges(changes);
    const unseen = mine.filter((item) => item.unseen).length;
    if (unseen !== this.lastUnseen || changes.length > 0) this.options.onUnseen(unseen);
    this.lastUnseen = unseen;
  }

  private failed(message: string, unreachable: boolean): DesktopSyncState {
    this.failures += 1;
    const now = new Date(this.options.clock()).toISOString();
    return this.update({
      syncing: false,
      online: !unreachable,
      error: message,
      offline_since: unreachable ? (this.current.offline_since ?? now) : null,
      pending: this.options.store.outbox.pending(),
    });
  }

  private update(change: Partial<DesktopSyncState>): DesktopSyncState {
    this.current = { ...this.current, ...change };
    this.options.onState(this.current);
    return this.current;
  }
}
