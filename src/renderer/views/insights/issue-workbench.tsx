import { type FormEvent, useId, useState } from 'react';
import type { IssueDetail, IssueUpdateArgs } from '../../../shared/api/contract.js';
import { ISSUE_STATUSES, type IssueStatus } from '../../../shared/domain/issue.js';
import { useClient } from '../../app/session-store.js';
import { useI18n } from '../../i18n/i18n.js';
import { useInsights } from './insights-store.js';
import { ActionMessage, useAction } from './action-status.js';
import { IssuePicker } from './issue-picker.js';

/** The fields of the form as the issue has them now. */
function savedFields(detail: IssueDetail) {
  return {
    status: detail.issue.status,
    owner: detail.issue.owner ?? '',
    title: detail.issue.title,
    rootCause: detail.root_cause ?? '',
    note: '',
  };
}

type CurationFields = ReturnType<typeof savedFields>;

const FIELD_NAMES = ['status', 'owner', 'title', 'rootCause', 'note'] as const;

/** The form after the issue changed from `before` to `after`: untouched fields take the new values. */
function followSaved(
  fields: CurationFields,
  before: CurationFields,
  after: CurationFields,
): CurationFields {
  const next = { ...fields };
  for (const key of FIELD_NAMES)
    if (fields[key] === before[key]) Object.assign(next, { [key]: after[key] });
  return next;
}

/** What the analyst changed against the issue as it is: only those fields are sent. */
function curationUpdate(id: string, fields: CurationFields, saved: CurationFields) {
  const update: IssueUpdateArgs = { id };
  if (fields.status !== saved.status) update.status = fields.status;
  if (fields.owner.trim() !== saved.owner) update.owner = fields.owner.trim() || null;
  if (fields.title.trim() !== saved.title) update.title = fields.title.trim() || null;
  if (fields.rootCause.trim() !== saved.rootCause)
    update.root_cause = fields.rootCause.trim() || null;
  if (fields.note.trim() !== '') update.note = fields.note.trim();
  return update;
}

/** What an analyst sets on an issue: status, owner, title, confirmed root cause, and a note. */
export function CurationForm({ detail }: { detail: IssueDetail }) {
  const { t } = useI18n();
  const client = useClient();
  const { issue } = detail;
  const current = savedFields(detail);
  const [fields, setFields] = useState(current);
  const [base, setBase] = useState(current);
  if (FIELD_NAMES.some((key) => base[key] !== current[key])) {
    // The issue changed under the form (a save, a split that relabelled it): the fields the
    // analyst has not touched follow it, so Save never sends back a value nobody typed.
    setBase(current);
    setFields((now) => followSaved(now, base, current));
  }
  const { status, owner, title, rootCause, note } = fields;
  const set = <K extends keyof CurationFields>(key: K, value: CurationFields[K]) =>
    setFields((now) => ({ ...now, [key]: value }));
  const { run, busy, message } = useAction('curation');
  const id = useId();
  const update = curationUpdate(issue.id, fields, current);
  // Only the id: nothing was edited, so there is nothing to save (and no "Saved" to say).
  const changed = Object.keys(update).length > 1;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      if (!changed) return t('workbench.nothingChanged');
      const saved = await client.invoke('issues.update', update);
      // The fields now read as the server keeps them (trimmed; a cleared title back to its label).
      setFields(savedFields(saved));
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
          onChange={(e) => set('status', e.target.value as IssueStatus)}
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
          onChange={(e) => set('owner', e.target.value)}
        />
      </label>
      <label className="field wide">
        {t('workbench.title')}
        <input
          name="title"
          value={title}
          maxLength={200}
          onChange={(e) => set('title', e.target.value)}
        />
      </label>
      <label className="field wide">
        {t('workbench.rootCause')}
        <textarea
          name="root_cause"
          value={rootCause}
          maxLength={2000}
          rows={2}
          onChange={(e) => set('rootCause', e.target.value)}
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
          onChange={(e) => set('note', e.target.value)}
        />
      </label>
      <button type="submit" disabled={busy || !changed}>
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
  const { run, busy, message } = useAction('merge-into');
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
        findLabel={t('workbench.findMergeTarget')}
        value={target}
        except={issueId}
        onChange={setTarget}
      >
        <button type="submit" disabled={busy || !target}>
          {t('workbench.merge')}
        </button>
      </IssuePicker>
      <ActionMessage message={message} />
    </form>
  );
}
