import type { WeeklyReport } from '../weekly-report-data.js';
import type { ReportText } from '../report-text.js';
import { csvDocument } from './csv-document.js';

/** The week's issues with their counts, one row each, for spreadsheets (UTF-8 with a BOM for Excel). */
export function renderCsv(report: WeeklyReport, text: ReportText): string {
  const { t } = text;
  const header = [
    t('report.col.rank'),
    t('report.col.id'),
    t('report.col.issue'),
    t('report.col.contacts'),
    t('report.col.items'),
    t('report.col.agents'),
    t('report.col.trend'),
    t('report.col.status'),
    t('report.col.owner'),
  ];
  const rows = rankedRows(report, text);
  return csvDocument([header, ...rows]);
}

function rankedRows(report: WeeklyReport, text: ReportText): (string | number | null)[][] {
  return report.allIssues.map((issue, i) => [
    i + 1,
    issue.id,
    issue.title,
    issue.times_heard,
    issue.mentions,
    issue.agents,
    issue.trend,
    text.status(issue),
    issue.owner,
  ]);
}
