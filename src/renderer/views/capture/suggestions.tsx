import { useId } from 'react';
import type { Suggestion } from '../../../shared/api/contract.js';
import { useI18n } from '../../i18n/i18n.js';
import { StatusBadge } from './status-badge.js';

interface Props {
  suggestions: Suggestion[];
  onHeardAgain: (suggestion: Suggestion) => void;
}

/** "Heard again" candidates; the n-th is also reachable with Alt+n from anywhere in the panel. */
export function Suggestions({ suggestions, onHeardAgain }: Props) {
  const { t } = useI18n();
  const headingId = useId();
  if (suggestions.length === 0) return null;
  return (
    <section className="suggestions" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('capture.similar')}</h2>
      <p className="hint">{t('capture.similarKeys')}</p>
      <ol>
        {suggestions.map((suggestion, index) => (
          <li key={suggestion.id}>
            <div className="suggestion-text">
              <span className="suggestion-title">{suggestion.title}</span>
              <span className="suggestion-meta">
                <StatusBadge status={suggestion.status} />
                <span>{t('capture.mentions', { count: suggestion.mentions })}</span>
              </span>
            </div>
            <button
              type="button"
              className="heard-again"
              aria-label={t('capture.heardAgainFor', { title: suggestion.title })}
              aria-keyshortcuts={`Alt+${index + 1}`}
              onClick={() => onHeardAgain(suggestion)}
            >
              {t('capture.heardAgain')}
              <kbd aria-hidden="true">Alt+{index + 1}</kbd>
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}
