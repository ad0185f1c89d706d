import type { RankedIssue } from '../../shared/domain/issue.js';
import type { ReportText } from './report-text.js';
import type { WeeklyReport } from './weekly-report-data.js';

const HAN = /\p{Script=Han}/u;

/**
 * Whether a title is already in the report's language. Issue titles are made from the customers'
 * words, so a Chinese team's issue has a Chinese title: a title with Han characters reads as
 * Chinese, any other as English.
 */
function inReportLanguage(title: string, lang: ReportText['lang']): boolean {
  return HAN.test(title) === (lang === 'zh-CN');
}

/**
 * Every title as a reader of the report's language should see it: as it is when it is in that
 * language, else the original with a short gloss (which language, how many contacts, which channel)
 * so a reader who cannot read it still knows how much it weighs. The data stays untouched.
 */
export function localiseTitles(report: WeeklyReport, text: ReportText): WeeklyReport {
  const channels = new Map(report.issues.map((issue) => [issue.id, issue.mainChannel]));
  for (const item of report.items)
    if (!channels.has(item.issue_id)) channels.set(item.issue_id, item.channel);
  const shown = new Map<string, string>();
  for (const issue of report.allIssues)
    shown.set(issue.id, gloss(issue, channels.get(issue.id) ?? null, text));
  const titleOf = <T extends Pick<RankedIssue, 'id' | 'title'>>(issue: T): T => ({
    ...issue,
    title: shown.get(issue.id) ?? issue.title,
  });
  return {
    ...report,
    issues: report.issues.map(titleOf),
    allIssues: report.allIssues.map(titleOf),
    newIssues: report.newIssues.map(titleOf),
    pareto: report.pareto.map(titleOf),
    trend: { ...report.trend, series: report.trend.series.map(titleOf) },
    fixedThisWeek: report.fixedThisWeek.map(titleOf),
  };
}

function gloss(issue: RankedIssue, channel: string | null, text: ReportText): string {
  if (inReportLanguage(issue.title, text.lang)) return issue.title;
  return text.t('report.gloss', {
    title: issue.title,
    language: text.t(text.lang === 'zh-CN' ? 'report.gloss.other' : 'report.gloss.zh'),
    contacts: issue.times_heard,
    channel: channel === null ? '' : text.channel(channel),
  });
}
