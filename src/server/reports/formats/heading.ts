import type { WeeklyReport } from '../weekly-report-data.js';
import type { ReportText } from '../report-text.js';
import { pareto } from '../../../shared/ranking/pareto.js';

/** Title, period and Pareto sentence, the same in every format. */
export function reportHeading(report: WeeklyReport, text: ReportText): { title: string; period: string; pareto: string; vitalFew: number } {
  const vitalFew = pareto(report.allIssues.map((issue) => ({ id: issue.id, value: issue.times_heard }))).vitalFew;
  const team = report.team ?? text.t('report.allTeams');
  return {
    title: text.t('report.title', { team, week: report.week }),
    period: text.t('report.period', { from: text.date(report.from), to: text.date(report.to - 1), tz: report.timeZone }),
    pareto: text.t('report.paretoSentence', { count: vitalFew, total: report.pareto.length }),
    vitalFew,
  };
}
