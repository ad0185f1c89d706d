import type { WeeklyReport } from '../weekly-report-data.js';
import { type ReportText, signedChange } from '../report-text.js';
import { notableLines, reportHeading } from './heading.js';
import { reportSummary } from '../report-summary.js';

/**
 * Markdown has no escaping of whole strings: neutralise every character that could start inline
 * markup, HTML or a table cell break anywhere, and block markup (#, lists, quotes) at the start.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r?\n|\r/g, ' ')
    .replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`)
    .replace(/^(\s*)([#>+-]|\d+\.)/, (_, space: string, mark: string) => `${space}\\${mark}`);
}

export function renderMarkdown(report: WeeklyReport, text: ReportText): string {
  const { t } = text;
  const heading = reportHeading(report, text);
  const lines: string[] = [
    `# ${escapeMarkdown(heading.title)}`,
    '',
    `${escapeMarkdown(heading.period)}`,
    '',
  ];
  lines.push(
    `**${t('report.summaryHeading')}:** ${reportSummary(report, text).map(escapeMarkdown).join(' ')}`,
    '',
  );
  const h = report.headline;
  lines.push(
    `| ${t('report.headline.items')} | ${t('report.headline.contacts')} | ${t('report.headline.agents')} | ${t('report.headline.newIssues')} |`,
    '| ---: | ---: | ---: | ---: |',
    `| ${text.number(h.items)} | ${text.number(h.contacts)} | ${text.number(h.agents)} | ${text.number(h.newIssues)} |`,
    '',
  );
  if (heading.preventable !== null) lines.push(escapeMarkdown(heading.preventable), '');
  if (heading.byDimension !== null) lines.push(escapeMarkdown(heading.byDimension), '');
  if (report.issues.length === 0) return [...lines, t('report.empty'), ''].join('\n');
  lines.push(`## ${t('report.topIssues')}`, '', t('report.topIssuesNote'), '');
  lines.push(
    `| ${t('report.col.rank')} | ${t('report.col.issue')} | ${t('report.col.contacts')} | ${t('report.col.trend')} | ${t('report.col.agents')} | ${t('report.col.status')} | ${t('report.col.owner')} |`,
  );
  lines.push('| ---: | --- | ---: | ---: | ---: | --- | --- |');
  report.issues.forEach((issue, i) => {
    lines.push(
      `| ${i + 1} | ${escapeMarkdown(issue.title)} | ${text.number(issue.times_heard)} | ${signedChange(text, issue.trend)} | ${text.number(issue.agents)} | ${text.status(issue)} | ${issue.owner ? escapeMarkdown(issue.owner) : t('report.owner.none')} |`,
    );
  });
  lines.push('', `## ${t('report.newAndRising')}`, '');
  const notable = notableLines(report, text);
  if (notable.length === 0) lines.push(t('report.nothingNew'));
  for (const line of notable) lines.push(`- ${escapeMarkdown(line)}`);
  for (const [i, issue] of report.issues.entries()) {
    lines.push(
      '',
      `### ${i + 1}. ${escapeMarkdown(issue.title)}`,
      '',
      `**${t('report.verbatims')}**`,
      '',
    );
    for (const verbatim of issue.verbatims) lines.push(`> ${escapeMarkdown(verbatim.text)}`, '');
    for (const [key, list] of [
      ['report.rootCauses', issue.root_causes],
      ['report.fixes', issue.suggested_fixes],
    ] as const) {
      if (list.length === 0) continue;
      lines.push(`**${t(key)}**`, '');
      for (const entry of list)
        lines.push(`- ${escapeMarkdown(entry.text)} (${text.number(entry.count)})`);
      lines.push('');
    }
  }
  lines.push('', `## ${t('report.pareto')}`, '', escapeMarkdown(heading.pareto), '');
  lines.push(`## ${t('report.contributors')}`, '', t('report.contributorsNote'), '');
  lines.push(
    `| ${t('report.col.agent')} | ${t('report.col.items')} | ${t('report.col.contacts')} |`,
    '| --- | ---: | ---: |',
  );
  for (const c of report.contributors)
    lines.push(
      `| ${escapeMarkdown(c.agent)} | ${text.number(c.items)} | ${text.number(c.times_heard)} |`,
    );
  lines.push(
    '',
    `_${escapeMarkdown(t('report.generated', { when: text.dateTime(report.generatedAt) }))}_`,
    '',
  );
  return lines.join('\n');
}
