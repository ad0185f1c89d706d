import { useMemo } from 'react';
import type { TrendSeries, WindowFilter } from '../../../shared/api/contract.js';
import type { RankedIssue } from '../../../shared/domain/issue.js';
import { userTimeZone } from '../../app/time-zone.js';
import { type I18n, useI18n } from '../../i18n/i18n.js';
import type { IssueNames } from './alike-titles.js';
import { DEFAULT_TREND_ISSUES, trendBucket, useInsights } from './insights-store.js';
import { IssueSample, useIssueNames } from './issue-samples.js';
import { seriesName, trendConfig, trendSummary } from './trend-config.js';
import { useChart } from './use-chart.js';
import { describeError, useInvoke } from './use-invoke.js';

function pickedNote(selected: number, shown: number, t: I18n['t']): string {
  if (selected > 0) return t('insights.trendChart.selected', { count: selected });
  return t('insights.trendChart.top', { count: shown });
}

/**
 * Each line's total, to read beside the table's contacts (and for screen readers, the numbers),
 * each line named as its legend names it, with the sample of a title two lines share.
 */
export function TrendTotals({ trend, names }: { trend: TrendSeries; names: IssueNames }) {
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
              <th scope="row">
                {seriesName(series, names) || t('insights.trendChart.all')}
                {series.issueId !== null && <IssueSample sample={names.sample(series.issueId)} />}
              </th>
              <td className="number">{number(series.times_heard.reduce((a, b) => a + b, 0))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

/** Contacts per day or week of the picked issues, else of the top few. */
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
  const drawn = useMemo(
    () =>
      (trend.data?.series ?? []).flatMap((series) =>
        series.issueId === null ? [] : [{ id: series.issueId, title: series.title }],
      ),
    [trend.data],
  );
  const names = useIssueNames(drawn, issues);
  const config = useMemo(
    () => (trend.data ? trendConfig(trend.data, bucket, i18n, names) : null),
    [trend.data, bucket, i18n, names],
  );
  const canvas = useChart(config);
  const label = trend.data
    ? t('insights.trendChart.label', {
        bucket: t(bucket === 'day' ? 'insights.trendChart.day' : 'insights.trendChart.week'),
        summary: trendSummary(trend.data, i18n, names),
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
      {trend.data && <TrendTotals trend={trend.data} names={names} />}
    </section>
  );
}
