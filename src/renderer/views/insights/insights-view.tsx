import { useMemo } from 'react';
import { useSession } from '../../app/session-store.js';
import { useI18n } from '../../i18n/i18n.js';
import '../../styles/insights.css';
import { BreakdownCharts } from './breakdown-charts.js';
import { FiltersBar } from './filters-bar.js';
import { useInsights, windowFilter } from './insights-store.js';
import { IssueDetailPanel } from './issue-detail.js';
import { IssuesTable } from './issues-table.js';
import { ParetoChart } from './pareto-chart.js';
import { EmergingIssues, RankByPicker, useRankBy } from './priority-panel.js';
import { TrendChart } from './trend-chart.js';
import { describeError, useInvoke } from './use-invoke.js';

/** The analyst's view: filters, the ranked issues beside the charts that explain them, and an issue's detail. */
export function InsightsView() {
  const { t, dateTime } = useI18n();
  const session = useSession((state) => state.session);
  const filters = useInsights((state) => state.filters);
  const refresh = useInsights((state) => state.refresh);
  // A lead reads their own team only (the server enforces it); show it as fixed.
  const lockedTeam = session?.role === 'lead' ? session.team : null;
  const filter = useMemo(() => windowFilter(filters, lockedTeam), [filters, lockedTeam]);
  const rankBy = useRankBy((state) => state.rankBy);
  const rankArgs = useMemo(
    () => ({
      ...filter,
      status: filters.status,
      ...(filters.search ? { search: filters.search } : {}),
      rankBy,
    }),
    [filter, filters.search, filters.status, rankBy],
  );
  const ranked = useInvoke('issues.rank', rankArgs, refresh);
  const issues = useMemo(() => ranked.data?.issues ?? [], [ranked.data]);
  return (
    <div className="insights">
      <div className="view-head">
        <h1>{t('insights.title')}</h1>
        <p className="muted" role="status">
          {ranked.loading
            ? t('common.loading')
            : ranked.data
              ? t('insights.filters.updated', { time: dateTime(ranked.data.generated_at) })
              : ''}
        </p>
      </div>
      <FiltersBar lockedTeam={lockedTeam} loading={ranked.loading} />
      <RankByPicker currency={ranked.data?.currency ?? ''} />
      {ranked.error !== null && (
        <p role="alert" className="error">
          {describeError(ranked.error, t)}
        </p>
      )}
      <div className="insights-grid">
        <section className="panel issues-panel" aria-label={t('insights.table.caption')}>
          {ranked.data ? (
            <IssuesTable issues={issues} />
          ) : (
            // Offline, the alert above says why nothing is shown: no "Loading…" that never ends.
            ranked.error === null && <p className="muted">{t('common.loading')}</p>
          )}
        </section>
        {/* The charts ask the server only once the ranking is in: the server answers in turn, and
            the table is what the analyst acts on first. */}
        <div className="charts-column">
          {ranked.data && <EmergingIssues issues={issues} />}
          <ParetoChart issues={issues} currency={ranked.data?.currency ?? ''} rankBy={rankBy} />
          {ranked.data && <TrendChart issues={issues} filter={filter} />}
          {ranked.data && <BreakdownCharts filter={filter} />}
        </div>
      </div>
      <IssueDetailPanel filter={filter} />
    </div>
  );
}
