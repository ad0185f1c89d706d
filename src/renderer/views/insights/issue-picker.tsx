import { type ReactNode, useEffect, useId, useState } from 'react';
import type { IssueChoices } from '../../../shared/api/contract.js';
import { useI18n } from '../../i18n/i18n.js';
import { useInsights } from './insights-store.js';
import { useIssueSamples } from './issue-samples.js';
import { shortSample } from './sample-text.js';
import { useInvoke } from './use-invoke.js';

/** Issues listed at once; the search box reaches every other one on the server. */
export const PICKER_LIMIT = 50;
const SEARCH_DELAY_MS = 300;

type Choice = IssueChoices['issues'][number];

/** How many the list shows of how many there are, and how to reach the rest. */
function countLine(data: IssueChoices | undefined, t: ReturnType<typeof useI18n>['t']): string {
  if (!data) return '';
  if (data.total === 0) return t('workbench.findNone');
  if (data.total > data.issues.length)
    return t('workbench.findSome', { shown: data.issues.length, total: data.total });
  return t('workbench.findAll', { total: data.total });
}

/**
 * Picks a live issue to merge or move into: the biggest first, and a box that searches every
 * issue's title, id and the items its sample comes from on the server, so a target is never out
 * of reach however many there are, and the words an option shows beside a shared title find it
 * (the list used to be the first 500 of the ranking, in rank order, and said nothing of the rest).
 */
export function IssuePicker({
  label,
  findLabel,
  value,
  except,
  onChange,
  children,
}: {
  label: string;
  /** The search box's own label: two pickers can share a panel. */
  findLabel: string;
  value: string;
  /** The issue being merged or moved from: never its own target. */
  except: string;
  onChange: (id: string) => void;
  /** The button that acts on the choice, kept beside the list. */
  children?: ReactNode;
}) {
  const { t } = useI18n();
  const refresh = useInsights((state) => state.refresh);
  const [text, setText] = useState('');
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<Choice | null>(null);
  const id = useId();
  useEffect(() => {
    const timer = setTimeout(() => setSearch(text.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text]);
  const { data } = useInvoke(
    'issues.find',
    { except, limit: PICKER_LIMIT, ...(search ? { search } : {}) },
    refresh,
  );
  const found = data?.issues ?? [];
  // The chosen issue stays in the list while a new search shows others: what the button will act
  // on is always what the list shows as chosen.
  const choices =
    chosen !== null && chosen.id === value && !found.some((choice) => choice.id === value)
      ? [chosen, ...found]
      : found;
  // Two targets may share a label ('Unlabelled issue', or one phrase): their words tell them apart.
  const samples = useIssueSamples(choices.map((choice) => choice.id));
  return (
    <div className="issue-picker">
      <label className="field">
        {findLabel}
        <input
          type="search"
          value={text}
          maxLength={200}
          placeholder={t('workbench.findHint')}
          aria-describedby={`${id}-count`}
          onChange={(e) => setText(e.target.value)}
        />
      </label>
      <label className="field">
        {label}
        <select
          value={value}
          onChange={(e) => {
            setChosen(choices.find((choice) => choice.id === e.target.value) ?? null);
            onChange(e.target.value);
          }}
        >
          <option value="">{t('workbench.pick')}</option>
          {choices.map((choice) => {
            const sample = samples.get(choice.id);
            return (
              <option key={choice.id} value={choice.id} title={choice.id}>
                {sample === undefined
                  ? t('workbench.choice', { title: choice.title, count: choice.mentions })
                  : t('workbench.choiceSample', {
                      title: choice.title,
                      sample: shortSample(sample),
                      count: choice.mentions,
                    })}
              </option>
            );
          })}
        </select>
      </label>
      {children}
      <p id={`${id}-count`} className="muted picker-count">
        {countLine(data, t)}
      </p>
    </div>
  );
}
