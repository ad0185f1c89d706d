import { useClient } from '../../app/session-store.js';
import { useI18n } from '../../i18n/i18n.js';
import { useInsights } from './insights-store.js';
import { ActionMessage, useAction } from './issue-workbench.js';
import { useInvoke } from './use-invoke.js';

/**
 * Two problems this issue may hold, each with its label, size and a few verbatims, and one click
 * to split the smaller part off: splitting a large mixed issue by hand is an afternoon.
 */
export function SplitProposalPanel({ issueId }: { issueId: string }) {
  const { t } = useI18n();
  const client = useClient();
  const refresh = useInsights((state) => state.refresh);
  const openIssue = useInsights((state) => state.openIssue);
  const { data } = useInvoke('issues.splitProposal', { id: issueId }, refresh);
  const { run, busy, message } = useAction();
  const parts = data?.parts ?? [];
  if (parts.length < 2) return null;
  const smaller = parts[1];
  const split = () =>
    void run(async () => {
      if (!smaller) return '';
      const { id } = await client.invoke('issues.split', {
        id: issueId,
        itemIds: smaller.item_ids,
        title: smaller.label,
      });
      openIssue(id);
      return t('workbench.splitDone', { id });
    });
  return (
    <section className="split-proposal" aria-label={t('workbench.twoProblems')}>
      <h3>{t('workbench.twoProblems')}</h3>
      <div className="split-parts">
        {parts.map((part) => (
          <div key={part.label} className="split-part" data-count={part.count}>
            <strong>{part.label}</strong>{' '}
            <span className="muted">{t('workbench.partCount', { count: part.count })}</span>
            <ul>
              {part.samples.map((sample, i) => (
                <li key={i} className="verbatim">
                  {sample}
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
      {smaller && (
        <button type="button" disabled={busy} onClick={split}>
          {t('workbench.splitOffPart', { label: smaller.label, count: smaller.count })}
        </button>
      )}
      <ActionMessage message={message} />
    </section>
  );
}
