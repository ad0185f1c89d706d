import type { ChartConfiguration } from 'chart.js';
import type { TrendSeries } from '../../../shared/api/contract.js';
import type { I18n } from '../../i18n/i18n.js';
import { type IssueNames, PLAIN_NAMES } from './alike-titles.js';
import { localDay } from './dates.js';
import { shortSample } from './sample-text.js';
import { PALETTE, shortLabel } from './use-chart.js';

type Series = TrendSeries['series'][number];

/** A line's name: its issue's title, told apart from a namesake's (src/renderer/views/insights/alike-titles.ts). */
export function seriesName(series: Series, names: IssueNames): string {
  return series.issueId === null
    ? series.title
    : names.name({ id: series.issueId, title: series.title });
}

/**
 * Contacts per bucket, one line per issue. Two lines with one title get different legend labels
 * (the rank), and their tooltip lines carry each issue's sample when the token may read it.
 */
export function trendConfig(
  trend: TrendSeries,
  bucket: 'day' | 'week',
  i18n: I18n,
  names: IssueNames = PLAIN_NAMES,
): ChartConfiguration<'line', number[], string> {
  const { t, number, date } = i18n;
  const samples = trend.series.map((series) =>
    series.issueId === null ? undefined : names.sample(series.issueId),
  );
  return {
    type: 'line',
    data: {
      labels: trend.buckets.map((start) => date(localDay(start))),
      datasets: trend.series.map((series, i) => ({
        label: shortLabel(seriesName(series, names)),
        data: series.times_heard,
        borderColor: PALETTE[i % PALETTE.length],
        backgroundColor: PALETTE[i % PALETTE.length],
        borderWidth: 2,
        pointRadius: 3,
      })),
    },
    options: {
      maintainAspectRatio: false,
      locale: i18n.locale,
      interaction: { mode: 'index', intersect: false },
      scales: {
        x: {
          title: {
            display: true,
            text: t(
              bucket === 'day' ? 'insights.trendChart.axisDay' : 'insights.trendChart.axisWeek',
            ),
          },
        },
        y: {
          beginAtZero: true,
          ticks: { precision: 0, callback: (value) => number(Number(value)) },
          title: { display: true, text: t('insights.pareto.contacts') },
        },
      },
      plugins: {
        legend: { position: 'bottom', labels: { boxWidth: 12 } },
        tooltip: {
          callbacks: {
            label: (item) => `${item.dataset.label ?? ''}: ${number(item.parsed.y ?? 0)}`,
            afterLabel: (item) => {
              const sample = samples[item.datasetIndex];
              return sample === undefined
                ? ''
                : t('insights.sample', { text: shortSample(sample) });
            },
          },
        },
      },
    },
  };
}

/** Total contacts per line, in words: the chart's text alternative. */
export function trendSummary(
  trend: TrendSeries,
  { t }: I18n,
  names: IssueNames = PLAIN_NAMES,
): string {
  return trend.series
    .map((series) =>
      t('insights.trendChart.seriesSummary', {
        title: seriesName(series, names),
        count: series.times_heard.reduce((a, b) => a + b, 0),
      }),
    )
    .join('; ');
}
