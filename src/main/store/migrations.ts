import type { Migration } from '../../shared/storage/migrate.js';

/** The desktop's local store: what the agent saved, the outbox, and the offline issue cache. */
export const LOCAL_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'items, outbox, issue cache',
    sql: `
      CREATE TABLE items (
        -- Save order on this desktop: the outbox drains in this order, never by a clock.
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        text TEXT NOT NULL,
        channel TEXT NOT NULL,
        team TEXT,
        agent TEXT,
        segment TEXT,
        root_cause TEXT,
        suggested_fix TEXT,
        times_heard INTEGER NOT NULL CHECK (times_heard >= 1),
        issue_id TEXT,
        created_at TEXT NOT NULL,
        redactions INTEGER NOT NULL DEFAULT 0,
        sync_state TEXT NOT NULL DEFAULT 'pending' CHECK (sync_state IN ('pending', 'synced', 'rejected')),
        sync_error TEXT,
        -- Where the aggregator grouped it, for "what became of my feedback".
        server_issue_id TEXT
      );

      -- One row per item not yet acknowledged by the aggregator; deleted on acknowledgement.
      CREATE TABLE outbox (
        item_seq INTEGER PRIMARY KEY REFERENCES items(seq),
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT
      );

      CREATE TABLE issues (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        status TEXT NOT NULL,
        owner TEXT,
        mentions INTEGER NOT NULL,
        times_heard INTEGER NOT NULL,
        merged_into TEXT,
        -- The issue's centroid terms [[term, weight], …], for suggestions while offline.
        terms TEXT NOT NULL,
        -- The status the agent last looked at: an unseen change is highlighted.
        seen_status TEXT
      );

      CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    `,
  },
  {
    version: 2,
    name: "the analyst's confirmed root cause and latest note on cached issues",
    sql: `
      ALTER TABLE issues ADD COLUMN root_cause TEXT;
      ALTER TABLE issues ADD COLUMN note TEXT;
      -- Pull every issue again on the next sync, so those already cached get theirs too; the
      -- upsert keeps seen_status, so nothing reads as news that was not.
      DELETE FROM sync_state WHERE key = 'issues_cursor';
    `,
  },
  {
    version: 3,
    name: "the agent's corrections and withdrawals of their items, queued like captures",
    sql: `
      -- One row per change not yet acknowledged (or refused) by the aggregator, in the order made.
      -- The id is made here, once: a push repeated after a crash or a lost answer is the same change,
      -- which the aggregator applies once. A change goes only once its item's capture has left the
      -- outbox, so the aggregator never sees a change before the item it changes.
      CREATE TABLE item_changes (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        item_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('edit', 'withdraw')),
        -- An edit's new verbatim, redacted like a capture before it touches the disk.
        text TEXT,
        state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'rejected')),
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT
      );
      CREATE INDEX item_changes_pending ON item_changes (state, seq);
    `,
  },
  {
    version: 4,
    name: 'root causes and notes cached only for issues the agent may read',
    sql: `
      -- Aggregators used to send every issue's root cause and note to every token; they now send
      -- them only for issues holding one of the token's items. Forget what was cached and pull
      -- every issue again, so another team's confidential causes do not stay on this disk; the
      -- lookup of the agent's own items fills in theirs. The upsert keeps seen_status.
      UPDATE issues SET root_cause = NULL, note = NULL;
      DELETE FROM sync_state WHERE key = 'issues_cursor';
    `,
  },
];
