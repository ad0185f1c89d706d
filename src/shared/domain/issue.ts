export const ISSUE_STATUSES = [
  'new',
  'investigating',
  'fix_in_progress',
  'fixed',
  'wont_fix',
] as const;
export type IssueStatus = (typeof ISSUE_STATUSES)[number];

/** Statuses under which new verbatims may still be grouped into an issue. */
export const OPEN_STATUSES: ReadonlySet<IssueStatus> = new Set([
  'new',
  'investigating',
  'fix_in_progress',
]);

/** Which issues a ranking shows: the open ones, every one, or those of one status. */
export const STATUS_FILTERS = ['open', 'all', ...ISSUE_STATUSES] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

export function statusMatcher(filter: StatusFilter): (status: IssueStatus) => boolean {
  if (filter === 'all') return () => true;
  if (filter === 'open') return (status) => OPEN_STATUSES.has(status);
  return (status) => status === filter;
}
/** What customers value, after the WOCAS seeds: the dimension a problem falls short on. */
export const VALUE_DIMENSIONS = [
  'visibility',
  'accessibility',
  'responsiveness',
  'reliability',
  'functionality',
  'effectiveness',
] as const;
export type ValueDimension = (typeof VALUE_DIMENSIONS)[number];

/** How a ranking orders its issues: the importance score, contacts (times heard) or cost to serve. */
export const RANK_BY = ['score', 'contacts', 'cost'] as const;
export type RankBy = (typeof RANK_BY)[number];

/** An issue as ranked for a window and filters: the `wocas issues --json` element. */
export interface RankedIssue {
  id: string;
  title: string;
  status: IssueStatus;
  owner: string | null;
  /** Items in the window. */
  mentions: number;
  /** Contacts those items stand for (sum of times_heard). */
  times_heard: number;
  /** Distinct agents who reported it in the window. */
  agents: number;
  first_seen: string;
  last_seen: string;
  /** times_heard in the window minus times_heard in the previous window of equal length. */
  trend: number;
  /** times_heard in the previous window of equal length. */
  previous_times_heard: number;
  score: number;
  /** An analyst's judgement: true the contact should never have been needed, false it was, null not judged. */
  preventable: boolean | null;
  value_dimension: ValueDimension | null;
  /** Cost to serve the window's contacts, in the document's currency (0 for channels without a cost). */
  cost: number;
  /** The window's contacts are well above the issue's own usual rate (see shared/ranking/emerging.ts). */
  emerging: boolean;
  /** One sentence saying why, when emerging; otherwise null. */
  emerging_reason: string | null;
  /** When emerging: the numbers behind the reason, so a UI can say it in its own language. */
  emerging_detail?: {
    current: number;
    /** The rate the test assumed: the mean plus a half-contact prior over the windows. */
    expected: number;
    /** The trailing windows' mean, to one decimal: the usual count the reason states. */
    usual: number;
    windows: number;
    p: number;
    is_new: boolean;
  };
  item_ids?: string[];
}

/** An issue as the week's views show it: the Team view and the weekly report. */
export interface WeekIssue extends RankedIssue {
  /**
   * Fixed, and heard after it was last set to fixed (by the window's filters, e.g. a team's own
   * items): the fix did not stop the contacts. False for every other status.
   */
  heard_since_fixed: boolean;
}

export interface RankedIssues {
  generated_at: string;
  /** The currency of every issue's `cost`. */
  currency: string;
  issues: RankedIssue[];
}

/** An issue as desktops cache it (GET /api/v1/sync/issues): enough to suggest it offline and close the loop. */
export interface IssueSnapshot {
  id: string;
  title: string;
  status: IssueStatus;
  owner: string | null;
  mentions: number;
  times_heard: number;
  merged_into: string | null;
  /** The analyst's confirmed root cause and latest note: what agents read in My feedback. */
  root_cause?: string | null;
  note?: string | null;
  /** The heaviest centroid terms, [[term, weight], …]. */
  terms: [string, number][];
}

/**
 * An issue's confirmed root cause and latest analyst note, for a reader who may read them: the
 * `issue_details` of POST /api/v1/items/issues, keyed by issue id.
 */
export interface IssueExplanation {
  root_cause: string | null;
  note: string | null;
}
