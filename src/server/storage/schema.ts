import type { Generated } from 'kysely';
import type { Channel } from '../../shared/domain/feedback-item.js';
import type { IssueStatus } from '../../shared/domain/issue.js';

export type AssignedBy = 'new' | 'similarity' | 'agent' | 'analyst' | 'recluster';

/** An item as the aggregator keeps it: redacted, timed in epoch milliseconds, in one issue. */
export interface StoredItem {
  id: string;
  issue_id: string;
  assigned_by: AssignedBy;
  text: string;
  channel: Channel;
  team: string | null;
  agent: string | null;
  segment: string | null;
  root_cause: string | null;
  suggested_fix: string | null;
  times_heard: number;
  created_at: number;
  received_at: number;
  redactions: number;
}

/** The aggregator's tables as the query builder sees them; times are epoch milliseconds. */
export interface Schema {
  issues: {
    id: string;
    title: string;
    title_source: Generated<'auto' | 'analyst'>;
    status: Generated<IssueStatus>;
    owner: string | null;
    root_cause: string | null;
    merged_into: string | null;
    curated: Generated<number>;
    model: Generated<string>;
    created_at: number;
    updated_at: number;
    change_seq: Generated<number>;
    /** 1 preventable, 0 needed, null not judged yet. */
    preventable: number | null;
    value_dimension: string | null;
  };
  items: Omit<StoredItem, 'redactions'> & { seq: Generated<number>; redactions: Generated<number> };
  issue_totals: {
    issue_id: string;
    mentions: number;
    times_heard: number;
    agents: number;
    first_seen: number;
    last_seen: number;
  };
  issue_agents: { issue_id: string; agent: string };
  vocabulary: { term: string; df: number; seq: Generated<number> };
  settings: { key: string; value: string };
  tokens: {
    id: string;
    name: string;
    role: string;
    team: string | null;
    hash: string;
    created_at: number;
    revoked_at: number | null;
    last_used_at: number | null;
  };
  feedback_seen: { agent: string; issue_id: string; status: string };
  labels: { kind: string; value: string };
  issue_history: {
    seq: Generated<number>;
    issue_id: string;
    at: number;
    action: string;
    field: string | null;
    old_value: string | null;
    new_value: string | null;
    actor: string | null;
  };
  item_changes: {
    id: string;
    item_id: string;
    kind: 'edit' | 'withdraw';
    agent: string;
    at: number;
    /** The holder's team (null: an agent without one); unknown on changes recorded before v13. */
    team: string | null;
    /** 1 when `team` was recorded with the change, 0 for changes made before the column existed. */
    team_known: number;
  };
  channel_costs: { channel: string; minutes: number; per_minute: number };
  webhooks: {
    id: string;
    url: string;
    secret: string;
    events: string;
    format: string;
    created_at: number;
  };
  webhook_events: {
    id: string;
    kind: string;
    dedupe_key: string | null;
    at: number;
    issue: string;
  };
  webhook_deliveries: {
    event_id: string;
    webhook_id: string;
    attempts: Generated<number>;
    next_attempt_at: number;
    delivered_at: number | null;
    last_error: string | null;
  };
}
