import ExcelJS from 'exceljs';
import type { WeeklyReport } from '../weekly-report-data.js';
import type { ReportText } from '../report-text.js';
import { safeCell } from './cell-safety.js';

/** Two sheets: the week's issues with counts, and every verbatim with its issue and notes. */
export async function renderXlsx(report: WeeklyReport, text: ReportText): Promise<Buffer> {
  const { t } = text;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'WOCAS';
  workbook.created = new Date(report.generatedAt);

  const issues = workbook.addWorksheet(t('report.sheet.issues'));
  issues.columns = [
    { header: t('report.col.rank'), key: 'rank', width: 5 },
    { header: t('report.col.issue'), key: 'title', width: 60 },
    { header: t('report.col.contacts'), key: 'contacts', width: 10 },
    { header: t('report.col.items'), key: 'items', width: 8 },
    { header: t('report.col.agents'), key: 'agents', width: 8 },
    { header: t('report.col.trend'), key: 'trend', width: 12 },
    { header: t('report.col.status'), key: 'status', width: 16 },
    { header: t('report.col.owner'), key: 'owner', width: 20 },
    { header: t('report.col.id'), key: 'id', width: 16 },
  ];
  report.allIssues.forEach((issue, i) =>
    issues.addRow({
      rank: i + 1,
      title: safeCell(issue.title),
      contacts: issue.times_heard,
      items: issue.mentions,
      agents: issue.agents,
      trend: issue.trend,
      status: safeCell(t(`status.${issue.status}`)),
      owner: safeCell(issue.owner),
      id: safeCell(issue.id),
    }),
  );

  const titles = new Map(report.allIssues.map((issue) => [issue.id, issue.title]));
  const verbatims = workbook.addWorksheet(t('report.sheet.verbatims'));
  verbatims.columns = [
    { header: t('report.col.heard'), key: 'heard', width: 20 },
    { header: t('report.col.issue'), key: 'issue', width: 40 },
    { header: t('report.col.verbatim'), key: 'text', width: 80 },
    { header: t('report.col.channel'), key: 'channel', width: 10 },
    { header: t('report.col.agent'), key: 'agent', width: 12 },
    { header: t('report.col.rootCause'), key: 'rootCause', width: 40 },
    { header: t('report.col.fix'), key: 'fix', width: 40 },
  ];
  for (const item of report.items) {
    verbatims.addRow({
      heard: safeCell(text.dateTime(item.created_at)),
      issue: safeCell(titles.get(item.issue_id) ?? item.issue_id),
      text: safeCell(item.text),
      channel: safeCell(item.channel),
      agent: safeCell(item.agent),
      rootCause: safeCell(item.root_cause),
      fix: safeCell(item.suggested_fix),
    });
  }
  for (const sheet of [issues, verbatims]) {
    sheet.getRow(1).font = { bold: true };
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
