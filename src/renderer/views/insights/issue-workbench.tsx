import { type FormEvent, useId, useState } from 'react';
import type { IssueDetail, IssueUpdateArgs } from '../../../shared/api/contract.js';
import { ISSUE_STATUSES, type IssueStatus } from '../../../shared/domain/issue.js';
import { useClient } from '../../app/session-store.js';
import { useI18n } from '../../i18n/i18n.js';
import { useInsights } from './insights-store.js';
import { describeError, useInvoke } from './use-invoke.js';

/** Runs one workbench action, then refreshes every query of the view; says what happened in a live region. */
export function useAction(): {
  run: (work: () => Promise<string>) => Promise<boolean>;
  busy: boolean;
  message: { text: string; error: boolean } | null;
} {
  const { t } = useI18n();
  const reload = useInsights((state) => state.reload);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const run = async (work: () => Promise<string>) => {
    setBusy(true);
    try {
      setMessage({ text: await work(), error: false });
      reload();
      return true;
    } catch (error) {
      setMessage({ text: describeError(error, t), error: true });
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { run, busy, message };
}

export function ActionMessage({ message }: { message: { text: string; error: boolean } | null }) {
  return (
    <p role="status" className={message?.error ? 'error' : 'muted'}>
      {message?.text ?? ''}
    </p>
  );
}

/** What an analyst sets on an issue: status, owner, title, confirmed root cause, and a note. */
export function CurationForm({ detail }: { detail: IssueDetail }) {
  const { t } = useI18n();
  const client = useClient();
  const { issue } = detail;
  const [status, setStatus] = useState<IssueStatus>(issue.status);
  const [owner, setOwner] = useState(issue.owner ?? '');
  const [title, setTitle] = useState(issue.title);
  const [rootCause, setRootCause] = useState(detail.root_cause ?? '');
  const [note, setNote] = useState('');
  const { run, busy, message } = useAction();
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const update: IssueUpdateArgs = { id: issue.id };
    if (status !== issue.status) update.status = status;
    if (owner.trim() !== (issue.owner ?? '')) update.owner = owner.trim() || null;
    if (title.trim() !== issue.title) update.title = title.trim() || null;
    if (rootCause.trim() !== (detail.root_cause ?? ''))
      update.root_cause = rootCause.trim() || null;
    if (note.trim() !== '') update.note = note.trim();
    void run(async () => {
      await client.invoke('issues.update', update);
      setNote('');
      return t('workbench.saved');
    });
  };
  return (
    <form className="curation" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('workbench.curate')}</h3>
      <label className="field">
        {t('insights.detail.status')}
        <select
          name="status"
          value={status}
          onChange={(e) => setStatus(e.target.value as IssueStatus)}
        >
          {ISSUE_STATUSES.map((value) => (
            <option key={value} value={value}>
              {t(`status.${value}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        {t('insights.detail.owner')}
        <input
          name="owner"
          value={owner}
          maxLength={200}
          placeholder={t('workbench.ownerHint')}
          onChange={(e) => setOwner(e.target.value)}
        />
      </label>
      <label className="field wide">
        {t('workbench.title')}
        <input
          name="title"
          value={title}
          maxLength={200}
          onChange={(e) => setTitle(e.target.value)}
        />
      </label>
      <label className="field wide">
        {t('workbench.rootCause')}
        <textarea
          name="root_cause"
          value={rootCause}
          maxLength={2000}
          rows={2}
          onChange={(e) => setRootCause(e.target.value)}
        />
      </label>
      <label className="field wide">
        {t('workbench.note')}
        <textarea
          name="note"
          value={note}
          maxLength={2000}
          rows={2}
          placeholder={t('workbench.noteHint')}
          onChange={(e) => setNote(e.target.value)}
        />
      </label>
      <button type="submit" disabled={busy}>
        {t('workbench.save')}
      </button>
      <ActionMessage message={message} />
    </form>
  );
}

/** Merges this issue into another the analyst picks from the ranking. */
export function MergeInto({ issueId }: { issueId: string }) {
  const { t } = useI18n();
  const client = useClient();
  const openIssue = useInsights((state) => state.openIssue);
  const [target, setTarget] = useState('');
  const { run, busy, message } = useAction();
  const choices = useIssueChoices(issueId);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!target) return;
    void run(async () => {
      const { id } = await client.invoke('issues.merge', { id: issueId, into: target });
      openIssue(id);
      return t('workbench.merged');
    });
  };
  return (
    <form className="merge-into" onSubmit={submit}>
      <IssuePicker
        label={t('workbench.mergeInto')}
        value={target}
        choices={choices}
        onChange={setTarget}
      />
      <button type="submit" disabled={busy || !target}>
        {t('workbench.merge')}
      </button>
      <ActionMessage message={message} />
    </form>
  );
}

/** Other live issues to merge or move into: the open ranking, all time. */
export function useIssueChoices(except: string): { id: string; title: string }[] {
  const refresh = useInsights((state) => state.refresh);
  const { data } = useInvoke('issues.rank', { status: 'all', limit: 500 }, refresh);
  return (data?.issues ?? [])
    .filter((issue) => issue.id !== except)
    .map(({ id, title }) => ({ id, title }));
}

export function IssuePicker({
  label,
  value,
  choices,
  onChange,
}: {
  label: string;
  value: string;
  choices: readonly { id: string; title: string }[];
  onChange: (id: string) => void;
}) {
  const { t } = useI18n();
  return (
    <label className="field">
      {label}
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('workbench.pick')}</option>
        {choices.map((choice) => (
          <option key={choice.id} value={choice.id}>
            {choice.title} ({choice.id})
          </option>
        ))}
      </select>
    </label>
  );
}
