import { type FormEvent, useState } from 'react';
import type { RankedIssue } from '../../../shared/domain/issue.js';
import { useClient, useSession } from '../../app/session-store.js';
import { useI18n } from '../../i18n/i18n.js';
import { useInsights } from './insights-store.js';
import { ActionMessage, useAction } from './action-status.js';
import { useIssueSamples } from './issue-samples.js';
import { shortSample } from './sample-text.js';

/**
 * Merges the issues ticked in the ranked table into the one the analyst keeps. Only analysts and
 * admins see it (the server refuses anyone else).
 */
export function MergeSelected({ issues }: { issues: readonly RankedIssue[] }) {
  const { t } = useI18n();
  const client = useClient();
  const role = useSession((state) => state.session?.role);
  const selected = useInsights((state) => state.selected);
  const clearSelected = useInsights((state) => state.clearSelected);
  const [keep, setKeep] = useState('');
  const { run, busy, message } = useAction('merge-selected');
  const picked = selected.flatMap((id) => issues.filter((issue) => issue.id === id));
  const samples = useIssueSamples(picked.length >= 2 ? picked.map((issue) => issue.id) : []);
  // Nothing to show until two issues are ticked, except what the last merge did.
  if ((role !== 'analyst' && role !== 'admin') || (picked.length < 2 && message === null))
    return null;
  const into = picked.some((issue) => issue.id === keep) ? keep : (picked[0]?.id ?? '');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      for (const issue of picked)
        if (issue.id !== into) await client.invoke('issues.merge', { id: issue.id, into });
      clearSelected();
      return t('workbench.mergedCount', { count: picked.length - 1 });
    });
  };
  return (
    <form className="merge-selected" onSubmit={submit} aria-label={t('workbench.mergeSelected')}>
      {picked.length >= 2 && (
        <>
          <label className="field">
            {t('workbench.mergeKeep', { count: picked.length })}
            <select value={into} onChange={(e) => setKeep(e.target.value)}>
              {picked.map((issue) => (
                <option key={issue.id} value={issue.id} title={issue.id}>
                  {samples.has(issue.id)
                    ? t('workbench.choiceSample', {
                        title: issue.title,
                        sample: shortSample(samples.get(issue.id) ?? ''),
                        count: issue.mentions,
                      })
                    : t('workbench.choice', { title: issue.title, count: issue.mentions })}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" disabled={busy}>
            {t('workbench.mergeSelected')}
          </button>
        </>
      )}
      <ActionMessage message={message} />
    </form>
  );
}
