import { useClient } from '../../app/session-store.js';
import { useI18n } from '../../i18n/i18n.js';
import { useInsights } from './insights-store.js';
import { ActionMessage, useAction } from './issue-workbench.js';
import { useInvoke } from './use-invoke.js';

/**
 * Open issues most like this one, each a click from merging: the grouping keeps issues apart when
 * unsure, and this is where the analyst says "these are one problem".
 */
export function SimilarIssues({ issueId }: { issueId: string }) {
  const { t } = useI18n();
  const client = useClient();
  const refresh = useInsights((state) => state.refresh);
  const openIssue = useInsights((state) => state.openIssue);
  const { data } = useInvoke('issues.similar', { id: issueId }, refresh);
  const { run, busy, message } = useAction();
  const merge = (into: string) =>
    void run(async () => {
      const { id } = await client.invoke('issues.merge', { id: issueId, into });
      openIssue(id);
      return t('workbench.merged');
    });
  return (
    <section className="similar-issues" aria-label={t('workbench.similar')}>
      <h3>{t('workbench.similar')}</h3>
      {data?.length === 0 && <p className="muted">{t('workbench.similarNone')}</p>}
      <ul>
        {(data ?? []).map((issue) => (
          <li key={issue.id} data-issue-id={issue.id}>
            <button type="button" className="link" onClick={() => openIssue(issue.id)}>
              {issue.title}
            </button>{' '}
            <span className="muted">
              {t('workbench.similarFigures', {
                percent: Math.round(issue.similarity * 100),
                count: issue.mentions,
              })}
            </span>{' '}
            <button type="button" disabled={busy} onClick={() => merge(issue.id)}>
              {t('workbench.mergeIntoThis')}
            </button>
          </li>
        ))}
      </ul>
      <ActionMessage message={message} />
    </section>
  );
}
