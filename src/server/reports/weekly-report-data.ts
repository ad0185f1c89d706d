import { sql } from 'kysely';
import type { CountedText } from '../../shared/api/contract.js';
import type { RankedIssue, ValueDimension } from '../../shared/domain/issue.js';
import { type IsoWeek, formatIsoWeek, previousWeek, weekBounds } from '../../shared/time/iso-week.js';
import { diverseVerbatims, groupTexts } from '../insights/issue-detail.js';
import type { EmergingVerdict } from '../../shared/ranking/emerging.js';
import { emergingVerdicts } from '../issues/emerging-flags.js';
import { rankIssues } from '../issues/rank-issues.js';
import { type Sql, IN_LIST_MAX, chunks, inList, rows } from '../storage/sql.js';

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
  };
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
export async function weeklyReportData(q: Sql, team: string | null, week: IsoWeek, timeZone: string, now: number): Promise<WeeklyReport> {
  const { from, to } = weekBounds(week, timeZone);
  const teamFilter = team ?? undefined;
  const ofTeam = team ? sql`AND team = ${team}` : sql``;
  const ranked = (await rankIssues(q, { from, to, team: teamFilter }, now)).issues;
  const items = await rows(
    q,
    sql<ReportItem>`SELECT id, issue_id, text, channel, agent, created_at, root_cause, suggested_fix FROM items
      WHERE created_at >= ${from} AND created_at < ${to} ${ofTeam} ORDER BY created_at, seq`,
  );
  const firstSeen = new Map<string, number>();
  for (const slice of chunks(ranked.map((issue) => issue.id), IN_LIST_MAX)) {
    const found = await rows(
      q,
      sql<{ issue_id: string; first: number }>`SELECT issue_id, min(created_at) AS first FROM items
        WHERE ${inList(sql.ref('issue_id'), slice)} GROUP BY issue_id`,
    );
    for (const row of found) firstSeen.set(row.issue_id, row.first);
  }
  const byIssue = new Map<string, ReportItem[]>();
  for (const item of items) byIssue.set(item.issue_id, [...(byIssue.get(item.issue_id) ?? []), item]);
  const isNew = (issue: RankedIssue) => (firstSeen.get(issue.id) ?? 0) >= from;
  const verdicts = await emergingVerdicts(q, ofTeam, { start: from, end: Math.min(to, now) }, firstSeen);
  const enrich = (issue: RankedIssue): ReportIssue => {
    const members = byIssue.get(issue.id) ?? [];
    const previous = issue.previous_times_heard;
    return {
      ...issue,
      isNew: isNew(issue),
      rising: previous > 0 && issue.times_heard >= previous * RISING_FACTOR && issue.times_heard - previous >= RISING_MINIMUM,
      emergingVerdict: issue.emerging ? (verdicts.get(issue.id) ?? null) : null,
      verbatims: diverseVerbatims(members, VERBATIMS_PER_ISSUE),
      root_causes: groupTexts(members.map((m) => m.root_cause)).slice(0, 5),
      suggested_fixes: groupTexts(members.map((m) => m.suggested_fix)).slice(0, 5),
    };
  };
  const contributors = await rows(
    q,
    sql<{ agent: string; items: number; times_heard: number }>`SELECT agent, count(*) AS items, sum(times_heard) AS times_heard FROM items
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
      preventableContacts: ranked.reduce((sum, issue) => sum + (issue.preventable === true ? issue.times_heard : 0), 0),
      judgedContacts: ranked.reduce((sum, issue) => sum + (issue.preventable === null ? 0 : issue.times_heard), 0),
      byDimension: contactsByDimension(ranked),
    },
    issues: ranked.slice(0, TOP_ISSUES).map(enrich),
    allIssues: ranked,
    pareto: ranked.map((issue) => ({ title: issue.title, times_heard: issue.times_heard })).sort((a, b) => b.times_heard - a.times_heard),
    trend: await trendOf(q, ranked.slice(0, TREND_SERIES), week, timeZone, teamFilter),
    contributors,
    items,
  };
}

/** Contacts per week over the weeks up to this one, for the top issues. */
async function trendOf(q: Sql, issues: readonly RankedIssue[], week: IsoWeek, timeZone: string, team: string | undefined): Promise<WeeklyReport['trend']> {
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
    series.push({ title: issue.title, times_heard: counts });
  }
  return { weeks: weeks.map(formatIsoWeek), series };
}

function contactsByDimension(issues: readonly RankedIssue[]): { dimension: ValueDimension; contacts: number }[] {
  const totals = new Map<ValueDimension, number>();
  for (const issue of issues) {
    if (issue.value_dimension !== null) totals.set(issue.value_dimension, (totals.get(issue.value_dimension) ?? 0) + issue.times_heard);
  }
  return [...totals].map(([dimension, contacts]) => ({ dimension, contacts })).sort((a, b) => b.contacts - a.contacts || (a.dimension < b.dimension ? -1 : 1));
}
