import { type RawBuilder, sql } from 'kysely';
import type { CountedText } from '../../shared/api/contract.js';
import type { RankedIssue, ValueDimension, WeekIssue } from '../../shared/domain/issue.js';
import {
  type IsoWeek,
  formatIsoWeek,
  previousWeek,
  weekBounds,
} from '../../shared/time/iso-week.js';
import { groupTexts } from '../insights/issue-detail.js';
import type { EmergingVerdict } from '../../shared/ranking/emerging.js';
import { previousWindow } from '../../shared/ranking/previous-window.js';
import { WEEK_TOP_ISSUES } from '../../shared/ranking/week-order.js';
import { emergingVerdicts } from '../issues/emerging-flags.js';
import { weekIssues } from '../insights/week-issues.js';
import { type Sql, IN_LIST_MAX, chunks, first, inList, rows } from '../storage/sql.js';
import { representativeVerbatims } from './representative-verbatims.js';

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
  team: string | null;
  agent: string | null;
  segment: string | null;
  created_at: number;
  root_cause: string | null;
  suggested_fix: string | null;
}

export interface ReportIssue extends WeekIssue {
  isNew: boolean;
  rising: boolean;
  /** The channel most of the week's items came through (a gloss for a title in another language). */
  mainChannel: string | null;
  /** The numbers behind `emerging`, so each language can say why in its own words. */
  emergingVerdict: EmergingVerdict | null;
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
  headline: {
    items: number;
    contacts: number;
    agents: number;
    newIssues: number;
    /** Contacts in issues an analyst marked preventable, and in issues judged either way. */
    preventableContacts: number;
    judgedContacts: number;
    /** Contacts by the value dimension analysts gave their issues, largest first. */
    byDimension: { dimension: ValueDimension; contacts: number }[];
    /** Contacts in the same part of last week: all of it, or up to this moment of it while this week runs. */
    previousContacts: number;
    /** The week is still running: its figures are so far, compared with the same days last week. */
    weekToDate: boolean;
  };
  /** The top issues, most contacts first (the order a reader can see). */
  issues: ReportIssue[];
  /**
   * Every issue the team heard in the week, whatever its status, most contacts first: the
   * headline's contacts are their sum. For the Pareto chart and the spreadsheets.
   */
  allIssues: WeekIssue[];
  /** Issues first heard (by anyone) during the week, most contacts first. */
  newIssues: WeekIssue[];
  /** When each of `allIssues` was first heard, by anyone, ever (an issue's `first_seen` is the week's). */
  firstHeard: Record<string, number>;
  /** Issues this team heard whose status was set to fixed during the week. */
  fixedThisWeek: { id: string; title: string }[];
  pareto: { id: string; title: string; times_heard: number }[];
  trend: { weeks: string[]; series: { id: string; title: string; times_heard: number[] }[] };
  contributors: { agent: string; items: number; times_heard: number }[];
  /** Every item of the week, for the spreadsheet. */
  items: ReportItem[];
}

/** Gathers one team's (or every team's) ISO week, in a time zone, from the aggregator's database. */
export async function weeklyReportData(
  q: Sql,
  team: string | null,
  week: IsoWeek,
  timeZone: string,
  now: number,
): Promise<WeeklyReport> {
  const { from, to } = weekBounds(week, timeZone);
  const earlier = previousWindow(from, to, now);
  const teamFilter = team ?? undefined;
  const ofTeam = team ? sql`AND team = ${team}` : sql``;
  // Every issue heard, whatever its status: the headline counts every contact of the week, and a
  // fixed issue still being heard is news (the fix did not work), not something to leave out.
  // In the Team view's order: by what the report shows, not by the unseen score.
  const ranked = await weekIssues(q, { from, to, team: teamFilter }, now);
  const items = await rows(
    q,
    sql<ReportItem>`SELECT id, issue_id, text, channel, team, agent, segment, created_at, root_cause, suggested_fix FROM items
      WHERE created_at >= ${from} AND created_at < ${to} ${ofTeam} ORDER BY created_at, seq`,
  );
  const firstSeen = new Map<string, number>();
  for (const slice of chunks(
    ranked.map((issue) => issue.id),
    IN_LIST_MAX,
  )) {
    const found = await rows(
      q,
      sql<{ issue_id: string; first: number }>`SELECT issue_id, min(created_at) AS first FROM items
        WHERE ${inList(sql.ref('issue_id'), slice)} GROUP BY issue_id`,
    );
    for (const row of found) firstSeen.set(row.issue_id, row.first);
  }
  const byIssue = new Map<string, ReportItem[]>();
  for (const item of items)
    byIssue.set(item.issue_id, [...(byIssue.get(item.issue_id) ?? []), item]);
  const isNew = (issue: RankedIssue) => (firstSeen.get(issue.id) ?? 0) >= from;
  const verdicts = await emergingVerdicts(
    q,
    ofTeam,
    { start: from, end: Math.min(to, now) },
    firstSeen,
  );
  const enrich = (issue: WeekIssue): ReportIssue => {
    const members = byIssue.get(issue.id) ?? [];
    const previous = issue.previous_times_heard;
    return {
      ...issue,
      isNew: isNew(issue),
      rising:
        previous > 0 &&
        issue.times_heard >= previous * RISING_FACTOR &&
        issue.times_heard - previous >= RISING_MINIMUM,
      mainChannel: mostCommon(members.map((m) => m.channel)),
      emergingVerdict: issue.emerging ? (verdicts.get(issue.id) ?? null) : null,
      verbatims: representativeVerbatims(members, VERBATIMS_PER_ISSUE),
      root_causes: groupTexts(members.map((m) => m.root_cause)).slice(0, 5),
      suggested_fixes: groupTexts(members.map((m) => m.suggested_fix)).slice(0, 5),
    };
  };
  const contributors = await rows(
    q,
    sql<{
      agent: string;
      items: number;
      times_heard: number;
    }>`SELECT agent, count(*) AS items, sum(times_heard) AS times_heard FROM items
      WHERE created_at >= ${from} AND created_at < ${to} AND agent IS NOT NULL ${ofTeam}
      GROUP BY agent ORDER BY items DESC, agent`,
  );
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
      agents: contributors.length,
      newIssues: ranked.filter(isNew).length,
      previousContacts: await contactsBetween(q, earlier.from, earlier.to, ofTeam),
      weekToDate: now < to,
      preventableContacts: ranked.reduce(
        (sum, issue) => sum + (issue.preventable === true ? issue.times_heard : 0),
        0,
      ),
      judgedContacts: ranked.reduce(
        (sum, issue) => sum + (issue.preventable === null ? 0 : issue.times_heard),
        0,
      ),
      byDimension: contactsByDimension(ranked),
    },
    issues: ranked.slice(0, WEEK_TOP_ISSUES).map(enrich),
    allIssues: ranked,
    newIssues: ranked.filter(isNew),
    firstHeard: Object.fromEntries(firstSeen),
    fixedThisWeek: await fixedBetween(q, from, to, ofTeam),
    pareto: ranked.map((issue) => ({
      id: issue.id,
      title: issue.title,
      times_heard: issue.times_heard,
    })),
    trend: await trendOf(q, ranked.slice(0, TREND_SERIES), week, timeZone, teamFilter),
    contributors,
    items,
  };
}

function mostCommon(values: readonly string[]): string | null {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? null;
}

async function contactsBetween(
  q: Sql,
  from: number,
  to: number,
  ofTeam: RawBuilder<unknown>,
): Promise<number> {
  const found = await first(
    q,
    sql<{
      n: number | null;
    }>`SELECT sum(times_heard) AS n FROM items WHERE created_at >= ${from} AND created_at < ${to} ${ofTeam}`,
  );
  return Number(found?.n ?? 0);
}

/** Issues set to fixed during the week (the last such change counts), limited to ones the team heard. */
async function fixedBetween(
  q: Sql,
  from: number,
  to: number,
  ofTeam: RawBuilder<unknown>,
): Promise<{ id: string; title: string }[]> {
  return rows(
    q,
    sql<{ id: string; title: string }>`SELECT i.id, i.title FROM issues i
      WHERE i.status = 'fixed' AND i.merged_into IS NULL
        AND i.id IN (SELECT issue_id FROM issue_history WHERE field = 'status' AND new_value = 'fixed' AND at >= ${from} AND at < ${to})
        AND i.id IN (SELECT issue_id FROM items WHERE 1 = 1 ${ofTeam})
      ORDER BY i.title`,
  );
}

/** Contacts per week over the weeks up to this one, for the top issues. */
async function trendOf(
  q: Sql,
  issues: readonly RankedIssue[],
  week: IsoWeek,
  timeZone: string,
  team: string | undefined,
): Promise<WeeklyReport['trend']> {
  const weeks: IsoWeek[] = [week];
  while (weeks.length < TREND_WEEKS) weeks.unshift(previousWeek(weeks[0] as IsoWeek));
  const ofTeam = team ? sql`AND team = ${team}` : sql``;
  const series: WeeklyReport['trend']['series'] = [];
  for (const issue of issues) {
    const counts: number[] = [];
    for (const w of weeks) {
      const { from, to } = weekBounds(w, timeZone);
      const found = await rows(
        q,
        sql<{ n: number | null }>`SELECT sum(times_heard) AS n FROM items
          WHERE issue_id = ${issue.id} AND created_at >= ${from} AND created_at < ${to} ${ofTeam}`,
      );
      counts.push(found[0]?.n ?? 0);
    }
    series.push({ id: issue.id, title: issue.title, times_heard: counts });
  }
  return { weeks: weeks.map(formatIsoWeek), series };
}

function contactsByDimension(
  issues: readonly RankedIssue[],
): { dimension: ValueDimension; contacts: number }[] {
  const totals = new Map<ValueDimension, number>();
  for (const issue of issues) {
    if (issue.value_dimension !== null)
      totals.set(
        issue.value_dimension,
        (totals.get(issue.value_dimension) ?? 0) + issue.times_heard,
      );
  }
  return [...totals]
    .map(([dimension, contacts]) => ({ dimension, contacts }))
    .sort((a, b) => b.contacts - a.contacts || (a.dimension < b.dimension ? -1 : 1));
}
