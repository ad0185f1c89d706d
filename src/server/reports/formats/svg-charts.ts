import { escapeHtml } from './escape-html.js';
import { wrapLabel } from './wrap-label.js';

const PALETTE = ['#0b5cad', '#b42318', '#1a7f37', '#8a5a00', '#6941c6'];
const FONT =
  "font-family=\"'Noto Sans CJK SC','Noto Sans SC','PingFang SC','Microsoft YaHei',system-ui,sans-serif\"";
const WIDTH = 720;
const LABEL_SIZE = 11;
const LINE = 14;

export interface ParetoBar {
  title: string;
  times_heard: number;
}

/** Round tick values from 0 to at least max: 1, 2 or 5 times a power of ten apart. */
export function ticks(max: number, wanted = 5): number[] {
  const raw = Math.max(max, 1) / wanted;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? raw;
  // Contacts are whole numbers: a step below 1 would label fractions nobody can have.
  const whole = Math.max(1, step);
  return Array.from({ length: Math.ceil(Math.max(max, 1) / whole) + 1 }, (_, i) => i * whole);
}

function lines(x: number, y: number, wrapped: readonly string[], attrs = ''): string {
  return `<text x="${x}" y="${y}" font-size="${LABEL_SIZE}" ${attrs} ${FONT}>${wrapped
    .map((line, i) => `<tspan x="${x}" dy="${i === 0 ? 0 : LINE}">${escapeHtml(line)}</tspan>`)
    .join('')}</text>`;
}

/**
 * Pareto chart as inline SVG, one horizontal bar per issue (most contacts first) so that every
 * title can be written out in full, wrapped over lines (Chinese too) instead of cut. The value
 * axis carries numbers, each bar its count and the running share of all contacts; the bars of the
 * vital few (together 80% of contacts) are dark, the rest light. Inline SVG needs no scripts and
 * survives e-mail clients and print.
 */
export function paretoSvg(
  bars: readonly ParetoBar[],
  allContacts: number,
  vitalFew: number,
  label: string,
  axisLabel: string,
): string {
  const labelWidth = 300;
  const plotLeft = labelWidth + 12;
  const plotRight = WIDTH - 70;
  const top = 8;
  const max = Math.max(1, ...bars.map((bar) => bar.times_heard));
  const scale = ticks(max);
  const axisMax = scale[scale.length - 1] ?? max;
  const x = (value: number) => plotLeft + ((plotRight - plotLeft) * value) / axisMax;
  const rows: string[] = [];
  let y = top;
  let running = 0;
  bars.forEach((bar, i) => {
    const wrapped = wrapLabel(`${i + 1}. ${bar.title}`, labelWidth, LABEL_SIZE);
    const height = Math.max(wrapped.length * LINE, 18);
    running += bar.times_heard;
    const share = Math.round((100 * running) / Math.max(allContacts, 1));
    const colour = i < vitalFew ? '#0b5cad' : '#9dbde0';
    rows.push(
      lines(0, y + 12, wrapped),
      `<rect x="${plotLeft}" y="${y + 2}" width="${(x(bar.times_heard) - plotLeft).toFixed(1)}" height="${height - 6}" fill="${colour}"><title>${escapeHtml(bar.title)}: ${bar.times_heard}</title></rect>`,
      `<text x="${(x(bar.times_heard) + 4).toFixed(1)}" y="${y + 13}" font-size="${LABEL_SIZE}" ${FONT}>${bar.times_heard}</text>`,
      `<text x="${WIDTH}" y="${y + 13}" font-size="${LABEL_SIZE}" text-anchor="end" fill="#4a525c" ${FONT}>${share}%</text>`,
    );
    y += height + 4;
  });
  const bottom = y;
  const axis = scale.map(
    (v) =>
      `<line x1="${x(v).toFixed(1)}" y1="${top}" x2="${x(v).toFixed(1)}" y2="${bottom}" stroke="#e3e7ec"/><text x="${x(v).toFixed(1)}" y="${bottom + 14}" font-size="10" text-anchor="middle" ${FONT}>${v}</text>`,
  );
  const height = bottom + 34;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="100%" role="img" aria-label="${escapeHtml(label)}">
${axis.join('\n')}
<line x1="${plotLeft}" y1="${top}" x2="${plotLeft}" y2="${bottom}" stroke="#4a525c"/>
<line x1="${plotLeft}" y1="${bottom}" x2="${plotRight}" y2="${bottom}" stroke="#4a525c"/>
${rows.join('\n')}
<text x="${((plotLeft + plotRight) / 2).toFixed(1)}" y="${bottom + 30}" font-size="10" text-anchor="middle" fill="#4a525c" ${FONT}>${escapeHtml(axisLabel)}</text>
</svg>`;
}

/** Lines of contacts per week for a few issues, a value axis with numbers, and a wrapped legend. */
export function trendSvg(
  weeks: readonly string[],
  series: readonly { title: string; times_heard: number[] }[],
  label: string,
  axisLabel: string,
): string {
  const left = 48;
  const right = WIDTH - 20;
  const top = 20;
  const bottom = 180;
  const step = (right - left) / Math.max(weeks.length - 1, 1);
  const scale = ticks(Math.max(1, ...series.flatMap((s) => s.times_heard)), 4);
  const axisMax = scale[scale.length - 1] ?? 1;
  const y = (value: number) => bottom - ((bottom - top) * value) / axisMax;
  const grid = scale.map(
    (v) =>
      `<line x1="${left}" y1="${y(v).toFixed(1)}" x2="${right}" y2="${y(v).toFixed(1)}" stroke="#e3e7ec"/><text x="${left - 6}" y="${(y(v) + 4).toFixed(1)}" font-size="10" text-anchor="end" ${FONT}>${v}</text>`,
  );
  const plotted = series.map((s, i) => {
    const points = s.times_heard.map(
      (v, w) => `${(left + w * step).toFixed(1)},${y(v).toFixed(1)}`,
    );
    return `<polyline points="${points.join(' ')}" fill="none" stroke="${PALETTE[i % PALETTE.length]}" stroke-width="2"><title>${escapeHtml(s.title)}</title></polyline>`;
  });
  const axis = weeks.map(
    (w, i) =>
      `<text x="${(left + i * step).toFixed(1)}" y="${bottom + 16}" font-size="10" text-anchor="middle" ${FONT}>${escapeHtml(w.slice(5))}</text>`,
  );
  const legend: string[] = [];
  let ly = bottom + 40;
  series.forEach((s, i) => {
    const wrapped = wrapLabel(s.title, WIDTH - left - 16, LABEL_SIZE);
    legend.push(
      `<rect x="${left}" y="${ly - 9}" width="10" height="10" fill="${PALETTE[i % PALETTE.length]}"/>`,
      lines(left + 16, ly, wrapped),
    );
    ly += wrapped.length * LINE + 4;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${ly}" width="100%" role="img" aria-label="${escapeHtml(label)}">
${grid.join('\n')}
<line x1="${left}" y1="${bottom}" x2="${right}" y2="${bottom}" stroke="#4a525c"/>
<line x1="${left}" y1="${top}" x2="${left}" y2="${bottom}" stroke="#4a525c"/>
<text x="4" y="${top - 8}" font-size="10" fill="#4a525c" ${FONT}>${escapeHtml(axisLabel)}</text>
${plotted.join('\n')}
${axis.join('\n')}
${legend.join('\n')}
</svg>`;
}
