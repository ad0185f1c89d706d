import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { MyFeedbackItem, WocasClient } from '../../../shared/api/contract.js';
import { useClient, useSession } from '../../app/session-store.js';
import { useI18n } from '../../i18n/i18n.js';
import '../../styles/capture.css';
import { type Message, failureMessage, savedCount } from './capture-messages.js';
import { FeedbackCard, type ItemActions } from './feedback-card.js';

const LIMIT = 100;

interface Mine {
  items: MyFeedbackItem[] | null;
  loading: boolean;
  error: Message | null;
  /** Set after "Mark as seen" until the next load, for the status line. */
  marked: boolean;
  reload: () => Promise<void>;
  markSeen: () => Promise<void>;
  /** What the last correction or withdrawal did, for the status line. */
  done: Message | null;
  actions: ItemActions;
}

type Items = MyFeedbackItem[] | null;

/**
 * Correcting and withdrawing from My feedback. Each change carries an id made here, so sending it
 * again (a retry) changes nothing more; the list follows what the answer says is stored.
 */
function itemActions(
  client: WocasClient,
  on: {
    setItems: (update: (current: Items) => Items) => void;
    failed: (failure: unknown) => void;
    done: (message: Message) => void;
  },
): ItemActions {
  return {
    edit: async (item, text) => {
      try {
        const result = await client.invoke('items.edit', {
          item_id: item.id,
          text,
          id: globalThis.crypto.randomUUID(),
        });
        on.setItems(
          (current) =>
            current?.map((entry) =>
              entry.id === item.id ? { ...entry, text: result.text ?? entry.text } : entry,
            ) ?? null,
        );
        on.done(
          savedCount(result.synced ? 'mine.edited' : 'mine.editedLocally', result.redactions),
        );
        return true;
      } catch (failure) {
        on.failed(failure);
        return false;
      }
    },
    withdraw: async (item) => {
      try {
        const result = await client.invoke('items.withdraw', {
          item_id: item.id,
          id: globalThis.crypto.randomUUID(),
        });
        on.setItems((current) => current?.filter((entry) => entry.id !== item.id) ?? null);
        on.done(({ t }) => t(result.synced ? 'mine.withdrawn' : 'mine.withdrawnLocally'));
      } catch (failure) {
        on.failed(failure);
      }
    },
  };
}

/** The agent's items, loaded on open and on demand; a slower, older answer never replaces a newer one. */
function useMine(client: WocasClient): Mine {
  const [items, setItems] = useState<MyFeedbackItem[] | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<Message | null>(null);
  const [marked, setMarked] = useState(false);
  const [done, setDone] = useState<Message | null>(null);
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
      setDone(null);
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
      setDone(null);
      setError(null);
    } catch (failure) {
      setError(() => failureMessage(failure));
    }
  }, [client, items]);

  const actions = itemActions(client, {
    setItems,
    failed: (failure) => setError(() => failureMessage(failure)),
    done: (message) => {
      setError(null);
      setDone(() => message);
    },
  });

  useEffect(() => {
    void reload();
  }, [reload]);
  return { items, loading, error, marked, reload, markSeen, done, actions };
}

/** "My feedback": what the agent captured, what issue it became, and news on those issues. */
export function MyFeedbackView() {
  const i18n = useI18n();
  const { t } = i18n;
  const { items, loading, error, marked, reload, markSeen, done, actions } = useMine(useClient());
  // Only an agent changes items, and only their own (the desktop always speaks as its agent).
  const mayChange = useSession((state) => state.session?.role === 'agent');
  const refreshRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const unseen = items?.filter((item) => item.unseen).length ?? 0;
  const news = done
    ? done(i18n)
    : unseen === 0
      ? marked
        ? t('mine.markedSeen')
        : ''
      : t('mine.unseen', { count: unseen });
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
            <FeedbackCard key={item.id} item={item} {...(mayChange ? { actions } : {})} />
          ))}
        </ol>
      )}
    </section>
  );
}
