import { useId } from 'react';
import { useI18n } from '../../i18n/i18n.js';

interface Props {
  value: string;
  onChange: (value: string) => void;
}

/**
 * A number field with −/+ beside it. The buttons stay out of the tab order: the field itself
 * steps with the arrow keys, so keyboard users lose nothing and tab past one stop instead of three.
 */
export function TimesHeardField({ value, onChange }: Props) {
  const { t } = useI18n();
  const id = useId();
  const current = Math.max(1, Math.floor(Number(value)) || 1);
  return (
    <div className="field times-heard">
      <label htmlFor={id}>{t('capture.timesHeard')}</label>
      <div className="stepper">
        <button
          type="button"
          tabIndex={-1}
          aria-label={t('capture.timesHeardLess')}
          disabled={current <= 1}
          onClick={() => onChange(String(current - 1))}
        >
          −
        </button>
        <input
          id={id}
          type="number"
          inputMode="numeric"
          min={1}
          max={100000}
          step={1}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
        <button
          type="button"
          tabIndex={-1}
          aria-label={t('capture.timesHeardMore')}
          onClick={() => onChange(String(current + 1))}
        >
          +
        </button>
      </div>
    </div>
  );
}
