/** A numbered PostgreSQL schema step; versions share SQLite's numbering, so one number names one shape. */
export interface PostgresMigration {
  version: number;
  name: string;
  sql: string;
}

// Byte order, like SQLite: sorting agents, teams and labels gives the same order on both backends,
// and the indexes skip locale-aware comparison.
const T = 'TEXT COLLATE "C"';

/**
 * PostgreSQL starts at the shape SQLite reached in version 8; later versions are written for both.
 * The differences: BIGINT times, identity columns for arrival order, and a sequence plus trigger
 * for the issue change sequence (every writer holds the write lock, so numbers follow commits).
 */
export const POSTGRES_MIGRATIONS: readonly PostgresMigration[] = [
  {
    version: 8,
    name: 'the aggregator schema, as SQLite has it at version 8',
    sql: `
      CREATE SEQUENCE issue_change_seq;
      CREATE TABLE issues (
        id ${T} PRIMARY KEY,
        title ${T} NOT NULL,
        title_source ${T} NOT NULL DEFAULT 'auto' CHECK (title_source IN ('auto', 'analyst')),
        status ${T} NOT NULL DEFAULT 'new'
          CHECK (status IN ('new', 'investigating', 'fix_in_progress', 'fixed', 'wont_fix')),
        owner ${T},
        root_cause ${T},
        merged_into ${T} REFERENCES issues(id),
        curated INTEGER NOT NULL DEFAULT 0,
        model TEXT NOT NULL DEFAULT '{"size":0,"terms":[]}',
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL,
        change_seq BIGINT NOT NULL DEFAULT nextval('issue_change_seq')
      );
      CREATE INDEX issues_change_seq ON issues (change_seq);
      CREATE FUNCTION issue_changed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN NEW.change_seq := nextval('issue_change_seq'); RETURN NEW; END
      $$;
      CREATE TRIGGER issues_changed BEFORE UPDATE OF title, status, owner, root_cause, merged_into, model
        ON issues FOR EACH ROW EXECUTE FUNCTION issue_changed();

      CREATE TABLE items (
        seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id ${T} NOT NULL UNIQUE,
        issue_id ${T} NOT NULL REFERENCES issues(id),
        assigned_by ${T} NOT NULL
          CHECK (assigned_by IN ('new', 'similarity', 'agent', 'analyst', 'recluster')),
        text ${T} NOT NULL,
        channel ${T} NOT NULL,
        team ${T},
        agent ${T},
        segment ${T},
        root_cause ${T},
        suggested_fix ${T},
        times_heard INTEGER NOT NULL CHECK (times_heard >= 1),
        created_at BIGINT NOT NULL,
        received_at BIGINT NOT NULL,
        redactions INTEGER NOT NULL DEFAULT 0
      );
      -- Covers the ranking query. Agents follow the issue so that count(DISTINCT agent) gets each
      -- issue's agents already in order (SQLite's index leads with time instead: its planner
      -- handles the distinct count in a b-tree of its own).
      CREATE INDEX items_ranking ON items (issue_id, agent, created_at, times_heard, team, channel, segment);
      CREATE INDEX items_by_time ON items (created_at, issue_id, times_heard, channel, team, segment, agent);
      CREATE INDEX items_agent ON items (agent, seq);

      CREATE TABLE vocabulary (term ${T} PRIMARY KEY, df BIGINT NOT NULL, seq BIGINT NOT NULL DEFAULT 0);
      CREATE INDEX vocabulary_seq ON vocabulary (seq);
      CREATE TABLE settings (key ${T} PRIMARY KEY, value ${T} NOT NULL);

      CREATE TABLE tokens (
        id ${T} PRIMARY KEY,
        name ${T} NOT NULL,
        role ${T} NOT NULL CHECK (role IN ('agent', 'lead', 'analyst', 'admin')),
        team ${T},
        hash ${T} NOT NULL UNIQUE,
        created_at BIGINT NOT NULL,
        revoked_at BIGINT,
        last_used_at BIGINT
      );
      CREATE INDEX tokens_name ON tokens (name);

      CREATE TABLE feedback_seen (
        agent ${T} NOT NULL,
        issue_id ${T} NOT NULL,
        status ${T} NOT NULL,
        PRIMARY KEY (agent, issue_id)
      );
      CREATE TABLE labels (kind ${T} NOT NULL, value ${T} NOT NULL, PRIMARY KEY (kind, value));

      CREATE TABLE issue_history (
        seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        issue_id ${T} NOT NULL,
        at BIGINT NOT NULL,
        action ${T} NOT NULL CHECK (action IN ('update', 'merge', 'split')),
        field ${T},
        old_value ${T},
        new_value ${T}
      );
      CREATE INDEX issue_history_issue ON issue_history (issue_id, seq);
    `,
  },
  {
    version: 9,
    name: "each issue's all-time totals, kept by every write that moves items",
    sql: `
      CREATE TABLE issue_totals (
        issue_id ${T} PRIMARY KEY,
        mentions BIGINT NOT NULL,
        times_heard BIGINT NOT NULL,
        agents BIGINT NOT NULL,
        first_seen BIGINT NOT NULL,
        last_seen BIGINT NOT NULL
      );
      CREATE TABLE issue_agents (issue_id ${T} NOT NULL, agent ${T} NOT NULL, PRIMARY KEY (issue_id, agent));
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
      ALTER TABLE issue_history DROP CONSTRAINT issue_history_action_check;
      ALTER TABLE issue_history ADD CONSTRAINT issue_history_action_check
        CHECK (action IN ('update', 'merge', 'split', 'move', 'note'));
      ALTER TABLE issue_history ADD COLUMN actor ${T};
    `,
  },
  {
    version: 11,
    name: 'prioritisation: preventable and value dimension, cost per channel, webhook outbox',
    sql: `
      ALTER TABLE issues ADD COLUMN preventable INTEGER CHECK (preventable IN (0, 1));
      ALTER TABLE issues ADD COLUMN value_dimension ${T} CHECK (value_dimension IN
        ('visibility', 'accessibility', 'responsiveness', 'reliability', 'functionality', 'effectiveness'));
      CREATE TABLE channel_costs (channel ${T} PRIMARY KEY, minutes DOUBLE PRECISION NOT NULL, per_minute DOUBLE PRECISION NOT NULL);
      CREATE TABLE webhooks (
        id ${T} PRIMARY KEY,
        url TEXT NOT NULL,
        secret TEXT NOT NULL,
        events TEXT NOT NULL,
        format ${T} NOT NULL CHECK (format IN ('json', 'slack')),
        created_at BIGINT NOT NULL
      );
      CREATE TABLE webhook_events (
        id ${T} PRIMARY KEY,
        kind ${T} NOT NULL CHECK (kind IN ('status', 'emerging', 'new_issue')),
        dedupe_key ${T} UNIQUE,
        at BIGINT NOT NULL,
        issue TEXT NOT NULL
      );
      CREATE TABLE webhook_deliveries (
        event_id ${T} NOT NULL,
        webhook_id ${T} NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at BIGINT NOT NULL,
        delivered_at BIGINT,
        last_error TEXT,
        PRIMARY KEY (event_id, webhook_id)
      );
      CREATE INDEX webhook_deliveries_due ON webhook_deliveries (delivered_at, next_attempt_at);
    `,
  },
  {
    version: 12,
    name: "agents' corrections and withdrawals of their own items, append-only",
    sql: `
      CREATE TABLE item_changes (
        id ${T} PRIMARY KEY,
        item_id ${T} NOT NULL,
        kind ${T} NOT NULL CHECK (kind IN ('edit', 'withdraw')),
        agent ${T} NOT NULL,
        at BIGINT NOT NULL
      );
      CREATE INDEX item_changes_item ON item_changes (item_id);
    `,
  },
  {
    version: 13,
    name: 'the team of the agent who changed an item, so a tombstone is one holder’s',
    sql: `
      ALTER TABLE item_changes ADD COLUMN team ${T};
      ALTER TABLE item_changes ADD COLUMN team_known INTEGER NOT NULL DEFAULT 0;
    `,
  },
];
