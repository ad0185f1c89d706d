import { create } from 'zustand';
import { RANK_BY, type RankBy, type RankedIssue } from '../../../shared/domain/issue.js';
import { useI18n } from '../../i18n/i18n.js';
import '../../styles/priority.css';
import { useInsights } from './insights-store.js';
import { IssueSample, useIssueSamples } from './issue-samples.js';

/** How the ranking is ordered; its own small store so the view's filters stay as they are. */
export const useRankBy = create<{ rankBy: RankBy; setRankBy: (rankBy: RankBy) => void }>((set) => ({
  rankBy: 'score',
  setRankBy: (rankBy) => set({ rankBy }),
}));

/**
 * The rank-by choice, with one sentence saying what the chosen ranking means. Each option's title
 * says the same for the rankings not chosen; the Pareto chart beside follows the choice of cost.
 */
export function RankByPicker({ currency }: { currency: string }) {
  const { t } = useI18n();
  const { rankBy, setRankBy } = useRankBy();
  return (
    <div className="rank-by">
      <label className="field">
        <span>{t('priority.rankBy')}</span>
        <select value={rankBy} onChange={(e) => setRankBy(e.target.value as RankBy)}>
          {RANK_BY.map((choice) => (
            <option
              key={choice}
              value={choice}
              title={t(`priority.explain.${choice}`, { currency })}
            >
              {t(`priority.rankBy.${choice}`)}
            </option>
          ))}
        </select>
      </label>
      <p className="muted rank-by-explain">{t(`priority.explain.${rankBy}`, { currency })}</p>
    </div>
  );
}

/** The issues flagged emerging in this window, each with its badge and why, in the UI's language. */
export function EmergingIssues({ issues }: { issues: readonly RankedIssue[] }) {
  const { t, number } = useI18n();
  const openIssue = useInsights((state) => state.openIssue);
  const emerging = issues.filter((issue) => issue.emerging);
  const samples = useIssueSamples(emerging.map((issue) => issue.id));
  return (
    <section className="panel emerging" aria-labelledby="emerging-title">
      <h2 id="emerging-title">{t('priority.emerging.title')}</h2>
      {emerging.length === 0 ? (
        <p className="muted">{t('priority.emerging.none')}</p>
      ) : (
        <ul>
          {emerging.map((issue) => {
            const detail = issue.emerging_detail;
            const reason =
              detail === undefined
                ? (issue.emerging_reason ?? '')
                : detail.is_new
                  ? t('priority.emerging.reasonNew', { current: detail.current })
                  : t('priority.emerging.reason', {
                      current: detail.current,
                      usual: number(detail.usual),
                      windows: detail.windows,
                    });
            return (
              <li key={issue.id}>
                <span className="badge emerging-badge" title={reason}>
                  {t('priority.emerging.badge')}
                </span>{' '}
                <button type="button" className="link" onClick={() => openIssue(issue.id)}>
                  {issue.title}
                </button>{' '}
                <IssueSample sample={samples.get(issue.id)} />
                {issue.preventable === true && (
                  <span className="badge">{t('priority.preventable')}</span>
                )}
                <p className="muted">{reason}</p>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
