import type { ChartConfiguration } from 'chart.js';
import { useMemo } from 'react';
import type { BreakdownRow, WindowFilter } from '../../../shared/api/contract.js';
import { CHANNELS, type Channel } from '../../../shared/domain/item-fields.js';
import { type I18n, useI18n } from '../../i18n/i18n.js';
import { segmentLabel } from '../../i18n/segment-label.js';
import { useInsights } from './insights-store.js';
import { PALETTE, useChart } from './use-chart.js';
import { describeError, useInvoke } from './use-invoke.js';

type By = 'channel' | 'team' | 'segment';

function keyLabel(by: By, key: string | null, { t }: I18n): string {
  if (key === null) return t('common.none');
  if (by === 'segment') return segmentLabel(t, key);
  return by === 'channel' && (CHANNELS as readonly string[]).includes(key)
    ? t(`channel.${key as Channel}`)
    : key;
}

function breakdownConfig(
  rows: readonly BreakdownRow[],
  by: By,
  i18n: I18n,
): ChartConfiguration<'bar', number[], string> {
  const { t, number } = i18n;
  return {
    type: 'bar',
    data: {
      labels: rows.map((row) => keyLabel(by, row.key, i18n)),
      datasets: [
        {
          label: t('insights.pareto.contacts'),
          data: rows.map((row) => row.times_heard),
          backgroundColor: PALETTE[by === 'channel' ? 5 : by === 'team' ? 4 : 3],
        },
      ],
    },
    options: {
      indexAxis: 'y',
      maintainAspectRatio: false,
      locale: i18n.locale,
      scales: {
        x: {
          beginAtZero: true,
          ticks: { precision: 0, callback: (value) => number(Number(value)) },
        },
      },
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            label: (item) => `${t('insights.pareto.contacts')}: ${number(item.parsed.x ?? 0)}`,
          },
        },
      },
    },
  };
}

const TITLES = {
  channel: 'insights.breakdown.byChannel',
  team: 'insights.breakdown.byTeam',
  segment: 'insights.breakdown.bySegment',
} as const;

export function Breakdown({
  by,
  filter,
  issueId,
}: {
  by: By;
  filter: WindowFilter;
  issueId?: string;
}) {
  const i18n = useI18n();
  const { t, number } = i18n;
  const refresh = useInsights((state) => state.refresh);
  const { data, error } = useInvoke(
    'stats.breakdown',
    { ...filter, by, ...(issueId ? { issueId } : {}) },
    refresh,
  );
  const config = useMemo(
    () => (data && data.length > 0 ? breakdownConfig(data, by, i18n) : null),
    [data, by, i18n],
  );
  const canvas = useChart(config);
  const title = t(TITLES[by]);
  const summary = (data ?? [])
    .map((row) => `${keyLabel(by, row.key, i18n)} ${number(row.times_heard)}`)
    .join(', ');
  // Bars need room for their labels: the chart grows with the number of rows.
  const height = Math.max(120, (data?.length ?? 0) * 28 + 40);
  return (
    <figure className="breakdown">
      <figcaption>{title}</figcaption>
      {error !== null && <p className="error">{describeError(error, t)}</p>}
      {data?.length === 0 && <p className="empty">{t('insights.breakdown.empty')}</p>}
      {config && (
        <div className="chart-box" style={{ height }}>
          <canvas
            ref={canvas}
            role="img"
            aria-label={t('insights.breakdown.label', { by: title, summary })}
          />
        </div>
      )}
    </figure>
  );
}

/** Contacts by channel, team and segment, for the window and filters. */
export function BreakdownCharts({ filter }: { filter: WindowFilter }) {
  const { t } = useI18n();
  return (
    <section className="panel breakdowns" aria-labelledby="breakdown-title">
      <h2 id="breakdown-title">{t('insights.breakdown.title')}</h2>
      <div className="breakdown-pair">
        <Breakdown by="channel" filter={filter} />
        <Breakdown by="team" filter={filter} />
        <Breakdown by="segment" filter={filter} />
      </div>
    </section>
  );
}
