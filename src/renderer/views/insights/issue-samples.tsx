import { useMemo } from 'react';
import { SAMPLES_MAX } from '../../../shared/api/contract.js';
import { useI18n } from '../../i18n/i18n.js';
import { type IssueNames, type NamedIssue, alikeTitleIds, issueNames } from './alike-titles.js';
import { useInsights } from './insights-store.js';
import { shortSample } from './sample-text.js';
import { useInvoke } from './use-invoke.js';

/**
 * One representative verbatim per issue, for the issues a list shows, as the signed-in token may
 * read them (leads their team's, analysts all; the server decides). Titles are short labels or
 * 'Unlabelled issue', shared by every token, so the customer's words that tell two issues apart
 * come from here, for the first SAMPLES_MAX of them. Ids are sorted so a reordered list asks
 * nothing new.
 */
export function useIssueSamples(ids: readonly string[]): ReadonlyMap<string, string> {
  const refresh = useInsights((state) => state.refresh);
  const key = [...new Set(ids)].slice(0, SAMPLES_MAX).sort();
  const { data } = useInvoke('issues.samples', key.length === 0 ? null : { ids: key }, refresh);
  return useMemo(() => new Map((data ?? []).map((sample) => [sample.id, sample.text])), [data]);
}

/**
 * An issue's representative verbatim, beside (never inside) the button that names it: the
 * button's name stays the title, and the words are the reader's to compare.
 */
export function IssueSample({ sample, id }: { sample: string | undefined; id?: string }) {
  const { t } = useI18n();
  if (sample === undefined) return null;
  return (
    <span className="issue-sample" title={sample} id={id}>
      {t('insights.sample', { text: shortSample(sample) })}
    </span>
  );
}

/**
 * Names for the issues a chart draws (`drawn`, memoised): titles two of them share get a rank from
 * `ranked` (the table's order) and, for who may read one, a sample. Only those issues' samples are
 * asked for, so a chart whose titles all differ asks nothing.
 */
export function useIssueNames(
  drawn: readonly NamedIssue[],
  ranked: readonly { id: string }[],
): IssueNames {
  const { t } = useI18n();
  const alike = useMemo(() => [...alikeTitleIds(drawn)], [drawn]);
  const samples = useIssueSamples(alike);
  const ranks = useMemo(() => new Map(ranked.map((issue, i) => [issue.id, i + 1])), [ranked]);
  return useMemo(() => issueNames(drawn, ranks, samples, t), [drawn, ranks, samples, t]);
}
