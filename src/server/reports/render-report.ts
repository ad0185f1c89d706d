import { renderCsv } from './formats/csv.js';
import { renderHtml } from './formats/html.js';
import { renderMarkdown } from './formats/markdown.js';
import type { ReportText } from './report-text.js';
import type { WeeklyReport } from './weekly-report-data.js';

export const REPORT_FORMATS = ['html', 'pdf', 'csv', 'xlsx', 'md'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const REPORT_CONTENT_TYPES: Record<ReportFormat, string> = {
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  md: 'text/markdown; charset=utf-8',
};

/** The weekly report as the bytes of one file format. */
export async function renderReport(report: WeeklyReport, text: ReportText, format: ReportFormat): Promise<Buffer> {
  switch (format) {
    case 'html':
      return Buffer.from(renderHtml(report, text));
    case 'pdf':
      // Loaded on demand: the browser driver and the spreadsheet writer are heavy for every other verb.
      return (await import('./formats/pdf.js')).renderPdf(renderHtml(report, text));
    case 'csv':
      return Buffer.from(renderCsv(report, text));
    case 'xlsx':
      return (await import('./formats/xlsx.js')).renderXlsx(report, text);
    case 'md':
      return Buffer.from(renderMarkdown(report, text));
  }
}
