import { Chart, type ChartConfiguration, type Plugin } from 'chart.js';
import type { Pareto } from '../../../shared/ranking/pareto.js';
import type { MessageKey } from '../../i18n/catalogs.js';
import type { I18n } from '../../i18n/i18n.js';
import { type IssueNames, PLAIN_NAMES } from './alike-titles.js';
import { shortSample } from './sample-text.js';
import { PALETTE } from './use-chart.js';

/** Bars drawn: enough to see the long tail start, few enough to read. */
export const PARETO_BARS = 25;

type ParetoType = 'bar' | 'line';

/** What the bars measure: contacts (times heard) or their cost to serve. */
export type ParetoMeasure = 'contacts' | 'cost';

const SENTENCES = {
  contacts: { empty: 'insights.pareto.empty', summary: 'insights.pareto.summary' },
  cost: { empty: 'insights.pareto.emptyCost', summary: 'insights.pareto.summaryCost' },
} as const satisfies Record<ParetoMeasure, Record<string, MessageKey>>;

/** "N issues (X% of issues) drive 80% of contacts" (or "of cost"), the chart's text alternative. */
export function paretoSentence(
  result: Pareto,
  { t, percent }: I18n,
  measure: ParetoMeasure = 'contacts',
): string {
  const keys = SENTENCES[measure];
  if (result.total === 0) return t(keys.empty);
  const values = {
    count: result.vitalFew,
    share: percent(result.vitalFewShare),
    threshold: percent(result.threshold),
  };
  return t(keys.summary, values);
}

/** One bar's value as the chart and its table say it: a count, or money with cents. */
export function paretoValue(value: number, measure: ParetoMeasure, i18n: I18n): string {
  return measure === 'cost' ? i18n.money(value) : i18n.number(value);
}

/**
 * A dashed line at the threshold on the share axis, dropping to the axis at the last of the
 * vital few, labelled; chart.js has no annotations without a plugin, and this is all we need.
 */
function thresholdMarker(result: Pareto, shown: number, label: string): Plugin<ParetoType> {
  return {
    id: 'paretoThreshold',
    afterDatasetsDraw(chart) {
      const share = chart.scales.share;
      const x = chart.scales.x;
      if (!share || !x || result.total === 0) return;
      const { ctx, chartArea } = chart;
      const y = share.getPixelForValue(result.threshold);
      const inView = result.vitalFew >= 1 && result.vitalFew <= shown;
      const px = inView ? x.getPixelForValue(result.vitalFew - 1) : chartArea.right;
      ctx.save();
      ctx.strokeStyle = '#1b1f24';
      ctx.lineWidth = 1.5;
      ctx.setLineDash([6, 4]);
      ctx.beginPath();
      ctx.moveTo(chartArea.left, y);
      ctx.lineTo(px, y);
      if (inView) ctx.lineTo(px, chartArea.bottom);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.font = `600 12px ${String(Chart.defaults.font.family)}`;
      ctx.fillStyle = '#1b1f24';
      // Below the threshold line, beside the drop: the cumulative line is above it there.
      ctx.textBaseline = 'top';
      const width = ctx.measureText(label).width;
      const left = px + 6 + width > chartArea.right ? px - 6 - width : px + 6;
      ctx.fillStyle = 'rgba(255, 255, 255, 0.85)';
      ctx.fillRect(left - 2, y + 3, width + 4, 16);
      ctx.fillStyle = '#1b1f24';
      ctx.fillText(label, left, y + 5);
      ctx.restore();
    },
  };
}

/**
 * Bars of contacts (or cost) per issue, biggest first, and the cumulative share line on a 0–100%
 * axis. A bar's tooltip names its issue; two bars with one title are told apart by their rank and,
 * for who may read one, their sample.
 */
export function paretoConfig(
  result: Pareto,
  titles: ReadonlyMap<string, string>,
  i18n: I18n,
  measure: ParetoMeasure = 'contacts',
  currency = '',
  names: IssueNames = PLAIN_NAMES,
): ChartConfiguration<ParetoType, number[], string> {
  const { t, number, percent } = i18n;
  const top = result.points.slice(0, PARETO_BARS);
  const barAt = (index: number | undefined) => top[index ?? 0]?.id ?? '';
  const contacts =
    measure === 'cost' ? t('insights.pareto.cost', { currency }) : t('insights.pareto.contacts');
  const cumulative = t('insights.pareto.cumulative');
  const marker = t('insights.pareto.marker', {
    threshold: percent(result.threshold),
    count: result.vitalFew,
  });
  return {
    type: 'bar',
    data: {
      labels: top.map((_, i) => number(i + 1)),
      datasets: [
        {
          type: 'line',
          label: cumulative,
          data: top.map((point) => point.cumulativeShare),
          yAxisID: 'share',
          borderColor: PALETTE[1],
          backgroundColor: PALETTE[1],
          pointRadius: 2,
          borderWidth: 2,
        },
        {
          type: 'bar',
          label: contacts,
          data: top.map((point) => point.value),
          yAxisID: 'y',
          maxBarThickness: 48,
          // The vital few in full colour, the tail paler: the split the sentence states.
          backgroundColor: top.map((_, i) => (i < result.vitalFew ? PALETTE[0] : '#9fbbdc')),
        },
      ],
    },
    options: {
      maintainAspectRatio: false,
      locale: i18n.locale,
      interaction: { mode: 'index', intersect: false },
      scales: {
        x: {
          grid: { display: false },
          title: {
            display: true,
            text: t(measure === 'cost' ? 'insights.pareto.axisCost' : 'insights.pareto.axis'),
          },
        },
        y: {
          beginAtZero: true,
          title: { display: true, text: contacts },
          ticks: {
            ...(measure === 'contacts' ? { precision: 0 } : {}),
            callback: (value) => number(Number(value)),
          },
        },
        share: {
          position: 'right',
          min: 0,
          max: 1,
          grid: { drawOnChartArea: false },
          title: { display: true, text: cumulative },
          ticks: { stepSize: 0.2, callback: (value) => percent(Number(value)) },
        },
      },
      plugins: {
        legend: { position: 'bottom' },
        tooltip: {
          callbacks: {
            title: (items) => {
              const id = barAt(items[0]?.dataIndex);
              return names.name({ id, title: titles.get(id) ?? '' });
            },
            afterTitle: (items) => {
              const sample = names.sample(barAt(items[0]?.dataIndex));
              return sample === undefined
                ? ''
                : t('insights.sample', { text: shortSample(sample) });
            },
            label: (item) =>
              `${item.dataset.label ?? ''}: ${item.dataset.yAxisID === 'share' ? percent(item.parsed.y ?? 0) : paretoValue(item.parsed.y ?? 0, measure, i18n)}`,
          },
        },
      },
    },
    plugins: [thresholdMarker(result, top.length, marker)],
  };
}
