import type { ReactNode } from 'react';
import type { HistoryEntry, HistoryIssue } from '../../../shared/api/contract.js';
import { ISSUE_STATUSES, type IssueStatus } from '../../../shared/domain/issue.js';
import type { MessageKey } from '../../i18n/catalogs.js';
import { type Translate, useI18n } from '../../i18n/i18n.js';
import { useInsights } from './insights-store.js';
import { IssueSample, useIssueSamples } from './issue-samples.js';
import { describeError, useInvoke } from './use-invoke.js';

const FIELD_KEYS = {
  status: 'insights.detail.status',
  owner: 'insights.detail.owner',
  title: 'workbench.title',
  root_cause: 'workbench.rootCause',
} as const;

/** Marks where an issue's name goes in a translated line (private-use characters: no catalog has them). */
const slot = (index: number) => `\ue000${index}\ue001`;

/**
 * One history entry in the reader's language (the server's `detail` is English), with the issues
 * it names by title: the line is translated with a slot for each, then split on the slots.
 */
function historyLine(
  entry: HistoryEntry,
  t: Translate,
  samples: ReadonlyMap<string, string>,
): ReactNode[] {
  const none = t('common.none');
  const value = (text: string | null) =>
    text === null
      ? none
      : entry.field === 'status' && isStatus(text)
        ? t(`status.${text}`)
        : `“${text}”`;
  const slots = entry.issues.map((_, i) => slot(i)).join(t('workbench.log.listSeparator'));
  const text = (() => {
    switch (entry.action) {
      case 'update': {
        const field = FIELD_KEYS[entry.field as keyof typeof FIELD_KEYS] as MessageKey | undefined;
        return t('workbench.log.update', {
          field: field ? t(field) : (entry.field ?? '?'),
          from: value(entry.old_value),
          to: value(entry.new_value),
        });
      }
      case 'note':
        return t('workbench.log.note', { text: entry.new_value ?? '' });
      case 'merge':
        return entry.field === 'merged_into'
          ? t('workbench.log.mergedInto', { id: slots || (entry.new_value ?? '?') })
          : t('workbench.log.mergedIn', {
              id: slots || (entry.old_value ?? '?'),
              count: Number(entry.new_value ?? 0),
            });
      case 'split':
        return entry.field === 'from'
          ? t('workbench.log.splitFrom', { id: slots || (entry.new_value ?? '?') })
          : t('workbench.log.splitOut', {
              count: Number(entry.old_value ?? 0),
              id: slots || (entry.new_value ?? '?'),
            });
      case 'move':
        return entry.field === 'items_in'
          ? t('workbench.log.movedIn', {
              count: Number(entry.new_value ?? 0),
              from: slots || (entry.old_value ?? '?'),
            })
          : t('workbench.log.movedOut', {
              count: Number(entry.old_value ?? 0),
              id: slots || (entry.new_value ?? '?'),
            });
    }
  })();
  const rendered = entry.issues.map((issue) => (
    <IssueName key={issue.id} issue={issue} sample={samples.get(issue.id)} />
  ));
  return text
    .split(/\ue000(\d+)\ue001/)
    .map((part, i) => (i % 2 === 1 ? (rendered[Number(part)] ?? part) : part));
}

/**
 * An issue a history entry names, by its title; its id is a hover away. A live issue opens on a
 * click; a merged-away one shows the title it had, marked as merged away.
 */
function IssueName({ issue, sample }: { issue: HistoryIssue; sample: string | undefined }) {
  const { t } = useI18n();
  const openIssue = useInsights((state) => state.openIssue);
  if (issue.retired)
    return (
      <span className="issue-name retired" title={t('workbench.log.retired', { id: issue.id })}>
        “{issue.title}”
      </span>
    );
  return (
    <>
      <button
        type="button"
        className="link issue-name"
        title={issue.id}
        data-issue-id={issue.id}
        onClick={() => openIssue(issue.id)}
      >
        “{issue.title}”
      </button>
      {sample !== undefined && (
        <>
          {' '}
          <IssueSample sample={sample} />
        </>
      )}
    </>
  );
}

const isStatus = (text: string): text is IssueStatus =>
  (ISSUE_STATUSES as readonly string[]).includes(text);

/** Who changed what and when, oldest first. */
export function IssueHistory({ issueId }: { issueId: string }) {
  const { t, dateTime } = useI18n();
  const refresh = useInsights((state) => state.refresh);
  const { data, error } = useInvoke('issues.history', { id: issueId }, refresh);
  // Merged-away issues hold no items: only live ones have words to show.
  const samples = useIssueSamples(
    (data ?? []).flatMap((entry) => entry.issues.filter((i) => !i.retired).map((i) => i.id)),
  );
  return (
    <section className="history" aria-labelledby={`history-${issueId}`}>
      <h3 id={`history-${issueId}`}>{t('workbench.history')}</h3>
      {error !== null && <p className="error">{describeError(error, t)}</p>}
      {data?.length === 0 && <p className="muted">{t('workbench.noHistory')}</p>}
      <ol>
        {(data ?? []).map((entry, i) => (
          <li key={`${entry.at}-${i}`}>
            <time dateTime={entry.at}>{dateTime(entry.at)}</time> ·{' '}
            <strong>{entry.actor ?? t('workbench.commandLine')}</strong> ·{' '}
            {historyLine(entry, t, samples)}
          </li>
        ))}
      </ol>
    </section>
  );
}
