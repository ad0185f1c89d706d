import type { CountedText } from '../../shared/api/contract.js';
import type { RankedIssue } from '../../shared/domain/issue.js';
import { type IsoWeek, formatIsoWeek, previousWeek, weekBounds } from '../../shared/time/iso-week.js';
import { diverseVerbatims, groupTexts } from '../insights/issue-detail.js';
import { rankIssues } from '../issues/rank-issues.js';
import type { SqliteDatabase } from '../storage/sqlite/open-database.js';

const TOP_ISSUES = 10;
const VERBATIMS_PER_ISSUE = 3;
const TREND_WEEKS = 8;
const TREND_SERIES = 5;
/** Rising: at least half as many contacts again as last week, and at least 3 more. */
const RISING_FACTOR = 1.5;
const RISING_MINIMUM = 3;

export interface ReportItem {
  id: string;
  issue_id: string;
  text: string;
  channel: string;
  agent: string | null;
  created_at: number;
  root_cause: string | null;
  suggested_fix: string | null;
}

export interface ReportIssue extends RankedIssue {
  isNew: boolean;
  rising: boolean;
  verbatims: ReportItem[];
  root_causes: CountedText[];
  suggested_fixes: CountedText[];
}

export interface WeeklyReport {
  /** null: every team. */
  team: string | null;
  week: string;
  timeZone: string;
  from: number;
  to: number;
  generatedAt: number;
  headline: { items: number; contacts: number; agents: number; newIssues: number };
  issues: ReportIssue[];
  /** Every issue of the week, ranked: for the Pareto chart and the spreadsheets. */
  allIssues: RankedIssue[];
  pareto: { title: string; times_heard: number }[];
  trend: { weeks: string[]; series: { title: string; times_heard: number[] }[] };
  contributors: { agent: string; items: number; times_heard: number }[];
  /** Every item of the week, for the spreadsheet. */
  items: ReportItem[];
}

/** Gathers one team's (or every team's) ISO week, in a time zone, from the aggregator's database. */
export function weeklyReportData(db: SqliteDatabase, team: string | null, week: IsoWeek, timeZone: string, now: number): WeeklyReport {
  const { from, to } = weekBounds(week, timeZone);
  const teamFilter = team ?? undefined;
  const ranked = rankIssues(db, { from, to, team: teamFilter }, now).issues;
  const items = db
    .prepare<Record<string, string | number>, ReportItem>(
      `SELECT id, issue_id, text, channel, agent, created_at, root_cause, suggested_fix FROM items
        WHERE created_at >= @from AND created_at < @to ${team ? 'AND team = @team' : ''} ORDER BY created_at, seq`,
    )
    .all({ from, to, ...(team ? { team } : {}) });
  const firstSeen = new Map(
    db
      .prepare<[string], [string, number]>('SELECT issue_id, min(created_at) FROM items WHERE issue_id IN (SELECT value FROM json_each(?)) GROUP BY issue_id')
      .raw()
      .all(JSON.stringify(ranked.map((issue) => issue.id))),
  );
  const byIssue = new Map<string, ReportItem[]>();
  for (const item of items) byIssue.set(item.issue_id, [...(byIssue.get(item.issue_id) ?? []), item]);
  const isNew = (issue: RankedIssue) => (firstSeen.get(issue.id) ?? 0) >= from;
  const enrich = (issue: RankedIssue): ReportIssue => {
    const members = byIssue.get(issue.id) ?? [];
    const previous = issue.previous_times_heard;
    return {
      ...issue,
      isNew: isNew(issue),
      rising: previous > 0 && issue.times_heard >= previous * RISING_FACTOR && issue.times_heard - previous >= RISING_MINIMUM,
      verbatims: diverseVerbatims(members, VERBATIMS_PER_ISSUE),
      root_causes: groupTexts(members.map((m) => m.root_cause)).slice(0, 5),
      suggested_fixes: groupTexts(members.map((m) => m.suggested_fix)).slice(0, 5),
    };
  };
  const agents = new Map<string, { items: number; times_heard: number }>();
  for (const row of db
    .prepare<Record<string, string | number>, { agent: string; items: number; times_heard: number }>(
      `SELECT agent, count(*) AS items, sum(times_heard) AS times_heard FROM items
        WHERE created_at >= @from AND created_at < @to AND agent IS NOT NULL ${team ? 'AND team = @team' : ''}
        GROUP BY agent ORDER BY items DESC, agent`,
    )
    .all({ from, to, ...(team ? { team } : {}) })) {
    agents.set(row.agent, { items: row.items, times_heard: row.times_heard });
  }
  return {
    team,
    week: formatIsoWeek(week),
    timeZone,
    from,
    to,
    generatedAt: now,
    headline: {
      items: items.length,
      contacts: ranked.reduce((sum, issue) => sum + issue.times_heard, 0),
      agents: agents.size,
      newIssues: ranked.filter(isNew).length,
    },
    issues: ranked.slice(0, TOP_ISSUES).map(enrich),
    allIssues: ranked,
    pareto: ranked.map((issue) => ({ title: issue.title, times_heard: issue.times_heard })).sort((a, b) => b.times_heard - a.times_heard),
    trend: trendOf(db, ranked.slice(0, TREND_SERIES), week, timeZone, teamFilter),
    contributors: [...agents].map(([agent, counts]) => ({ agent, ...counts })),
    items,
  };
}

/** Contacts per week over the weeks up to this one, for the top issues. */
function trendOf(db: SqliteDatabase, issues: readonly RankedIssue[], week: IsoWeek, timeZone: string, team: string | undefined): WeeklyReport['trend'] {
  const weeks: IsoWeek[] = [week];
  while (weeks.length < TREND_WEEKS) weeks.unshift(previousWeek(weeks[0] as IsoWeek));
  const statement = db.prepare<Record<string, string | number>, number | null>(
    `SELECT sum(times_heard) FROM items WHERE issue_id = @issue AND created_at >= @from AND created_at < @to ${team ? 'AND team = @team' : ''}`,
  ).pluck();
  return {
    weeks: weeks.map(formatIsoWeek),
    series: issues.map((issue) => ({
      title: issue.title,
      times_heard: weeks.map((w) => statement.get({ issue: issue.id, ...weekBounds(w, timeZone), ...(team ? { team } : {}) }) ?? 0),
    })),
  };
}
