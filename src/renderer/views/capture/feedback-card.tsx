import type { MyFeedbackItem } from '../../../shared/api/contract.js';
import { useI18n } from '../../i18n/i18n.js';
import { StatusBadge } from './status-badge.js';

/** One of the agent's items: the verbatim as text, when it was captured, and what became of it. */
export function FeedbackCard({ item }: { item: MyFeedbackItem }) {
  const { t, dateTime } = useI18n();
  const { issue } = item;
  return (
    <li className={item.unseen ? 'mine-item unseen' : 'mine-item'}>
      <p className="verbatim">{item.text}</p>
      <p className="mine-meta">
        <time dateTime={item.created_at}>
          {t('mine.captured', { date: dateTime(item.created_at) })}
        </time>
        {item.sync_state === 'pending' && <span className="sync-state">{t('mine.pending')}</span>}
        {item.sync_state === 'rejected' && (
          <span className="sync-state rejected">{t('mine.rejected')}</span>
        )}
      </p>
      {issue ? (
        <p className="mine-issue">
          {item.unseen && <strong className="changed">{t('mine.changed')}</strong>}
          <StatusBadge status={issue.status} />
          <span className="issue-title">{t('mine.issue', { title: issue.title })}</span>
          <span className="owner">
            {issue.owner ? t('mine.owner', { owner: issue.owner }) : t('mine.noOwner')}
          </span>
        </p>
      ) : (
        <p className="mine-issue hint">{t('mine.ungrouped')}</p>
      )}
      {issue?.root_cause && (
        <p className="mine-outcome">{t('mine.rootCause', { text: issue.root_cause })}</p>
      )}
      {issue?.note && <p className="mine-outcome">{t('mine.note', { text: issue.note })}</p>}
    </li>
  );
}
