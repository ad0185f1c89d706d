import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { MyFeedbackItem, WocasClient } from '../../../shared/api/contract.js';
import { useClient } from '../../app/session-store.js';
import { useI18n } from '../../i18n/i18n.js';
import '../../styles/capture.css';
import { type Message, failureMessage } from './capture-messages.js';
import { FeedbackCard } from './feedback-card.js';

const LIMIT = 100;

interface Mine {
  items: MyFeedbackItem[] | null;
  loading: boolean;
  error: Message | null;
  /** Set after "Mark as seen" until the next load, for the status line. */
  marked: boolean;
  reload: () => Promise<void>;
  markSeen: () => Promise<void>;
}

/** The agent's items, loaded on open and on demand; a slower, older answer never replaces a newer one. */
function useMine(client: WocasClient): Mine {
  const [items, setItems] = useState<MyFeedbackItem[] | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<Message | null>(null);
  const [marked, setMarked] = useState(false);
  const latest = useRef(0);

  const reload = useCallback(async () => {
    const request = ++latest.current;
    setLoading(true);
    try {
      const result = await client.invoke('feedback.mine', { limit: LIMIT });
      if (request !== latest.current) return;
      setItems(result);
      setError(null);
      setMarked(false);
    } catch (failure) {
      if (request === latest.current) setError(() => failureMessage(failure));
    } finally {
      if (request === latest.current) setLoading(false);
    }
  }, [client]);

  const markSeen = useCallback(async () => {
    const unseen = (items ?? []).filter((item) => item.unseen);
    const issueIds = [...new Set(unseen.flatMap((item) => (item.issue ? [item.issue.id] : [])))];
    if (issueIds.length === 0) return;
    try {
      await client.invoke('feedback.markSeen', { issueIds });
      setItems(
        (current) =>
          current?.map((item) =>
            item.issue && issueIds.includes(item.issue.id) ? { ...item, unseen: false } : item,
          ) ?? null,
      );
      setMarked(true);
      setError(null);
    } catch (failure) {
      setError(() => failureMessage(failure));
    }
  }, [client, items]);

  useEffect(() => {
    void reload();
  }, [reload]);
  return { items, loading, error, marked, reload, markSeen };
}

/** "My feedback": what the agent captured, what issue it became, and news on those issues. */
export function MyFeedbackView() {
  const i18n = useI18n();
  const { t } = i18n;
  const { items, loading, error, marked, reload, markSeen } = useMine(useClient());
  const refreshRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const unseen = items?.filter((item) => item.unseen).length ?? 0;
  const news =
    unseen === 0
      ? marked
        ? t('mine.markedSeen')
        : ''
      : unseen === 1
        ? t('mine.unseenOne')
        : t('mine.unseenMany', { count: unseen });
  return (
    <section className="mine" aria-labelledby={titleId} aria-busy={loading}>
      <div className="mine-head">
        <h1 id={titleId}>{t('mine.title')}</h1>
        <button type="button" ref={refreshRef} onClick={() => void reload()}>
          {t('mine.refresh')}
        </button>
      </div>
      <div className="mine-news">
        <p role="status">{news}</p>
        {unseen > 0 && (
          // The button vanishes once pressed: hand focus to a neighbour rather than to the page.
          <button
            type="button"
            className="primary"
            onClick={() => void markSeen().then(() => refreshRef.current?.focus())}
          >
            {t('mine.markSeen')}
          </button>
        )}
      </div>
      <p role="alert" className="error">
        {error?.(i18n)}
      </p>
      {items === null ? (
        loading && <p className="hint">{t('common.loading')}</p>
      ) : items.length === 0 ? (
        <p className="hint">{t('mine.empty')}</p>
      ) : (
        <ol className="mine-list">
          {items.map((item) => (
            <FeedbackCard key={item.id} item={item} />
          ))}
        </ol>
      )}
    </section>
  );
}
