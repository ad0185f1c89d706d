import type { ReportIssue, WeeklyReport } from '../weekly-report-data.js';
import { type ReportText, signedChange } from '../report-text.js';
import { escapeHtml as e } from './escape-html.js';
import { notableLines, reportHeading } from './heading.js';
import { reportSummary } from '../report-summary.js';
import { paretoSvg, trendSvg } from './svg-charts.js';

/** Bars the Pareto chart shows: at least the vital few (up to what fits one page), at least 10. */
export const PARETO_MIN_BARS = 10;
export const PARETO_MAX_BARS = 25;

const CSS = `
body{font-family:'Noto Sans CJK SC','Noto Sans SC','PingFang SC','Microsoft YaHei',system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1b1f24;max-width:800px;margin:24px auto;padding:0 16px;line-height:1.45}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:2px solid #0b5cad;padding-bottom:2px}h3{font-size:15px;margin:18px 0 6px}
.period,.muted{color:#4a525c;font-size:13px}
.cards{display:flex;gap:10px;flex-wrap:wrap;margin:14px 0}.card{border:1px solid #d0d6de;border-radius:6px;padding:8px 12px;min-width:140px}.card b{display:block;font-size:22px}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{border-bottom:1px solid #d0d6de;padding:4px 6px;text-align:left;vertical-align:top}th{color:#4a525c}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.up{color:#b42318}.down{color:#1a7f37}
blockquote{margin:6px 0;padding:4px 10px;border-left:3px solid #0b5cad;background:#f3f5f8;white-space:pre-wrap;overflow-wrap:anywhere}
.issue,.chart{page-break-inside:avoid;break-inside:avoid}
.summary{font-size:15px;background:#f3f5f8;border-left:4px solid #0b5cad;padding:8px 12px;margin:12px 0}.summary p{margin:2px 0}
.chart svg{display:block;margin-top:6px}
ul{margin:4px 0 8px 18px;padding:0}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}}
`;

function trendCell(text: ReportText, trend: number): string {
  const cls = trend > 0 ? 'up' : trend < 0 ? 'down' : '';
  return `<td class="n ${cls}">${e(signedChange(text, trend))}</td>`;
}

function issueSection(issue: ReportIssue, rank: number, text: ReportText): string {
  const list = (key: 'report.rootCauses' | 'report.fixes', entries: ReportIssue['root_causes']) =>
    entries.length === 0
      ? ''
      : `<p><strong>${e(text.t(key))}</strong></p><ul>${entries.map((c) => `<li>${e(c.text)} <span class="muted">(${text.number(c.count)})</span></li>`).join('')}</ul>`;
  return `<section class="issue"><h3>${rank}. ${e(issue.title)}</h3>
<p class="muted">${e(text.t('report.col.contacts'))}: ${text.number(issue.times_heard)} · ${e(text.t('report.col.trend'))}: ${e(signedChange(text, issue.trend))} · ${e(text.status(issue))}${issue.owner ? ` · ${e(issue.owner)}` : ''}</p>
${issue.verbatims.map((v) => `<blockquote>${e(v.text)}</blockquote>`).join('\n')}
${list('report.rootCauses', issue.root_causes)}${list('report.fixes', issue.suggested_fixes)}</section>`;
}

/** One self-contained HTML file: inline CSS, inline SVG charts, no scripts; every string escaped. */
export function renderHtml(report: WeeklyReport, text: ReportText): string {
  const { t } = text;
  const heading = reportHeading(report, text);
  const h = report.headline;
  const card = (key: Parameters<ReportText['t']>[0], value: number) =>
    `<div class="card">${e(t(key))}<b>${text.number(value)}</b></div>`;
  const body =
    report.issues.length === 0
      ? `<p>${e(t('report.empty'))}</p>`
      : `<h2>${e(t('report.topIssues'))}</h2>
<p class="muted">${e(t('report.topIssuesNote'))}</p>
<table><thead><tr><th class="n">${e(t('report.col.rank'))}</th><th>${e(t('report.col.issue'))}</th><th class="n">${e(t('report.col.contacts'))}</th><th class="n">${e(t('report.col.trend'))}</th><th class="n">${e(t('report.col.agents'))}</th><th>${e(t('report.col.status'))}</th><th>${e(t('report.col.owner'))}</th></tr></thead>
<tbody>${report.issues
          .map(
            (issue, i) =>
              `<tr><td class="n">${i + 1}</td><td>${e(issue.title)}</td><td class="n">${text.number(issue.times_heard)}</td>${trendCell(text, issue.trend)}<td class="n">${text.number(issue.agents)}</td><td>${e(text.status(issue))}</td><td>${e(issue.owner ?? t('report.owner.none'))}</td></tr>`,
          )
          .join('\n')}</tbody></table>
<h2>${e(t('report.newAndRising'))}</h2>
${notable(report, text)}
${paretoSection(report, text, heading)}
<section class="chart"><h2>${e(t('report.trend'))}</h2>
<p class="muted">${e(t('report.trendCaption', { count: report.trend.series.length, weeks: report.trend.weeks.length }))}</p>
${trendSvg(report.trend.weeks, report.trend.series, t('report.trend'), t('report.trendAxis'))}</section>
<h2>${e(t('report.verbatims'))}</h2>
${report.issues.map((issue, i) => issueSection(issue, i + 1, text)).join('\n')}
<h2>${e(t('report.contributors'))}</h2>
<p class="muted">${e(t('report.contributorsNote'))}</p>
<table><thead><tr><th>${e(t('report.col.agent'))}</th><th class="n">${e(t('report.col.items'))}</th><th class="n">${e(t('report.col.contacts'))}</th></tr></thead>
<tbody>${report.contributors.map((c) => `<tr><td>${e(c.agent)}</td><td class="n">${text.number(c.items)}</td><td class="n">${text.number(c.times_heard)}</td></tr>`).join('')}</tbody></table>`;
  return `<!doctype html>
<html lang="${text.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${e(heading.title)}</title><style>${CSS}</style></head>
<body><h1>${e(heading.title)}</h1><p class="period">${e(heading.period)}</p>
<div class="summary" role="doc-abstract">${reportSummary(report, text)
    .map((sentence) => `<p>${e(sentence)}</p>`)
    .join('')}</div>
<div class="cards">${card('report.headline.items', h.items)}${card('report.headline.contacts', h.contacts)}${card('report.headline.agents', h.agents)}${card('report.headline.newIssues', h.newIssues)}</div>
${heading.preventable === null ? '' : `<p class="preventable"><strong>${e(heading.preventable)}</strong></p>`}
${heading.byDimension === null ? '' : `<p>${e(heading.byDimension)}</p>`}
${body}
<p class="muted">${e(t('report.generated', { when: text.dateTime(report.generatedAt) }))}</p>
</body></html>
`;
}

function paretoSection(
  report: WeeklyReport,
  text: ReportText,
  heading: ReturnType<typeof reportHeading>,
): string {
  const { t } = text;
  const shown = report.pareto.slice(
    0,
    Math.min(PARETO_MAX_BARS, Math.max(PARETO_MIN_BARS, heading.vitalFew)),
  );
  const rest = report.pareto.slice(shown.length);
  const all = report.pareto.reduce((sum, bar) => sum + bar.times_heard, 0);
  const restNote =
    rest.length === 0
      ? ''
      : `<p class="muted">${e(t('report.paretoRest', { rest: rest.length, contacts: rest.reduce((sum, bar) => sum + bar.times_heard, 0) }))}</p>`;
  return `<section class="chart"><h2>${e(t('report.pareto'))}</h2>
<p>${e(heading.pareto)}</p>
<p class="muted">${e(t('report.paretoCaption', { shown: shown.length, total: report.pareto.length, count: heading.vitalFew }))}</p>
${paretoSvg(shown, all, heading.vitalFew, t('report.pareto'), t('report.paretoAxis'))}
${restNote}</section>`;
}

function notable(report: WeeklyReport, text: ReportText): string {
  const lines = notableLines(report, text);
  if (lines.length === 0) return `<p>${e(text.t('report.nothingNew'))}</p>`;
  return `<ul>${lines.map((line) => `<li>${e(line)}</li>`).join('')}</ul>`;
}
