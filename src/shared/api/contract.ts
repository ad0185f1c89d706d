import type { Channel } from '../domain/feedback-item.js';
import type {
  IssueStatus,
  RankBy,
  RankedIssue,
  RankedIssues,
  StatusFilter,
  ValueDimension,
  WeekIssue,
} from '../domain/issue.js';
import type { Role } from '../domain/role.js';
import type {
  CostSettings,
  CreatedWebhook,
  WebhookEvent,
  WebhookFormat,
  WebhookStatus,
} from '../domain/settings.js';

/**
 * Everything the UI can ask of WOCAS, as one type. The desktop app answers over Electron IPC
 * (preload → main), the aggregator over HTTP (`POST /api/v1/call/<method>`); the renderer only
 * ever sees `WocasClient`, typed by this map, and cannot tell which one it talks to.
 */
export interface ApiMethods {
  /** Who the signed-in token belongs to. */
  'session.whoami': { args: Record<string, never>; result: Session };
  /** Teams, channels and segments seen so far: the choices for filters and the capture form. */
  'meta.taxonomy': { args: Record<string, never>; result: Taxonomy };

  /** Saves what a customer said. On the desktop: locally first, synced later. */
  'items.capture': { args: CaptureInput; result: CaptureResult };
  /**
   * Corrects the verbatim of one of the signed-in agent's own items. `id` is the change's own id
   * (client-made; sending it again changes nothing). On the desktop: locally first, synced later.
   */
  'items.edit': { args: { item_id: string; text: string; id?: string }; result: ItemChangeResult };
  /** Withdraws one of the agent's own items: it leaves every count, and a later push cannot bring it back. */
  'items.withdraw': { args: { item_id: string; id?: string }; result: ItemChangeResult };
  /** Open issues like the text being typed, best first ("heard again" candidates). */
  'issues.suggest': { args: { text: string; limit?: number }; result: Suggestion[] };
  /** The signed-in agent's own items and what became of them. */
  'feedback.mine': { args: { limit?: number }; result: MyFeedbackItem[] };
  /** The agent has seen the current status of these issues. */
  'feedback.markSeen': { args: { issueIds: string[] }; result: { ok: true } };

  /** Ranked issues for a window and filters (the `wocas issues --json` document). */
  'issues.rank': { args: RankQuery; result: RankedIssues };
  /** One issue: its numbers, representative verbatims, agents' root causes and fixes. */
  'issues.detail': { args: { id: string } & WindowFilter; result: IssueDetail };
  /** Contacts per day or week for some issues (or all, as one series). */
  'stats.trend': { args: TrendQuery; result: TrendSeries };
  /** Contacts by channel, team or segment. */
  'stats.breakdown': { args: BreakdownQuery; result: BreakdownRow[] };
  /** A team lead's week: top issues, the team's verbatims, who contributed. */
  /**
   * A team's week. With `week` (and `tz`, default UTC) the window is that ISO week in that zone,
   * exactly the weekly report's; otherwise `from`/`to` as every other read takes them.
   */
  'team.summary': {
    args: { team: string; week?: string; tz?: string } & WindowFilter;
    result: TeamSummary;
  };

  /** The analyst's workbench (analysts and admins; leads may read their team's items). */
  'issues.update': { args: IssueUpdateArgs; result: IssueDetail };
  /** Moves every item of `id` into `into`; `id` is retired. */
  'issues.merge': { args: { id: string; into: string }; result: { id: string } };
  /** Moves these items of `id` into a new issue. */
  'issues.split': {
    args: { id: string; itemIds: string[]; title?: string };
    result: { id: string };
  };
  /** Moves items, from whichever issues hold them, into `into`. */
  'issues.moveItems': { args: { itemIds: string[]; into: string }; result: { moved: number } };
  /** Who changed what and when, oldest first; a merged-away id answers with its target's. */
  'issues.history': { args: { id: string }; result: HistoryEntry[] };
  /** Every item of an issue, newest first, paged and searchable. */
  'issues.items': { args: IssueItemsQuery; result: IssueItemsPage };
  /** Open issues most like this one (its centroid against theirs), most alike first: merge candidates. */
  'issues.similar': { args: { id: string; limit?: number }; result: Suggestion[] };
  /** Two problems this issue may hold, each labelled, for the analyst to split with one click. */
  'issues.splitProposal': { args: { id: string }; result: SplitProposal };
  /**
   * One representative verbatim per issue, from the items the token may read (leads their team,
   * analysts all): shown beside titles, which are short labels or 'Unlabelled issue'.
   */
  'issues.samples': { args: { ids: string[] }; result: IssueSample[] };
  /** Live issues by title, id or the words of their newest items (the sample's), biggest first: what to merge or move into. */
  'issues.find': {
    args: { search?: string; limit?: number; except?: string };
    result: IssueChoices;
  };

  /** The cost to serve a contact, per channel (what `--rank-by cost` multiplies by). */
  'costs.show': { args: Record<string, never>; result: CostSettings };
  /** Sets one channel's cost (and the currency of every cost, when given); admins only. */
  'costs.set': { args: CostSetArgs; result: CostSettings };
  /** The webhooks with their deliveries: delivered, pending, attempts, the last error; no secrets. */
  'webhooks.list': { args: Record<string, never>; result: WebhookStatus[] };
  /** Adds a webhook; the answer carries its signing secret, the only time it is shown. */
  'webhooks.add': { args: WebhookAddArgs; result: CreatedWebhook };
  /** Removes a webhook and the deliveries still waiting for it. */
  'webhooks.remove': { args: { id: string }; result: { removed: string } };
}

export type MethodName = keyof ApiMethods;
export type ArgsOf<M extends MethodName> = ApiMethods[M]['args'];
export type ResultOf<M extends MethodName> = ApiMethods[M]['result'];

/** Events the UI can receive (the desktop pushes them; the browser client polls or never fires). */
export interface ApiEvents {
  'sync.state': SyncState;
  'feedback.changed': { count: number };
}
export type EventName = keyof ApiEvents;

/** The one interface the renderer talks to. */
export interface WocasClient {
  invoke<M extends MethodName>(method: M, args: ArgsOf<M>): Promise<ResultOf<M>>;
  on<E extends EventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void;
}

/** The method names are derived from the argument schemas: METHOD_NAMES in ./call-args.ts. */
export type { Role } from '../domain/role.js';

export interface Session {
  name: string;
  role: Role;
  team: string | null;
  /** Where the client runs: the desktop saves offline first; the browser needs the server. */
  mode: 'desktop' | 'browser';
}

export interface Taxonomy {
  channels: Channel[];
  teams: string[];
  segments: string[];
}

export interface CaptureInput {
  text: string;
  channel?: Channel;
  root_cause?: string;
  suggested_fix?: string;
  segment?: string;
  times_heard?: number;
  /** "Heard again": the existing issue this belongs to. */
  issue_id?: string;
  /** A client-made id (the browser's offline queue): sending the same id again stores nothing new. */
  id?: string;
  /** When a queued save was made; the aggregator keeps it if it is in the last 30 days and not ahead of its clock. */
  heard_at?: string;
}

export interface CaptureResult {
  id: string;
  /** True once the aggregator has it (always in the browser; after sync on the desktop). */
  synced: boolean;
  issue_id: string | null;
  /** Personal data found and removed before saving. */
  redactions: number;
}

export interface ItemChangeResult {
  item_id: string;
  /** The change's id, to send again safely. */
  id: string;
  /** True once the aggregator has applied it (always in the browser; after sync on the desktop). */
  synced: boolean;
  /** The verbatim as stored after an edit (redacted); null after a withdrawal. */
  text: string | null;
  /** Personal data found and removed from an edited text. */
  redactions: number;
}

export interface Suggestion {
  id: string;
  title: string;
  status: IssueStatus;
  mentions: number;
  similarity: number;
  /**
   * `issues.suggest` only: up to three words of the typed text the issue also holds, each a term
   * at least two items share, heaviest in the issue first; what tells two suggestions of one
   * title apart without anyone's verbatim.
   */
  matched?: string[];
}

export interface MyFeedbackItem {
  id: string;
  text: string;
  created_at: string;
  sync_state: 'pending' | 'synced' | 'rejected';
  /** The issue now, with what the analyst confirmed (root cause) and wrote (latest note) when known. */
  issue: {
    id: string;
    title: string;
    status: IssueStatus;
    owner: string | null;
    root_cause?: string | null;
    note?: string | null;
  } | null;
  /** The issue's status changed since the agent last looked. */
  unseen: boolean;
  /** How it was captured (the aggregator says; a new desktop keeps them with the items it fetches). */
  channel?: Channel;
  times_heard?: number;
}

/** ISO 8601 bounds: from inclusive, to exclusive. */
export interface WindowFilter {
  from?: string;
  to?: string;
  team?: string;
  channel?: Channel;
  segment?: string;
}

export interface RankQuery extends WindowFilter {
  /** Words that must appear in the title or a verbatim. */
  search?: string;
  limit?: number;
  /** `open` (new, investigating, fix_in_progress), `all` (the default), or one status. */
  status?: StatusFilter;
  /** Order by the score (default), contacts or cost to serve. */
  rankBy?: RankBy;
  /** Only issues marked preventable (true) or needed (false). */
  preventable?: boolean;
}

export interface CountedText {
  text: string;
  count: number;
}

export interface IssueDetail {
  /** Figures over the window and filters asked for: `first_seen` is the window's first item. */
  issue: RankedIssue;
  /** First and last heard at any time (the same team, channel and segment filters; no dates). */
  all_time: { first_seen: string; last_seen: string };
  root_cause: string | null;
  /** A few verbatims that together show the issue's range, not near-duplicates of one. */
  verbatims: {
    id: string;
    text: string;
    channel: Channel;
    team: string | null;
    created_at: string;
  }[];
  root_causes: CountedText[];
  suggested_fixes: CountedText[];
}

export interface TrendQuery extends WindowFilter {
  issueIds?: string[];
  bucket: 'day' | 'week';
  /** IANA time zone whose days and weeks the buckets are (default UTC); the UI sends the browser's. */
  tz?: string;
}

export interface TrendSeries {
  /** Bucket starts, ISO dates. */
  buckets: string[];
  series: { issueId: string | null; title: string; times_heard: number[] }[];
}

export interface BreakdownQuery extends WindowFilter {
  by: 'channel' | 'team' | 'segment';
  issueId?: string;
}

export interface BreakdownRow {
  key: string | null;
  mentions: number;
  times_heard: number;
}

export interface TeamSummary {
  team: string;
  /** The window as instants: from inclusive, to exclusive. */
  from: string;
  to: string;
  /** The ISO week asked for, or null when the window was given by from/to. */
  week: string | null;
  /** The zone the week was counted in (UTC for a from/to window). */
  time_zone: string;
  /** The week's top issues, whatever their status: a fixed issue still heard is shown so. */
  issues: WeekIssue[];
  verbatims: {
    id: string;
    text: string;
    agent: string | null;
    issue_id: string;
    created_at: string;
  }[];
  /** Recognition, not surveillance: counts only. */
  contributors: { agent: string; items: number; times_heard: number }[];
}

export interface SyncState {
  pending: number;
  online: boolean;
  /** ISO time of the last successful sync, by this machine's clock (display only). */
  last_synced_at: string | null;
}

/** An analyst's edit: a field left out stays; null clears owner, title (back to the automatic label) and root cause. */
export interface IssueUpdateArgs {
  id: string;
  status?: IssueStatus;
  owner?: string | null;
  title?: string | null;
  root_cause?: string | null;
  /** Kept in the history and shown to the agents who reported the issue. */
  note?: string;
  /** The contact should never have been needed (true), was needed (false); null clears it. */
  preventable?: boolean | null;
  /** What customers value that the problem falls short on; null clears it. */
  value_dimension?: ValueDimension | null;
}

export interface HistoryEntry {
  at: string;
  /** The name of the token that made the change; null for the command line. */
  actor: string | null;
  action: 'update' | 'merge' | 'split' | 'move' | 'note';
  /** One readable line (English): what changed, from what, to what. */
  detail: string;
  field: string | null;
  old_value: string | null;
  new_value: string | null;
  /**
   * The other issues the entry names (merge, split, move; none for updates and notes), in the
   * order `detail` names them, each with its title now. A merged-away (`retired`) issue's title is
   * the one it had when it was merged.
   */
  issues: HistoryIssue[];
}

export interface HistoryIssue {
  id: string;
  title: string;
  retired: boolean;
}

export interface IssueItemsQuery extends WindowFilter {
  id: string;
  offset?: number;
  limit?: number;
  search?: string;
}

export interface IssueItem {
  id: string;
  text: string;
  channel: Channel;
  team: string | null;
  agent: string | null;
  segment: string | null;
  created_at: string;
  times_heard: number;
  root_cause: string | null;
  suggested_fix: string | null;
}

/**
 * A cut of one issue into two parts by what tells its items apart, offered rather than made: it
 * can divide one large problem by its phrasings as well as two problems, and the analyst knows.
 */
export interface SplitProposal {
  /** The issue the proposal is for (a merged-away id answers for its target). */
  id: string;
  /** Two parts, the larger first; none when the issue shows no clear divide. */
  parts: SplitProposalPart[];
  /** How many of the issue's newest items were read (at most 1,000). */
  read: number;
}

export interface SplitProposalPart {
  /** What this part says that the rest of the issue does not. */
  label: string;
  count: number;
  item_ids: string[];
  /** Up to three of its verbatims, as stored (redacted). */
  samples: string[];
}

export interface IssueChoices {
  /** Every live issue matching, however many the limit shows. */
  total: number;
  /** Biggest first (all-time items), then by title. */
  issues: { id: string; title: string; status: IssueStatus; mentions: number }[];
}

/** Issues one `issues.samples` call may ask for: a page of the ranked table. */
export const SAMPLES_MAX = 200;

/** An issue's representative verbatim, as stored (redacted). */
export interface IssueSample {
  id: string;
  text: string;
}

export interface IssueItemsPage {
  /** Items matching the query, over all pages. */
  total: number;
  items: IssueItem[];
}

/** `wocas cost set` as a call: minutes and cost per minute ≥ 0; currency a three-letter ISO 4217 code. */
export interface CostSetArgs {
  channel: Channel;
  minutes: number;
  per_minute: number;
  currency?: string;
}

/** `wocas webhook add` as a call: events default to all three, format to `json`. */
export interface WebhookAddArgs {
  url: string;
  events?: WebhookEvent[];
  format?: WebhookFormat;
}

export type {
  ChannelCost,
  CostSettings,
  CreatedWebhook,
  WebhookEvent,
  WebhookFormat,
  WebhookStatus,
} from '../domain/settings.js';
