import { useState } from 'react';
import type { TeamSummary } from '../../../shared/api/contract.js';
import { useSession } from '../../app/session-store.js';
import { userTimeZone } from '../../app/time-zone.js';
import { formatIsoWeek, isoWeekOf } from '../../../shared/time/iso-week.js';
import { useI18n } from '../../i18n/i18n.js';
import '../../styles/insights.css';
import { isoDate, mondayOf } from '../insights/dates.js';
import { StatusBadge, TrendValue } from '../insights/trend-value.js';
import { IssueDetailPanel } from '../insights/issue-detail.js';
import { useInsights } from '../insights/insights-store.js';
import { describeError, useInvoke } from '../insights/use-invoke.js';
import { Contributors } from './contributors.js';
import { WeekPicker } from './week-picker.js';
import { ExportReport } from './export-report.js';

function TopIssues({ issues }: { issues: TeamSummary['issues'] }) {
  const { t, number } = useI18n();
  const openIssue = useInsights((state) => state.openIssue);
  return (
    <section className="panel team-issues" aria-labelledby="team-issues-title">
      <h2 id="team-issues-title">{t('team.issues.title')}</h2>
      {issues.length === 0 ? (
        <p className="empty">{t('team.issues.empty')}</p>
      ) : (
        <table className="issues">
          <thead>
            <tr>
              <th scope="col" className="num">
                {t('insights.table.rank')}
              </th>
              <th scope="col">{t('insights.table.title')}</th>
              <th scope="col" className="num">
                {t('insights.table.timesHeard')}
              </th>
              <th scope="col" className="num mentions">
                {t('insights.table.mentions')}
              </th>
              <th scope="col" className="num">
                {t('insights.table.trend')}
              </th>
              <th scope="col">{t('insights.table.status')}</th>
            </tr>
          </thead>
          <tbody>
            {issues.map((issue, i) => (
              <tr key={issue.id} data-issue-id={issue.id}>
                <td className="num">{number(i + 1)}</td>
                <th scope="row" className="title">
                  <button type="button" className="link" onClick={() => openIssue(issue.id)}>
                    {issue.title}
                  </button>
                </th>
                <td className="num">{number(issue.times_heard)}</td>
                <td className="num mentions">{number(issue.mentions)}</td>
                <td className="num">
                  <TrendValue value={issue.trend} />
                </td>
                <td>
                  <StatusBadge status={issue.status} stillHeard={issue.heard_since_fixed} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function LatestVerbatims({ summary }: { summary: TeamSummary }) {
  const { t, dateTime } = useI18n();
  const titles = new Map(summary.issues.map((issue) => [issue.id, issue.title]));
  return (
    <section className="panel team-verbatims" aria-labelledby="team-verbatims-title">
      <h2 id="team-verbatims-title">{t('team.verbatims.title')}</h2>
      {summary.verbatims.length === 0 ? (
        <p className="empty">{t('team.verbatims.empty')}</p>
      ) : (
        <ul className="verbatims">
          {summary.verbatims.map((verbatim) => (
            <li key={verbatim.id} data-item-id={verbatim.id}>
              <p className="verbatim">{verbatim.text}</p>
              <p className="meta">
                {dateTime(verbatim.created_at)}
                {titles.has(verbatim.issue_id) && ` · ${titles.get(verbatim.issue_id)}`}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function TeamPicker({
  team,
  teams,
  onChange,
}: {
  team: string | null;
  teams: readonly string[];
  onChange: (team: string) => void;
}) {
  const { t } = useI18n();
  return (
    <label className="field">
      {t('team.pickTeam')}
      <select value={team ?? ''} onChange={(e) => onChange(e.target.value)}>
        {team === null && <option value="">{t('team.choose')}</option>}
        {teams.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A lead's week: their team's top issues, what customers said, and thanks to who passed it on. */
export function TeamView() {
  const { t } = useI18n();
  const session = useSession((state) => state.session);
  const isLead = session?.role === 'lead';
  const [monday, setMonday] = useState(() => mondayOf(isoDate(new Date())));
  const [picked, setPicked] = useState<string | null>(null);
  // Analysts and admins look at any team, the first one until they pick.
  const teams = useInvoke('meta.taxonomy', isLead ? null : {}).data?.teams ?? [];
  const team = isLead ? session.team : (picked ?? session?.team ?? teams[0] ?? null);
  // The ISO week of the picked Monday (a date of the lead's own calendar), counted in the lead's
  // zone: the server bounds it as the weekly report does, so the export below matches the screen.
  const week = formatIsoWeek(isoWeekOf(new Date(`${monday}T00:00:00Z`)));
  const summary = useInvoke('team.summary', team ? { team, week, tz: userTimeZone() } : null);
  return (
    <div className="team">
      <div className="view-head">
        <h1>{team ? t('team.title', { team }) : t('team.titleNone')}</h1>
        {!isLead && <TeamPicker team={team} teams={teams} onChange={setPicked} />}
      </div>
      <WeekPicker monday={monday} onChange={setMonday} />
      {team && session?.mode === 'browser' && <ExportReport team={team} week={week} />}
      {isLead && !team && <p className="error">{t('team.noTeam')}</p>}
      {summary.error !== null && (
        <p role="alert" className="error">
          {describeError(summary.error, t)}
        </p>
      )}
      {team && !summary.data && summary.error === null && (
        <p className="muted">{t('common.loading')}</p>
      )}
      {summary.data && (
        <div className="team-grid" aria-busy={summary.loading}>
          <TopIssues issues={summary.data.issues} />
          <Contributors contributors={summary.data.contributors} />
          <LatestVerbatims summary={summary.data} />
        </div>
      )}
      {team && summary.data && (
        <IssueDetailPanel filter={{ team, from: summary.data.from, to: summary.data.to }} />
      )}
    </div>
  );
}
