import type { RankedIssue } from '../shared/domain/issue.js';
import { cleanText } from '../shared/text/clean-text.js';

/** Display width: CJK characters take two terminal columns. */
function width(text: string): number {
  let columns = 0;
  for (const char of text)
    columns +=
      /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\uff01-\uff60\u3000-\u303f]/u.test(
        char,
      )
        ? 2
        : 1;
  return columns;
}

/**
 * Cleaned again for the terminal: a database written before the input rule (docs/input-rules.md)
 * may hold escapes that would drive the operator's terminal; line breaks would break the table.
 */
function fit(text: string, columns: number): string {
  let out = '';
  for (const char of cleanText(text).replace(/\s+/g, ' ')) {
    if (width(out + char) > columns - 1) return `${out}…`;
    out += char;
  }
  return out + ' '.repeat(columns - width(out));
}

function trendArrow(trend: number): string {
  return trend > 0 ? `▲${trend}` : trend < 0 ? `▼${-trend}` : '–';
}

/** The ranked issues as a plain-text table for a terminal; ids in full, to paste into `wocas issue …`. */
export function formatIssueTable(issues: readonly RankedIssue[]): string {
  if (issues.length === 0) return 'No issues in this window.\n';
  const idWidth = Math.max(4, ...issues.map((issue) => issue.id.length)) + 2;
  const header =
    `${fit('#', 4)}${fit('id', idWidth)}${fit('issue', 44)}${'heard'.padStart(7)}${'items'.padStart(7)}${'agents'.padStart(8)}` +
    `${'trend'.padStart(8)}  ${fit('status', 17)}owner\n`;
  const lines = issues.map(
    (issue, i) =>
      `${fit(String(i + 1), 4)}${fit(issue.id, idWidth)}${fit(issue.title, 44)}${String(issue.times_heard).padStart(7)}` +
      `${String(issue.mentions).padStart(7)}${String(issue.agents).padStart(8)}${trendArrow(issue.trend).padStart(8)}  ` +
      `${fit(issue.status, 17)}${cleanText(issue.owner ?? '–').replace(/\s+/g, ' ')}\n`,
  );
  return header + lines.join('');
}
