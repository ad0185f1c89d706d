import { useId, useMemo } from 'react';
import type { Suggestion } from '../../../shared/api/contract.js';
import { useI18n } from '../../i18n/i18n.js';
import { alikeTitleIds } from '../insights/alike-titles.js';
import { StatusBadge } from './status-badge.js';

interface Props {
  suggestions: Suggestion[];
  onHeardAgain: (suggestion: Suggestion) => void;
}

/**
 * "Heard again" candidates; the n-th is also reachable with Alt+n from anywhere in the panel. Two
 * with one title ('Unlabelled issue', or one label) also say which of the typed words each holds:
 * the agent's own words, never another customer's verbatim, which agents may not read.
 */
export function Suggestions({ suggestions, onHeardAgain }: Props) {
  const { t } = useI18n();
  const headingId = useId();
  const alike = useMemo(() => alikeTitleIds(suggestions), [suggestions]);
  if (suggestions.length === 0) return null;
  return (
    <section className="suggestions" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('capture.similar')}</h2>
      <p className="hint">{t('capture.similarKeys')}</p>
      <ol>
        {suggestions.map((suggestion, index) => {
          const words =
            alike.has(suggestion.id) && suggestion.matched?.length
              ? suggestion.matched.join(t('capture.wordSeparator'))
              : null;
          return (
            <li key={suggestion.id}>
              <div className="suggestion-text">
                <span className="suggestion-title">{suggestion.title}</span>
                <span className="suggestion-meta">
                  <StatusBadge status={suggestion.status} />
                  <span>{t('capture.mentions', { count: suggestion.mentions })}</span>
                  {words !== null && (
                    <span className="suggestion-words">{t('capture.matched', { words })}</span>
                  )}
                </span>
              </div>
              <button
                type="button"
                className="heard-again"
                aria-label={
                  words === null
                    ? t('capture.heardAgainFor', { title: suggestion.title })
                    : t('capture.heardAgainForWords', { title: suggestion.title, words })
                }
                aria-keyshortcuts={`Alt+${index + 1}`}
                onClick={() => onHeardAgain(suggestion)}
              >
                {t('capture.heardAgain')}
                <kbd aria-hidden="true">Alt+{index + 1}</kbd>
              </button>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
