import { create } from 'zustand';
import type { WindowFilter } from '../../../shared/api/contract.js';
import type { Channel } from '../../../shared/domain/feedback-item.js';
import type { StatusFilter } from '../../../shared/domain/issue.js';
import { lastDays, windowDays } from './dates.js';

export const DEFAULT_DAYS = 28;
/** Table rows rendered at once; more on request, so 5,000 issues never mean 5,000 DOM rows. */
export const PAGE_SIZE = 200;
/** Lines the trend chart can tell apart. */
export const MAX_SELECTED = 10;
export const DEFAULT_TREND_ISSUES = 5;

export interface Filters {
  /** Inclusive local dates, `YYYY-MM-DD`. */
  from: string;
  to: string;
  team: string;
  channel: Channel | '';
  segment: string;
  search: string;
  /** Which issues rank: the open ones by default, fixed ones one choice away. */
  status: StatusFilter;
}

/** Where a workbench action was made: its status line is shown there, and nowhere else. */
export type ActionSource =
  'curation' | 'merge-into' | 'similar' | 'split-proposal' | 'regroup' | 'merge-selected';

/** What the latest workbench action did. */
export interface Notice {
  source: ActionSource;
  text: string;
  error: boolean;
}

export type SortKey =
  'rank' | 'title' | 'mentions' | 'times_heard' | 'agents' | 'trend' | 'status' | 'owner';
export type SortDirection = 'ascending' | 'descending';

interface InsightsState {
  filters: Filters;
  sort: { key: SortKey; direction: SortDirection };
  /** Issues picked for the trend chart, in the order picked. */
  selected: string[];
  shown: number;
  openIssueId: string | null;
  /** Bumped by the refresh button: every query of the view runs again. */
  refresh: number;
  /**
   * The view's one status line: the latest action's, so "Issues merged: 1." does not outlive the
   * next action. Opening or closing an issue clears it too: it spoke of what was on screen.
   */
  notice: Notice | null;
  setFilter: <K extends keyof Filters>(key: K, value: Filters[K]) => void;
  sortBy: (key: SortKey) => void;
  toggleSelected: (id: string) => void;
  clearSelected: () => void;
  showMore: () => void;
  openIssue: (id: string | null) => void;
  reload: () => void;
  setNotice: (notice: Notice | null) => void;
}

/** Text columns read naturally A→Z; numbers biggest first. */
const FIRST_DIRECTION: Record<SortKey, SortDirection> = {
  rank: 'ascending',
  title: 'ascending',
  status: 'ascending',
  owner: 'ascending',
  mentions: 'descending',
  times_heard: 'descending',
  agents: 'descending',
  trend: 'descending',
};

export const useInsights = create<InsightsState>((set) => ({
  filters: {
    ...lastDays(DEFAULT_DAYS),
    team: '',
    channel: '',
    segment: '',
    search: '',
    status: 'open',
  },
  sort: { key: 'rank', direction: 'ascending' },
  selected: [],
  shown: PAGE_SIZE,
  openIssueId: null,
  refresh: 0,
  notice: null,
  // Unchanged values change nothing: the debounced search box re-sends its text on every mount.
  setFilter: (key, value) =>
    set((state) =>
      state.filters[key] === value
        ? {}
        : { filters: { ...state.filters, [key]: value }, shown: PAGE_SIZE },
    ),
  sortBy: (key) =>
    set((state) => ({
      sort:
        state.sort.key === key
          ? { key, direction: state.sort.direction === 'ascending' ? 'descending' : 'ascending' }
          : { key, direction: FIRST_DIRECTION[key] },
    })),
  toggleSelected: (id) =>
    set((state) => {
      if (state.selected.includes(id))
        return { selected: state.selected.filter((other) => other !== id) };
      return state.selected.length >= MAX_SELECTED ? {} : { selected: [...state.selected, id] };
    }),
  clearSelected: () => set({ selected: [] }),
  showMore: () => set((state) => ({ shown: state.shown + PAGE_SIZE })),
  openIssue: (id) => set({ openIssueId: id, notice: null }),
  reload: () => set((state) => ({ refresh: state.refresh + 1 })),
  setNotice: (notice) => set({ notice }),
}));

/**
 * The filters as the API takes them. A lead's calls are their team's whatever they pick (the
 * server enforces it), so the team is theirs here too. Reversed dates are read as the same window.
 */
export function windowFilter(filters: Filters, lockedTeam: string | null): WindowFilter {
  const [from, to] =
    filters.from <= filters.to ? [filters.from, filters.to] : [filters.to, filters.from];
  const team = lockedTeam ?? filters.team;
  return {
    from,
    to,
    ...(team ? { team } : {}),
    ...(filters.channel ? { channel: filters.channel } : {}),
    ...(filters.segment ? { segment: filters.segment } : {}),
  };
}

/** Days per trend point: daily for two weeks or less, weekly beyond. */
export function trendBucket(filter: WindowFilter): 'day' | 'week' {
  return filter.from && filter.to && windowDays(filter.from, filter.to) <= 14 ? 'day' : 'week';
}
