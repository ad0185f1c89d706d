import ExcelJS from 'exceljs';
import type { WeeklyReport } from '../weekly-report-data.js';
import type { ReportText } from '../report-text.js';
import { safeCell } from './cell-safety.js';
import { zoneOffsetReader } from '../../../shared/time/zone-offset.js';

const DATE_TIME = 'yyyy-mm-dd hh:mm';

/**
 * A spreadsheet date for an instant as the report's readers saw the clock: spreadsheet dates have
 * no time zone, so the wall-clock time in the report's zone is written as if it were UTC.
 */
export function wallClockDate(ms: number, timeZone: string): Date {
  return new Date(ms + zoneOffsetReader(timeZone)(ms));
}

/** Header in bold, frozen, and an autofilter over the whole table so every column can be sorted and filtered. */
function finishTable(sheet: ExcelJS.Worksheet): void {
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  sheet.autoFilter = {
    from: { row: 1, column: 1 },
    to: { row: Math.max(sheet.rowCount, 1), column: sheet.columnCount },
  };
}

/**
 * Three sheets: the week's issues with counts, every verbatim with its issue and notes, and the
 * contributors. Dates are date cells, codes (channel, segment, status) words of the report's
 * language, and with every team in one report each verbatim says which team heard it.
 */
export async function renderXlsx(report: WeeklyReport, text: ReportText): Promise<Buffer> {
  const { t } = text;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'WOCAS';
  workbook.created = new Date(report.generatedAt);
  const when = (ms: number) => wallClockDate(ms, report.timeZone);

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
    {
      header: t('report.col.firstSeen'),
      key: 'firstSeen',
      width: 18,
      style: { numFmt: DATE_TIME },
    },
    { header: t('report.col.lastSeen'), key: 'lastSeen', width: 18, style: { numFmt: DATE_TIME } },
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
      status: safeCell(text.status(issue)),
      owner: safeCell(issue.owner),
      firstSeen: when(report.firstHeard[issue.id] ?? Date.parse(issue.first_seen)),
      lastSeen: when(Date.parse(issue.last_seen)),
      id: safeCell(issue.id),
    }),
  );

  const titles = new Map(report.allIssues.map((issue) => [issue.id, issue.title]));
  const everyTeam = report.team === null;
  const verbatims = workbook.addWorksheet(t('report.sheet.verbatims'));
  verbatims.columns = [
    { header: t('report.col.heard'), key: 'heard', width: 18, style: { numFmt: DATE_TIME } },
    ...(everyTeam ? [{ header: t('report.col.team'), key: 'team', width: 14 }] : []),
    { header: t('report.col.issue'), key: 'issue', width: 40 },
    { header: t('report.col.verbatim'), key: 'text', width: 80 },
    { header: t('report.col.channel'), key: 'channel', width: 12 },
    { header: t('report.col.segment'), key: 'segment', width: 16 },
    { header: t('report.col.agent'), key: 'agent', width: 12 },
    { header: t('report.col.rootCause'), key: 'rootCause', width: 40 },
    { header: t('report.col.fix'), key: 'fix', width: 40 },
  ];
  for (const item of report.items) {
    verbatims.addRow({
      heard: when(item.created_at),
      team: safeCell(item.team),
      issue: safeCell(titles.get(item.issue_id) ?? item.issue_id),
      text: safeCell(item.text),
      channel: safeCell(text.channel(item.channel)),
      segment: safeCell(text.segment(item.segment)),
      agent: safeCell(item.agent),
      rootCause: safeCell(item.root_cause),
      fix: safeCell(item.suggested_fix),
    });
  }

  const contributors = workbook.addWorksheet(t('report.sheet.contributors'));
  contributors.columns = [
    { header: t('report.col.agent'), key: 'agent', width: 20 },
    { header: t('report.col.items'), key: 'items', width: 10 },
    { header: t('report.col.contacts'), key: 'contacts', width: 10 },
  ];
  for (const c of report.contributors)
    contributors.addRow({
      agent: safeCell(c.agent),
      items: Number(c.items),
      contacts: Number(c.times_heard),
    });

  for (const sheet of [issues, verbatims, contributors]) finishTable(sheet);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
