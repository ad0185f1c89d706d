export const ISSUE_STATUSES = ['new', 'investigating', 'fix_in_progress', 'fixed', 'wont_fix'] as const;
export type IssueStatus = (typeof ISSUE_STATUSES)[number];

/** Statuses under which new verbatims may still be grouped into an issue. */
export const OPEN_STATUSES: ReadonlySet<IssueStatus> = new Set(['new', 'investigating', 'fix_in_progress']);

/** Which issues a ranking shows: the open ones, every one, or those of one status. */
export const STATUS_FILTERS = ['open', 'all', ...ISSUE_STATUSES] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

export function statusMatcher(filter: StatusFilter): (status: IssueStatus) => boolean {
  if (filter === 'all') return () => true;
  if (filter === 'open') return (status) => OPEN_STATUSES.has(status);
  return (status) => status === filter;
}

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
  item_ids?: string[];
}

export interface RankedIssues {
  generated_at: string;
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
