import { escapeHtml } from './escape-html.js';

const PALETTE = ['#0b5cad', '#b42318', '#1a7f37', '#8a5a00', '#6941c6'];
const FONT = "font-family=\"'Noto Sans CJK SC','Noto Sans SC','PingFang SC','Microsoft YaHei',system-ui,sans-serif\"";

function shorten(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}

/**
 * Pareto chart as inline SVG: bars of contacts per issue (most first), a line of the cumulative
 * share, and a dashed 80% guide. Inline SVG needs no scripts and survives e-mail clients and print.
 */
export function paretoSvg(issues: readonly { title: string; times_heard: number }[], label: string, maxBars = 15): string {
  const shown = issues.slice(0, maxBars);
  const total = issues.reduce((sum, issue) => sum + issue.times_heard, 0) || 1;
  const width = 720;
  const height = 260;
  // Room on the left for the first rotated label.
  const left = 90;
  const bottom = 200;
  const top = 20;
  const plotWidth = width - left - 40;
  const barWidth = plotWidth / Math.max(shown.length, 1);
  const max = Math.max(...shown.map((issue) => issue.times_heard), 1);
  let cumulative = 0;
  const bars: string[] = [];
  const points: string[] = [];
  shown.forEach((issue, i) => {
    const x = left + i * barWidth;
    const h = ((bottom - top) * issue.times_heard) / max;
    cumulative += issue.times_heard;
    bars.push(
      `<rect x="${(x + 2).toFixed(1)}" y="${(bottom - h).toFixed(1)}" width="${(barWidth - 4).toFixed(1)}" height="${h.toFixed(1)}" fill="#0b5cad"><title>${escapeHtml(issue.title)}: ${issue.times_heard}</title></rect>`,
      `<text x="${(x + barWidth / 2).toFixed(1)}" y="${bottom + 14}" font-size="9" text-anchor="end" transform="rotate(-35 ${(x + barWidth / 2).toFixed(1)} ${bottom + 14})" ${FONT}>${escapeHtml(shorten(issue.title, 18))}</text>`,
    );
    points.push(`${(x + barWidth / 2).toFixed(1)},${(bottom - ((bottom - top) * cumulative) / total).toFixed(1)}`);
  });
  const y80 = (bottom - (bottom - top) * 0.8).toFixed(1);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${escapeHtml(label)}">
<line x1="${left}" y1="${bottom}" x2="${width - 40}" y2="${bottom}" stroke="#4a525c"/>
${bars.join('\n')}
<polyline points="${points.join(' ')}" fill="none" stroke="#b42318" stroke-width="2"/>
<line x1="${left}" y1="${y80}" x2="${width - 40}" y2="${y80}" stroke="#b42318" stroke-dasharray="4 3"/>
<text x="${width - 38}" y="${y80}" font-size="10" fill="#b42318" ${FONT}>80%</text>
</svg>`;
}

/** Lines of contacts per week for a few issues, with a legend. */
export function trendSvg(weeks: readonly string[], series: readonly { title: string; times_heard: number[] }[], label: string): string {
  const width = 720;
  const height = 240;
  const left = 40;
  const bottom = 170;
  const top = 15;
  const step = (width - left - 20) / Math.max(weeks.length - 1, 1);
  const max = Math.max(1, ...series.flatMap((s) => s.times_heard));
  const lines = series.map((s, i) => {
    const points = s.times_heard.map((v, w) => `${(left + w * step).toFixed(1)},${(bottom - ((bottom - top) * v) / max).toFixed(1)}`);
    return `<polyline points="${points.join(' ')}" fill="none" stroke="${PALETTE[i % PALETTE.length]}" stroke-width="2"><title>${escapeHtml(s.title)}</title></polyline>`;
  });
  const axis = weeks.map((w, i) => `<text x="${(left + i * step).toFixed(1)}" y="${bottom + 14}" font-size="9" text-anchor="middle" ${FONT}>${escapeHtml(w.slice(5))}</text>`);
  const legend = series.map(
    (s, i) =>
      `<rect x="${left}" y="${bottom + 24 + i * 12}" width="10" height="8" fill="${PALETTE[i % PALETTE.length]}"/><text x="${left + 14}" y="${bottom + 32 + i * 12}" font-size="9" ${FONT}>${escapeHtml(shorten(s.title, 90))}</text>`,
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height + series.length * 4}" width="100%" role="img" aria-label="${escapeHtml(label)}">
<line x1="${left}" y1="${bottom}" x2="${width - 20}" y2="${bottom}" stroke="#4a525c"/>
<text x="4" y="${top + 4}" font-size="9" ${FONT}>${max}</text>
${lines.join('\n')}
${axis.join('\n')}
${legend.join('\n')}
</svg>`;
}
