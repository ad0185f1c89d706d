import type { WeeklyReport } from '../weekly-report-data.js';
import type { ReportText } from '../report-text.js';

/** The count of issues that together make 80% of contacts (issues sorted by contacts, descending). */
export function issuesForShare(contacts: readonly number[], share = 0.8): number {
  const sorted = [...contacts].sort((a, b) => b - a);
  const total = sorted.reduce((a, b) => a + b, 0);
  if (total === 0) return 0;
  let running = 0;
  for (let i = 0; i < sorted.length; i++) {
    running += sorted[i] as number;
    if (running >= share * total - 1e-9) return i + 1;
  }
  return sorted.length;
}

/** Title, period and Pareto sentence, the same in every format. */
export function reportHeading(report: WeeklyReport, text: ReportText): { title: string; period: string; pareto: string } {
  const team = report.team ?? text.t('report.allTeams');
  return {
    title: text.t('report.title', { team, week: report.week }),
    period: text.t('report.period', { from: text.date(report.from), to: text.date(report.to - 1), tz: report.timeZone }),
    pareto: text.t('report.paretoSentence', {
      count: issuesForShare(report.pareto.map((p) => p.times_heard)),
      total: report.pareto.length,
    }),
  };
}
