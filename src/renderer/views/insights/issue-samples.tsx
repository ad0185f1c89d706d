import { useMemo } from 'react';
import { SAMPLES_MAX } from '../../../shared/api/contract.js';
import { useI18n } from '../../i18n/i18n.js';
import { useInsights } from './insights-store.js';
import { useInvoke } from './use-invoke.js';

/** The most of a sample an option or a line shows: enough to tell two issues apart. */
const SAMPLE_CHARS = 70;

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

/** A sample cut to one line's worth, on a character boundary (never half a surrogate pair). */
export function shortSample(text: string): string {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim());
  return chars.length <= SAMPLE_CHARS
    ? chars.join('')
    : `${chars.slice(0, SAMPLE_CHARS).join('')}…`;
}

/**
 * An issue's representative verbatim, beside (never inside) the button that names it: the
 * button's name stays the title, and the words are the reader's to compare.
 */
export function IssueSample({ sample }: { sample: string | undefined }) {
  const { t } = useI18n();
  if (sample === undefined) return null;
  return (
    <span className="issue-sample" title={sample}>
      {t('insights.sample', { text: shortSample(sample) })}
    </span>
  );
}
