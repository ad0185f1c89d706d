import { renderCsv } from './formats/csv.js';
import { renderHtml } from './formats/html.js';
import { renderMarkdown } from './formats/markdown.js';
import { sql } from 'kysely';
import { rows } from '../storage/sql.js';
import { localiseTitles } from './localise-titles.js';
import type { IsoWeek } from '../../shared/time/iso-week.js';
import type { Sql } from '../storage/sql.js';
import { type ReportLanguage, type ReportText, reportText } from './report-text.js';
import { type WeeklyReport, weeklyReportData } from './weekly-report-data.js';

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
export async function renderReport(
  data: WeeklyReport,
  text: ReportText,
  format: ReportFormat,
): Promise<Buffer> {
  const report = localiseTitles(data, text);
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

export interface WeeklyReportRequest {
  /** A team name, or "all". */
  team: string;
  week: IsoWeek;
  timeZone: string;
  lang: ReportLanguage;
  format: ReportFormat;
}

/** A team the aggregator has never heard of: a typo would otherwise give an empty report that looks real. */
export class UnknownTeamError extends Error {
  constructor(
    readonly team: string,
    readonly known: readonly string[],
  ) {
    super(
      `unknown team ${JSON.stringify(team)}; known teams: ${known.length === 0 ? '(none yet)' : known.join(', ')}`,
    );
  }
}

export async function knownTeams(q: Sql): Promise<string[]> {
  // A team with tokens but nothing captured yet is known: its lead gets an empty report, not an error.
  const found = await rows(
    q,
    sql<{
      value: string;
    }>`SELECT value FROM labels WHERE kind = 'team' UNION SELECT team AS value FROM tokens WHERE team IS NOT NULL ORDER BY value`,
  );
  return found.map((row) => row.value);
}

/**
 * The weekly report file, as `wocas report` writes it and the UI downloads it. An unknown time
 * zone is a RangeError; an unknown team an UnknownTeamError; a PDF without Chromium a
 * PdfUnavailableError.
 */
export async function weeklyReportFile(
  q: Sql,
  request: WeeklyReportRequest,
  now: number,
): Promise<Buffer> {
  if (request.team !== 'all') {
    const known = await knownTeams(q);
    if (!known.includes(request.team)) throw new UnknownTeamError(request.team, known);
  }
  const data = await weeklyReportData(
    q,
    request.team === 'all' ? null : request.team,
    request.week,
    request.timeZone,
    now,
  );
  return renderReport(data, reportText(request.lang, request.timeZone), request.format);
}
