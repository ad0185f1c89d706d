import type { WeekIssue } from '../../shared/domain/issue.js';
import { type ReportKey, report as en } from '../../shared/i18n/en/report.js';
import { fillPlaceholders, messageLocale } from '../../shared/i18n/translate.js';
import { report as zhCN } from '../../shared/i18n/zh-CN/report.js';

export const REPORT_LANGUAGES = ['en', 'zh-CN'] as const;
export type ReportLanguage = (typeof REPORT_LANGUAGES)[number];

const CATALOGS: Record<ReportLanguage, Record<ReportKey, string>> = { en, 'zh-CN': zhCN };

export interface ReportText {
  lang: ReportLanguage;
  t: (key: ReportKey, values?: Record<string, string | number>) => string;
  number: (value: number) => string;
  date: (ms: number) => string;
  dateTime: (ms: number) => string;
  /** A channel or segment code in words; a segment the catalog does not know (free text) as it is. */
  channel: (code: string) => string;
  segment: (code: string | null) => string;
  /** An issue's status in words; a fixed issue heard after its fix says so ("Fixed — still heard"). */
  status: (issue: Pick<WeekIssue, 'status' | 'heard_since_fixed'>) => string;
}

/** The report's words and formats in one language, dates shown in the report's time zone. */
export function reportText(lang: ReportLanguage, timeZone: string): ReportText {
  const message = messageLocale(lang);
  const numbers = message.numbers;
  const dates = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone });
  const dateTimes = new Intl.DateTimeFormat(lang, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone,
  });
  return {
    lang,
    t: (key, values) => fillPlaceholders(CATALOGS[lang][key], values, message),
    number: (value) => numbers.format(value),
    date: (ms) => dates.format(new Date(ms)),
    dateTime: (ms) => dateTimes.format(new Date(ms)),
    channel: (code) => CATALOGS[lang][`channel.${code}` as ReportKey] ?? code,
    segment: (code) =>
      code === null ? '' : (CATALOGS[lang][`segment.${code}` as ReportKey] ?? code),
    status: (issue) =>
      CATALOGS[lang][
        issue.heard_since_fixed ? 'status.fixedStillHeard' : (`status.${issue.status}` as const)
      ],
  };
}

export function signedChange(text: ReportText, change: number): string {
  return change > 0 ? `+${text.number(change)}` : change < 0 ? `−${text.number(-change)}` : '0';
}
