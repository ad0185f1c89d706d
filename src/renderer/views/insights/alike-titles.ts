import type { Translate } from '../../i18n/i18n.js';

/** The end of an id a name shows when the issue has no rank here: enough to tell two apart. */
const ID_CHARS = 6;

export interface NamedIssue {
  id: string;
  title: string;
}

/**
 * What a chart calls the issues it draws. Titles are short labels or 'Unlabelled issue', so two
 * lines or bars can carry one title; only those are told apart, the rest read as before.
 */
export interface IssueNames {
  /** The title, and where another drawn issue has the same one, its rank in the table (or its id's end). */
  name(issue: NamedIssue): string;
  /** The sample to show under a name another issue shares, when the token may read one. */
  sample(id: string): string | undefined;
}

/** The ids among these whose title another of them has too. */
export function alikeTitleIds(issues: readonly NamedIssue[]): ReadonlySet<string> {
  const byTitle = new Map<string, string[]>();
  for (const { id, title } of issues) byTitle.set(title, [...(byTitle.get(title) ?? []), id]);
  return new Set([...byTitle.values()].filter((ids) => new Set(ids).size > 1).flat());
}

/**
 * Names for `drawn` issues: a title another drawn issue shares gets the issue's rank in the
 * ranked table ("Unlabelled issue · rank 4", found under # there), or the end of its id for an
 * issue the ranking no longer holds (a line picked before the filters changed).
 */
export function issueNames(
  drawn: readonly NamedIssue[],
  ranks: ReadonlyMap<string, number>,
  samples: ReadonlyMap<string, string>,
  t: Translate,
): IssueNames {
  const alike = alikeTitleIds(drawn);
  return {
    name: ({ id, title }) => {
      if (!alike.has(id)) return title;
      const rank = ranks.get(id);
      return rank === undefined
        ? t('insights.alikeId', { title, id: id.slice(-ID_CHARS) })
        : t('insights.alikeRank', { title, rank });
    },
    sample: (id) => (alike.has(id) ? samples.get(id) : undefined),
  };
}

/** Every title as it is: for a chart of one issue, or of none that can be confused. */
export const PLAIN_NAMES: IssueNames = { name: ({ title }) => title, sample: () => undefined };
