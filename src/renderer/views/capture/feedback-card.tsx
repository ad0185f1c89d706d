import { useId, useState } from 'react';
import type { MyFeedbackItem } from '../../../shared/api/contract.js';
import { useI18n } from '../../i18n/i18n.js';
import { saveOnEnter } from './save-on-enter.js';
import { StatusBadge } from './status-badge.js';

/** What the agent may do to their own item from My feedback; absent for tokens that may not. */
export interface ItemActions {
  /** Resolves true once the correction is saved (the card closes its editor). */
  edit: (item: MyFeedbackItem, text: string) => Promise<boolean>;
  withdraw: (item: MyFeedbackItem) => Promise<void>;
}

type Mode = 'view' | 'editing' | 'confirming';

/** One of the agent's items: the verbatim as text, when it was captured, and what became of it. */
export function FeedbackCard({ item, actions }: { item: MyFeedbackItem; actions?: ItemActions }) {
  const { t, dateTime } = useI18n();
  const { issue } = item;
  const [mode, setMode] = useState<Mode>('view');
  const [text, setText] = useState(item.text);
  const [busy, setBusy] = useState(false);
  const editorId = useId();
  const keysId = useId();
  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await work();
    } finally {
      setBusy(false);
    }
  };
  // The button is disabled while a correction is on its way; the keys must not send a second one.
  const saveEdit = (can: ItemActions) => {
    if (busy) return;
    void run(async () => {
      if (await can.edit(item, text)) setMode('view');
    });
  };
  return (
    <li className={item.unseen ? 'mine-item unseen' : 'mine-item'}>
      {mode === 'editing' && actions ? (
        <form
          className="mine-edit"
          onSubmit={(event) => {
            event.preventDefault();
            saveEdit(actions);
          }}
        >
          <label htmlFor={editorId}>{t('mine.editLabel')}</label>
          <textarea
            id={editorId}
            value={text}
            rows={3}
            aria-describedby={keysId}
            onChange={(event) => setText(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Escape') return setMode('view');
              saveOnEnter(() => saveEdit(actions))(event);
            }}
            autoFocus
          />
          <p id={keysId} className="hint keys">
            {t('mine.keys')}
          </p>
          <div className="mine-actions">
            <button type="submit" className="primary" disabled={busy}>
              {t('mine.saveEdit')}
            </button>
            <button type="button" onClick={() => setMode('view')}>
              {t('mine.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <p className="verbatim">{item.text}</p>
      )}
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
      {actions && mode === 'view' && (
        <div className="mine-actions">
          <button
            type="button"
            className="link"
            onClick={() => {
              setText(item.text);
              setMode('editing');
            }}
          >
            {t('mine.edit')}
          </button>
          <button type="button" className="link" onClick={() => setMode('confirming')}>
            {t('mine.withdraw')}
          </button>
        </div>
      )}
      {actions && mode === 'confirming' && (
        <div className="mine-actions mine-confirm" role="group" aria-label={t('mine.withdraw')}>
          <p>{t('mine.confirmWithdraw')}</p>
          <button
            type="button"
            className="danger"
            disabled={busy}
            onClick={() => void run(() => actions.withdraw(item))}
          >
            {t('mine.withdrawYes')}
          </button>
          <button type="button" onClick={() => setMode('view')} autoFocus>
            {t('mine.keep')}
          </button>
        </div>
      )}
    </li>
  );
}
