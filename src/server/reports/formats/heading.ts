import type { WeeklyReport } from '../weekly-report-data.js';
import type { ReportText } from '../report-text.js';
import { pareto } from '../../../shared/ranking/pareto.js';
import { usualPerWindow } from '../../../shared/ranking/emerging.js';

/** Title, period, Pareto and preventable sentences, the same in every format. */
export function reportHeading(
  report: WeeklyReport,
  text: ReportText,
): {
  title: string;
  period: string;
  pareto: string;
  vitalFew: number;
  preventable: string | null;
  byDimension: string | null;
} {
  const h = report.headline;
  const vitalFew = pareto(
    report.allIssues.map((issue) => ({ id: issue.id, value: issue.times_heard })),
  ).vitalFew;
  const team = report.team ?? text.t('report.allTeams');
  return {
    title: text.t('report.title', { team, week: report.week }),
    period: text.t('report.period', {
      from: text.date(report.from),
      to: text.date(report.to - 1),
      tz: report.timeZone,
    }),
    pareto: text.t('report.paretoSentence', { count: vitalFew, total: report.pareto.length }),
    vitalFew,
    // Only once someone has judged an issue: "0% preventable" would claim what nobody checked.
    preventable:
      h.judgedContacts === 0 || h.contacts === 0
        ? null
        : text.t('report.preventableSentence', {
            percent: Math.round((100 * h.preventableContacts) / h.contacts),
            preventable: h.preventableContacts,
            contacts: h.contacts,
          }),
    byDimension:
      h.byDimension.length === 0
        ? null
        : text.t('report.byDimension', {
            list: h.byDimension
              .map((d) => `${text.t(`dimension.${d.dimension}`)} ${text.number(d.contacts)}`)
              .join(text.t('report.listSeparator')),
          }),
  };
}

/** The "new, rising and emerging" lines, most telling first: emerging says why in the report's language. */
export function notableLines(report: WeeklyReport, text: ReportText): string[] {
  const lines: string[] = [];
  for (const issue of report.issues) {
    const verdict = issue.emergingVerdict;
    if (verdict !== null && (verdict.isNew || verdict.windows === 0)) {
      lines.push(text.t('report.emergingNew', { title: issue.title, current: verdict.current }));
    } else if (verdict !== null) {
      lines.push(
        text.t('report.emerging', {
          title: issue.title,
          current: verdict.current,
          usual: usualPerWindow(verdict).toFixed(1),
          weeks: verdict.windows,
        }),
      );
    } else if (issue.isNew) {
      lines.push(text.t('report.new', { title: issue.title }));
    } else if (issue.rising) {
      lines.push(
        text.t('report.rising', {
          title: issue.title,
          previous: issue.previous_times_heard,
          current: issue.times_heard,
        }),
      );
    }
  }
  return lines;
}
