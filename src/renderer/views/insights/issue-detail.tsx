import { useEffect, useMemo, useRef } from 'react';
import type { CountedText, IssueDetail, WindowFilter } from '../../../shared/api/contract.js';
import { useSession } from '../../app/session-store.js';
import { useI18n } from '../../i18n/i18n.js';
import { Breakdown } from './breakdown-charts.js';
import { IssueItems } from './issue-items.js';
import { IssueSample, useIssueSamples } from './issue-samples.js';
import { IssueHistory } from './issue-history.js';
import { CurationForm, MergeInto } from './issue-workbench.js';
import { SimilarIssues } from './similar-issues.js';
import { SplitProposalPanel } from './split-proposal.js';
import { userTimeZone } from '../../app/time-zone.js';
import { trendConfig } from './trend-config.js';
import { useChart } from './use-chart.js';
import { trendBucket, useInsights } from './insights-store.js';
import { StatusBadge, TrendValue } from './trend-value.js';
import { describeError, useInvoke } from './use-invoke.js';

function NumberCards({ detail }: { detail: IssueDetail }) {
  const { t, number, date } = useI18n();
  const { issue } = detail;
  const cards = [
    { label: t('insights.table.timesHeard'), value: number(issue.times_heard) },
    { label: t('insights.table.mentions'), value: number(issue.mentions) },
    { label: t('insights.table.agents'), value: number(issue.agents) },
    { label: t('insights.detail.previous'), value: number(issue.previous_times_heard) },
    // First heard at all, then the window's own first and last: the window's first item read as
    // "first heard" made an issue heard for months look new.
    { label: t('insights.detail.firstHeardEver'), value: date(detail.all_time.first_seen) },
    { label: t('insights.detail.firstInWindow'), value: date(issue.first_seen) },
    { label: t('insights.detail.lastInWindow'), value: date(issue.last_seen) },
  ];
  return (
    <dl className="cards">
      {cards.map((card) => (
        <div key={card.label} className="card">
          <dt>{card.label}</dt>
          <dd>{card.value}</dd>
        </div>
      ))}
      <div className="card">
        <dt>{t('insights.table.trend')}</dt>
        <dd>
          <TrendValue value={issue.trend} />
        </dd>
      </div>
    </dl>
  );
}

function CountedList({ title, items }: { title: string; items: readonly CountedText[] }) {
  const { t } = useI18n();
  return (
    <section className="counted">
      <h3>{title}</h3>
      {items.length === 0 ? (
        <p className="muted">{t('insights.detail.noneGiven')}</p>
      ) : (
        <ul>
          {items.map((item) => (
            <li key={item.text}>
              <span className="verbatim">{item.text}</span>{' '}
              <span className="count">{t('insights.detail.noted', { count: item.count })}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** This issue's own contacts per day or week, in the analyst's time zone. */
function IssueTrend({ issueId, filter }: { issueId: string; filter: WindowFilter }) {
  const i18n = useI18n();
  const refresh = useInsights((state) => state.refresh);
  const bucket = trendBucket(filter);
  const { data } = useInvoke(
    'stats.trend',
    { ...filter, bucket, issueIds: [issueId], tz: userTimeZone() },
    refresh,
  );
  const config = useMemo(
    () => (data ? trendConfig(data, bucket, i18n) : null),
    [data, bucket, i18n],
  );
  const canvas = useChart(config);
  const total = data?.series[0]?.times_heard.reduce((a, b) => a + b, 0) ?? 0;
  return (
    <section className="issue-trend" data-total={total}>
      <h3>{i18n.t('workbench.ownTrend')}</h3>
      {config && (
        <div className="chart-box small">
          <canvas
            ref={canvas}
            role="img"
            aria-label={i18n.t('workbench.ownTrendLabel', {
              summary: (data?.series[0]?.times_heard ?? []).join(', '),
            })}
          />
        </div>
      )}
    </section>
  );
}

function DetailBody({ detail, filter }: { detail: IssueDetail; filter: WindowFilter }) {
  const { t, dateTime } = useI18n();
  const role = useSession((state) => state.session?.role);
  // Analysts and admins curate; leads read their team's evidence; the server enforces both.
  const canEdit = role === 'analyst' || role === 'admin';
  const { issue } = detail;
  return (
    <>
      <p className="detail-status">
        <span>
          {t('insights.detail.status')}: <StatusBadge status={issue.status} />
        </span>
        <span>
          {t('insights.detail.owner')}:{' '}
          {issue.owner ?? <span className="muted">{t('insights.table.unowned')}</span>}
        </span>
      </p>
      {canEdit && <CurationForm key={issue.id} detail={detail} />}
      {canEdit && <MergeInto issueId={issue.id} />}
      {canEdit && <SimilarIssues issueId={issue.id} />}
      {canEdit && <SplitProposalPanel issueId={issue.id} />}
      <NumberCards detail={detail} />
      {detail.root_cause && (
        <section>
          <h3>{t('insights.detail.rootCause')}</h3>
          <p className="verbatim">{detail.root_cause}</p>
        </section>
      )}
      <section>
        <h3>{t('insights.detail.verbatims')}</h3>
        <ul className="verbatims">
          {detail.verbatims.map((verbatim) => (
            <li key={verbatim.id}>
              <p className="verbatim">{verbatim.text}</p>
              <p className="meta">
                {t('insights.detail.verbatimMeta', {
                  date: dateTime(verbatim.created_at),
                  channel: t(`channel.${verbatim.channel}`),
                  team: verbatim.team ?? t('common.none'),
                })}
              </p>
            </li>
          ))}
        </ul>
      </section>
      <div className="counted-pair">
        <CountedList title={t('insights.detail.rootCauses')} items={detail.root_causes} />
        <CountedList title={t('insights.detail.fixes')} items={detail.suggested_fixes} />
      </div>
      <IssueTrend issueId={issue.id} filter={filter} />
      <section className="issue-breakdowns" aria-label={t('insights.breakdown.title')}>
        <div className="breakdown-pair">
          <Breakdown by="channel" filter={filter} issueId={issue.id} />
          <Breakdown by="team" filter={filter} issueId={issue.id} />
          <Breakdown by="segment" filter={filter} issueId={issue.id} />
        </div>
      </section>
      <IssueItems issueId={issue.id} filter={filter} canEdit={canEdit} />
      {canEdit && <IssueHistory issueId={issue.id} />}
    </>
  );
}

/** One issue in a modal side panel: numbers, what customers said, what agents think. */
export function IssueDetailPanel({ filter }: { filter: WindowFilter }) {
  const { t } = useI18n();
  const id = useInsights((state) => state.openIssueId);
  const openIssue = useInsights((state) => state.openIssue);
  const refresh = useInsights((state) => state.refresh);
  const dialog = useRef<HTMLDialogElement>(null);
  const { data, error, loading } = useInvoke(
    'issues.detail',
    id ? { ...filter, id } : null,
    refresh,
  );
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (id && !element.open) element.showModal();
    if (!id && element.open) element.close();
  }, [id]);
  const current = data && data.issue.id === id ? data : undefined;
  // The heading is the title, which another issue may share: the row's sample says which is open.
  const samples = useIssueSamples(id ? [id] : []);
  return (
    <dialog
      ref={dialog}
      className="issue-detail"
      aria-labelledby="issue-detail-title"
      onClose={() => openIssue(null)}
    >
      <header>
        <div className="detail-name">
          <h2 id="issue-detail-title">{current?.issue.title ?? t('common.loading')}</h2>
          {current && <IssueSample sample={samples.get(current.issue.id)} />}
        </div>
        <button type="button" onClick={() => openIssue(null)}>
          {t('insights.detail.close')}
        </button>
      </header>
      {error !== null && <p className="error">{describeError(error, t)}</p>}
      {loading && !current && <p className="muted">{t('common.loading')}</p>}
      {current && <DetailBody detail={current} filter={filter} />}
    </dialog>
  );
}
