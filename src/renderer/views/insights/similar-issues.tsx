import { useClient } from '../../app/session-store.js';
import { useI18n } from '../../i18n/i18n.js';
import { useInsights } from './insights-store.js';
import { ActionMessage, useAction } from './action-status.js';
import { IssueSample, useIssueSamples } from './issue-samples.js';
import { useInvoke } from './use-invoke.js';

/**
 * Open issues most like this one, each a click from merging into it: the grouping keeps issues
 * apart when unsure, and this is where the analyst says "these are one problem". Issues split
 * apart by an analyst are not listed (the server leaves them out).
 */
export function SimilarIssues({ issueId }: { issueId: string }) {
  const { t } = useI18n();
  const client = useClient();
  const refresh = useInsights((state) => state.refresh);
  const openIssue = useInsights((state) => state.openIssue);
  const { data } = useInvoke('issues.similar', { id: issueId }, refresh);
  const { run, busy, message } = useAction('similar');
  const samples = useIssueSamples((data ?? []).map((issue) => issue.id));
  // The open issue keeps its title, owner, status and history; the one listed joins it.
  const mergeIn = (other: string) =>
    void run(async () => {
      const { id } = await client.invoke('issues.merge', { id: other, into: issueId });
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
            <IssueSample sample={samples.get(issue.id)} />{' '}
            <span className="muted">
              {t('workbench.similarFigures', {
                percent: Math.round(issue.similarity * 100),
                count: issue.mentions,
              })}
            </span>{' '}
            <button
              type="button"
              disabled={busy}
              aria-label={t('workbench.mergeInLabel', { title: issue.title })}
              onClick={() => mergeIn(issue.id)}
            >
              {t('workbench.mergeIn')}
            </button>
          </li>
        ))}
      </ul>
      <ActionMessage message={message} />
    </section>
  );
}
