import type { ChartConfiguration } from 'chart.js';
import { useMemo } from 'react';
import type { TrendSeries, WindowFilter } from '../../../shared/api/contract.js';
import type { RankedIssue } from '../../../shared/domain/issue.js';
import { userTimeZone } from '../../app/time-zone.js';
import { type I18n, useI18n } from '../../i18n/i18n.js';
import { localDay } from './dates.js';
import { DEFAULT_TREND_ISSUES, trendBucket, useInsights } from './insights-store.js';
import { PALETTE, shortLabel, useChart } from './use-chart.js';
import { describeError, useInvoke } from './use-invoke.js';

export function trendConfig(
  trend: TrendSeries,
  bucket: 'day' | 'week',
  i18n: I18n,
): ChartConfiguration<'line', number[], string> {
  const { t, number, date } = i18n;
  return {
    type: 'line',
    data: {
      labels: trend.buckets.map((start) => date(localDay(start))),
      datasets: trend.series.map((series, i) => ({
        label: shortLabel(series.title),
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
          },
        },
      },
    },
  };
}

/** Total contacts per line, in words: the chart's text alternative. */
function trendSummary(trend: TrendSeries, { t }: I18n): string {
  return trend.series
    .map((series) =>
      t('insights.trendChart.seriesSummary', {
        title: series.title,
        count: series.times_heard.reduce((a, b) => a + b, 0),
      }),
    )
    .join('; ');
}

function pickedNote(selected: number, shown: number, t: I18n['t']): string {
  if (selected > 0) return t('insights.trendChart.selected', { count: selected });
  return t('insights.trendChart.top', { count: shown });
}

/** Contacts per day or week of the picked issues, else of the top few. */
/** Each line's total, to read beside the table's contacts (and for screen readers, the numbers). */
export function TrendTotals({ trend }: { trend: TrendSeries }) {
  const { t, number } = useI18n();
  return (
    <details className="trend-totals">
      <summary>{t('insights.trendChart.totals')}</summary>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('insights.table.title')}</th>
            <th scope="col">{t('insights.pareto.contacts')}</th>
          </tr>
        </thead>
        <tbody>
          {trend.series.map((series) => (
            <tr key={series.issueId ?? 'all'} data-issue-id={series.issueId ?? ''}>
              <th scope="row">{series.title || t('insights.trendChart.all')}</th>
              <td className="number">{number(series.times_heard.reduce((a, b) => a + b, 0))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

export function TrendChart({
  issues,
  filter,
}: {
  issues: readonly RankedIssue[];
  filter: WindowFilter;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const selected = useInsights((state) => state.selected);
  const clearSelected = useInsights((state) => state.clearSelected);
  const refresh = useInsights((state) => state.refresh);
  const ids =
    selected.length > 0 ? selected : issues.slice(0, DEFAULT_TREND_ISSUES).map((issue) => issue.id);
  const bucket = trendBucket(filter);
  const trend = useInvoke(
    'stats.trend',
    ids.length > 0 ? { ...filter, bucket, issueIds: ids, tz: userTimeZone() } : null,
    refresh,
  );
  const config = useMemo(
    () => (trend.data ? trendConfig(trend.data, bucket, i18n) : null),
    [trend.data, bucket, i18n],
  );
  const canvas = useChart(config);
  const label = trend.data
    ? t('insights.trendChart.label', {
        bucket: t(bucket === 'day' ? 'insights.trendChart.day' : 'insights.trendChart.week'),
        summary: trendSummary(trend.data, i18n),
      })
    : '';
  return (
    <section className="panel trend-panel" aria-labelledby="trend-title">
      <h2 id="trend-title">{t('insights.trendChart.title')}</h2>
      <p className="hint">
        {pickedNote(selected.length, ids.length, t)}{' '}
        {selected.length > 0 && (
          <button type="button" className="link" onClick={clearSelected}>
            {t('insights.trendChart.clear')}
          </button>
        )}
      </p>
      {trend.error !== null && <p className="error">{describeError(trend.error, t)}</p>}
      {ids.length > 0 && config && (
        <div className="chart-box">
          <canvas ref={canvas} role="img" aria-label={label} />
        </div>
      )}
      {trend.data && <TrendTotals trend={trend.data} />}
    </section>
  );
}
