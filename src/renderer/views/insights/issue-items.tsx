import { type FormEvent, useEffect, useState } from 'react';
import type { WindowFilter } from '../../../shared/api/contract.js';
import { useClient } from '../../app/session-store.js';
import { useI18n } from '../../i18n/i18n.js';
import { segmentLabel } from '../../i18n/segment-label.js';
import { useInsights } from './insights-store.js';
import { ActionMessage, useAction } from './action-status.js';
import { IssuePicker } from './issue-picker.js';
import { describeError, useInvoke } from './use-invoke.js';

export const ITEMS_PAGE = 20;
const SEARCH_DELAY_MS = 300;

/** Split the checked items into a new issue, or move them to another: the analyst's regrouping. */
function RegroupBar({
  issueId,
  checked,
  done,
}: {
  issueId: string;
  checked: string[];
  done: () => void;
}) {
  const { t } = useI18n();
  const client = useClient();
  const [title, setTitle] = useState('');
  const [target, setTarget] = useState('');
  const { run, busy, message } = useAction('regroup');
  const split = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const { id } = await client.invoke('issues.split', {
        id: issueId,
        itemIds: checked,
        ...(title.trim() ? { title: title.trim() } : {}),
      });
      done();
      setTitle('');
      return t('workbench.splitDone', { id });
    });
  };
  const move = () => {
    if (!target) return;
    void run(async () => {
      const { moved } = await client.invoke('issues.moveItems', { itemIds: checked, into: target });
      done();
      return t('workbench.moveDone', { count: moved });
    });
  };
  return (
    <form className="regroup" onSubmit={split} aria-label={t('workbench.regroup')}>
      <p>{t('workbench.checked', { count: checked.length })}</p>
      <label className="field">
        {t('workbench.newTitle')}
        <input
          name="split_title"
          value={title}
          maxLength={200}
          onChange={(e) => setTitle(e.target.value)}
        />
      </label>
      <button type="submit" disabled={busy || checked.length === 0}>
        {t('workbench.split')}
      </button>
      <IssuePicker
        label={t('workbench.moveTo')}
        findLabel={t('workbench.findMoveTarget')}
        value={target}
        except={issueId}
        onChange={setTarget}
      >
        <button type="button" disabled={busy || checked.length === 0 || !target} onClick={move}>
          {t('workbench.move')}
        </button>
      </IssuePicker>
      <ActionMessage message={message} />
    </form>
  );
}

/** Every item of an issue, newest first, a page at a time, searchable; analysts can regroup them. */
export function IssueItems({
  issueId,
  filter,
  canEdit,
}: {
  issueId: string;
  filter: WindowFilter;
  canEdit: boolean;
}) {
  const { t, dateTime, number } = useI18n();
  const refresh = useInsights((state) => state.refresh);
  const [offset, setOffset] = useState(0);
  const [text, setText] = useState('');
  const [search, setSearch] = useState('');
  const [checked, setChecked] = useState<string[]>([]);
  useEffect(() => {
    const timer = setTimeout(() => {
      setSearch(text.trim());
      setOffset(0);
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text]);
  const { data, error, loading } = useInvoke(
    'issues.items',
    { ...filter, id: issueId, offset, limit: ITEMS_PAGE, ...(search ? { search } : {}) },
    refresh,
  );
  const toggle = (id: string) =>
    setChecked((now) => (now.includes(id) ? now.filter((other) => other !== id) : [...now, id]));
  const total = data?.total ?? 0;
  return (
    <section className="issue-items" aria-labelledby={`items-${issueId}`} aria-busy={loading}>
      <h3 id={`items-${issueId}`}>{t('workbench.items', { count: number(total) })}</h3>
      <label className="field search">
        {t('insights.filters.search')}
        <input
          type="search"
          value={text}
          placeholder={t('workbench.itemsSearch')}
          onChange={(e) => setText(e.target.value)}
        />
      </label>
      {error !== null && <p className="error">{describeError(error, t)}</p>}
      <ul className="item-list">
        {(data?.items ?? []).map((item) => (
          <li key={item.id} data-item-id={item.id}>
            {canEdit && (
              <input
                type="checkbox"
                checked={checked.includes(item.id)}
                onChange={() => toggle(item.id)}
                aria-label={t('workbench.checkItem', { text: item.text.slice(0, 60) })}
              />
            )}
            <p className="verbatim">{item.text}</p>
            <p className="meta">
              {t('workbench.itemMeta', {
                date: dateTime(item.created_at),
                channel: t(`channel.${item.channel}`),
                team: item.team ?? t('common.none'),
                agent: item.agent ?? t('common.none'),
                segment: item.segment === null ? t('common.none') : segmentLabel(t, item.segment),
                heard: number(item.times_heard),
              })}
            </p>
            {(item.root_cause || item.suggested_fix) && (
              <p className="meta">
                {item.root_cause && `${t('insights.detail.rootCauses')}: ${item.root_cause}`}
                {item.root_cause && item.suggested_fix && ' · '}
                {item.suggested_fix && `${t('insights.detail.fixes')}: ${item.suggested_fix}`}
              </p>
            )}
          </li>
        ))}
      </ul>
      <nav className="pager" aria-label={t('workbench.pages')}>
        <button
          type="button"
          disabled={offset === 0}
          onClick={() => setOffset(Math.max(0, offset - ITEMS_PAGE))}
        >
          {t('workbench.previous')}
        </button>
        <span role="status">
          {total === 0
            ? t('workbench.noItems')
            : t('workbench.range', {
                first: number(offset + 1),
                last: number(Math.min(offset + ITEMS_PAGE, total)),
                total: number(total),
              })}
        </span>
        <button
          type="button"
          disabled={offset + ITEMS_PAGE >= total}
          onClick={() => setOffset(offset + ITEMS_PAGE)}
        >
          {t('workbench.next')}
        </button>
      </nav>
      {canEdit && <RegroupBar issueId={issueId} checked={checked} done={() => setChecked([])} />}
    </section>
  );
}
