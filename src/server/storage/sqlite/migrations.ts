import type { Migration } from '../../../shared/storage/migrate.js';

/** The aggregator's schema, in order; see shared/storage/migrate.ts for how they are applied. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'items, issues and the grouping vocabulary',
    sql: `
      CREATE TABLE issues (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        title_source TEXT NOT NULL DEFAULT 'auto' CHECK (title_source IN ('auto', 'analyst')),
        status TEXT NOT NULL DEFAULT 'new'
          CHECK (status IN ('new', 'investigating', 'fix_in_progress', 'fixed', 'wont_fix')),
        owner TEXT,
        root_cause TEXT,
        merged_into TEXT REFERENCES issues(id),
        -- An analyst has acted on the issue: reclustering leaves its items where they are.
        curated INTEGER NOT NULL DEFAULT 0,
        -- The grouper's centroid (a derived cache, rebuilt by reclustering): {"size":N,"terms":[[t,w],…]}.
        model TEXT NOT NULL DEFAULT '{"size":0,"terms":[]}',
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );

      CREATE TABLE items (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        issue_id TEXT NOT NULL REFERENCES issues(id),
        assigned_by TEXT NOT NULL
          CHECK (assigned_by IN ('new', 'similarity', 'agent', 'analyst', 'recluster')),
        text TEXT NOT NULL,
        channel TEXT NOT NULL,
        team TEXT,
        agent TEXT,
        segment TEXT,
        root_cause TEXT,
        suggested_fix TEXT,
        times_heard INTEGER NOT NULL CHECK (times_heard >= 1),
        created_at INTEGER NOT NULL,
        received_at INTEGER NOT NULL,
        redactions INTEGER NOT NULL DEFAULT 0
      );
      -- Covers the ranking query: one pass in issue order, no table lookups, whatever the filters.
      CREATE INDEX items_ranking ON items (issue_id, created_at, times_heard, agent, team, channel);
      CREATE INDEX items_created_at ON items (created_at);

      CREATE TABLE vocabulary (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
      CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
    `,
  },
  {
    version: 2,
    name: 'access tokens for the HTTP API',
    sql: `
      -- Only the SHA-256 of each secret is kept (see server/tokens/token-secret.ts); names need not
      -- be unique, so one agent may hold a token per machine.
      CREATE TABLE tokens (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('agent', 'lead', 'analyst', 'admin')),
        team TEXT,
        hash TEXT NOT NULL UNIQUE,
        created_at INTEGER NOT NULL,
        revoked_at INTEGER,
        last_used_at INTEGER
      );
      CREATE INDEX tokens_name ON tokens (name);
    `,
  },
  {
    version: 3,
    name: 'issue change sequence for desktop sync',
    sql: `
      -- Every write to an issue takes the next number, inside the writer's transaction: desktops
      -- pull "what changed after N" without trusting any clock. Triggers, so no write path forgets.
      ALTER TABLE issues ADD COLUMN change_seq INTEGER NOT NULL DEFAULT 0;
      UPDATE issues SET change_seq = rowid;
      CREATE INDEX issues_change_seq ON issues (change_seq);
      CREATE TRIGGER issues_changed_on_insert AFTER INSERT ON issues BEGIN
        UPDATE issues SET change_seq = (SELECT coalesce(max(change_seq), 0) + 1 FROM issues) WHERE id = NEW.id;
      END;
      CREATE TRIGGER issues_changed_on_update
        AFTER UPDATE OF title, status, owner, root_cause, merged_into, model ON issues BEGIN
        UPDATE issues SET change_seq = (SELECT coalesce(max(change_seq), 0) + 1 FROM issues) WHERE id = NEW.id;
      END;
    `,
  },
  {
    version: 4,
    name: 'what each agent has seen of their issues (close the loop in the browser)',
    sql: `
      CREATE TABLE feedback_seen (
        agent TEXT NOT NULL,
        issue_id TEXT NOT NULL,
        status TEXT NOT NULL,
        PRIMARY KEY (agent, issue_id)
      ) WITHOUT ROWID;
      CREATE INDEX items_agent ON items (agent, seq);
    `,
  },
  {
    version: 5,
    name: 'covering time index for window analytics; labels for the taxonomy',
    sql: `
      -- Trends and breakdowns read a time window: cover them so 300,000 rows need no table lookups.
      DROP INDEX items_created_at;
      CREATE INDEX items_by_time ON items (created_at, issue_id, times_heard, channel, team, segment, agent);
      -- Teams and segments in use, kept by a trigger so the taxonomy never scans the items.
      CREATE TABLE labels (kind TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (kind, value)) WITHOUT ROWID;
      INSERT OR IGNORE INTO labels SELECT 'team', team FROM items WHERE team IS NOT NULL;
      INSERT OR IGNORE INTO labels SELECT 'segment', segment FROM items WHERE segment IS NOT NULL;
      CREATE TRIGGER items_labels AFTER INSERT ON items BEGIN
        INSERT OR IGNORE INTO labels (kind, value) SELECT 'team', NEW.team WHERE NEW.team IS NOT NULL;
        INSERT OR IGNORE INTO labels (kind, value) SELECT 'segment', NEW.segment WHERE NEW.segment IS NOT NULL;
      END;
    `,
  },
  {
    version: 6,
    name: 'issue history: every analyst change, append-only',
    sql: `
      CREATE TABLE issue_history (
        seq INTEGER PRIMARY KEY,
        issue_id TEXT NOT NULL,
        at INTEGER NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('update', 'merge', 'split')),
        field TEXT,
        old_value TEXT,
        new_value TEXT
      );
      CREATE INDEX issue_history_issue ON issue_history (issue_id, seq);
    `,
  },
  {
    version: 7,
    name: 'labels kept by the ingest path, not a per-row trigger',
    sql: `
      -- The trigger cost two lookups for every item inserted; a batch has a handful of teams and
      -- segments, which the ingestor records once per batch instead.
      DROP TRIGGER items_labels;
    `,
  },
  {
    version: 8,
    name: 'vocabulary changes numbered, so another process can catch up on them',
    sql: `
      -- Each ingest transaction takes the next ingest_seq (in settings) and stamps the terms it
      -- counted: a process whose grouper is behind reads just the terms changed since.
      ALTER TABLE vocabulary ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;
      CREATE INDEX vocabulary_seq ON vocabulary (seq);
    `,
  },
  {
    version: 9,
    name: "each issue's all-time totals, kept by every write that moves items",
    sql: `
      -- The default ranking (all time, no filters) reads these instead of every item: counting
      -- distinct agents over a million items was most of its time. Windows and filters still scan.
      CREATE TABLE issue_totals (
        issue_id TEXT PRIMARY KEY,
        mentions INTEGER NOT NULL,
        times_heard INTEGER NOT NULL,
        agents INTEGER NOT NULL,
        first_seen INTEGER NOT NULL,
        last_seen INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE TABLE issue_agents (issue_id TEXT NOT NULL, agent TEXT NOT NULL, PRIMARY KEY (issue_id, agent)) WITHOUT ROWID;
      INSERT INTO issue_agents SELECT DISTINCT issue_id, agent FROM items WHERE agent IS NOT NULL;
      INSERT INTO issue_totals
        SELECT issue_id, count(*), sum(times_heard), count(DISTINCT agent), min(created_at), max(created_at)
          FROM items GROUP BY issue_id;
    `,
  },
  {
    version: 10,
    name: "who made each change in an issue's history; moves and notes recorded too",
    sql: `
      -- SQLite cannot alter a CHECK: the table is rebuilt with the wider list of actions.
      CREATE TABLE issue_history_next (
        seq INTEGER PRIMARY KEY,
        issue_id TEXT NOT NULL,
        at INTEGER NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('update', 'merge', 'split', 'move', 'note')),
        field TEXT,
        old_value TEXT,
        new_value TEXT,
        -- The token's name; null for changes made before it was kept, and by the command line.
        actor TEXT
      );
      INSERT INTO issue_history_next (seq, issue_id, at, action, field, old_value, new_value)
        SELECT seq, issue_id, at, action, field, old_value, new_value FROM issue_history;
      DROP TABLE issue_history;
      ALTER TABLE issue_history_next RENAME TO issue_history;
      CREATE INDEX issue_history_issue ON issue_history (issue_id, seq);
    `,
  },
  {
    version: 11,
    name: 'prioritisation: preventable and value dimension, cost per channel, webhook outbox',
    sql: `
      -- An analyst's judgement, null until given: 1 preventable ("should never have reached us"), 0 needed.
      ALTER TABLE issues ADD COLUMN preventable INTEGER CHECK (preventable IN (0, 1));
      ALTER TABLE issues ADD COLUMN value_dimension TEXT CHECK (value_dimension IN
        ('visibility', 'accessibility', 'responsiveness', 'reliability', 'functionality', 'effectiveness'));
      -- Average handling minutes and cost per minute; a channel without a row costs nothing.
      CREATE TABLE channel_costs (channel TEXT PRIMARY KEY, minutes REAL NOT NULL, per_minute REAL NOT NULL) WITHOUT ROWID;
      CREATE TABLE webhooks (
        id TEXT PRIMARY KEY,
        url TEXT NOT NULL,
        -- Kept as given: signing needs the secret itself, not a hash of it.
        secret TEXT NOT NULL,
        events TEXT NOT NULL,
        format TEXT NOT NULL CHECK (format IN ('json', 'slack')),
        created_at INTEGER NOT NULL
      );
      -- The outbox: an event is written in the transaction of the change that caused it, with one
      -- delivery row per matching webhook, so a crash between the change and the POST loses nothing.
      -- dedupe_key makes a re-detected condition (the same issue emerging the same week) one event.
      CREATE TABLE webhook_events (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('status', 'emerging', 'new_issue')),
        dedupe_key TEXT UNIQUE,
        at INTEGER NOT NULL,
        issue TEXT NOT NULL
      );
      CREATE TABLE webhook_deliveries (
        event_id TEXT NOT NULL,
        webhook_id TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        delivered_at INTEGER,
        last_error TEXT,
        PRIMARY KEY (event_id, webhook_id)
      ) WITHOUT ROWID;
      CREATE INDEX webhook_deliveries_due ON webhook_deliveries (delivered_at, next_attempt_at);
    `,
  },
  {
    version: 12,
    name: "agents' corrections and withdrawals of their own items, append-only",
    sql: `
      -- One row per change, keyed by the id the agent's client made: applying a change inserts its
      -- row first, so a retried push (the desktop's outbox, the browser's resend) changes nothing.
      -- A withdrawal's row is also the tombstone ingest honours: the item itself is deleted, and a
      -- late or repeated push of it by the same agent is answered "duplicate" instead of storing it.
      CREATE TABLE item_changes (
        id TEXT PRIMARY KEY,
        item_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('edit', 'withdraw')),
        agent TEXT NOT NULL,
        at INTEGER NOT NULL
      );
      CREATE INDEX item_changes_item ON item_changes (item_id);
    `,
  },
  {
    version: 13,
    name: 'the team of the agent who changed an item, so a tombstone is one holder’s',
    sql: `
      -- An item's holder is its agent name within its team: the same name in another team is
      -- another person, whose push under a withdrawn id must not be answered as the holder's. Rows
      -- from before this column cannot say their team (the item is gone): team_known = 0, and
      -- ingest still honours them by name alone, so a late push never brings such an item back.
      ALTER TABLE item_changes ADD COLUMN team TEXT;
      ALTER TABLE item_changes ADD COLUMN team_known INTEGER NOT NULL DEFAULT 0;
    `,
  },
];
