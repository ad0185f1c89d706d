import { useState } from 'react';
import { useClient } from '../../app/session-store.js';
import { useI18n } from '../../i18n/i18n.js';
import { useInsights } from './insights-store.js';
import { ActionMessage, useAction } from './action-status.js';
import { useInvoke } from './use-invoke.js';

/**
 * Where this browser remembers that an analyst read an offer and found one problem: the offer
 * stays hidden on that issue until it changes (other parts or sizes), since a wrong hint shown
 * every time the issue is opened is noise.
 */
const dismissedKey = (issueId: string) => `wocas.notTwoProblems.${issueId}`;

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
  const { run, busy, message } = useAction('split-proposal');
  const [, setDismissals] = useState(0);
  const parts = data?.parts ?? [];
  const offer = parts.map((part) => `${part.label}:${part.count}`).join('|');
  if (parts.length < 2) return null;
  const remember = (hidden: boolean) => {
    if (hidden) localStorage.setItem(dismissedKey(issueId), offer);
    else localStorage.removeItem(dismissedKey(issueId));
    setDismissals((count) => count + 1);
  };
  if (localStorage.getItem(dismissedKey(issueId)) === offer)
    return (
      <p className="split-proposal-hidden">
        <button type="button" onClick={() => remember(false)}>
          {t('workbench.showTwoProblems')}
        </button>
      </p>
    );
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
      )}{' '}
      <button type="button" disabled={busy} onClick={() => remember(true)}>
        {t('workbench.notTwoProblems')}
      </button>
      <ActionMessage message={message} />
    </section>
  );
}
