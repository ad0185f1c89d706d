import { useEffect, useId, useRef } from 'react';
import { useSession } from '../../app/session-store.js';
import { useI18n } from '../../i18n/i18n.js';
import '../../styles/desktop.css';
import { showPanel, useDesktop } from './desktop-store.js';

/**
 * Shown once the settings are saved: where a softphone or CTI script sends a call's details, and
 * the secret it must send. Read-only inputs, so each value can be selected and copied whole.
 */
export function SoftphoneDetails() {
  const { t } = useI18n();
  const softphone = useDesktop((state) => state.settings?.softphone);
  const show = useSession((state) => state.show);
  const titleId = useId();
  const ids = { url: useId(), port: useId(), secret: useId() };
  const continueRef = useRef<HTMLButtonElement>(null);
  useEffect(() => continueRef.current?.focus(), []);
  const proceed = () => {
    showPanel(null);
    show('capture');
  };
  return (
    <section className="softphone-details" aria-labelledby={titleId}>
      <h1 id={titleId}>{t('desktop.saved.title')}</h1>
      <h2>{t('desktop.saved.softphone')}</h2>
      {softphone && (
        <dl>
          <dt>
            {softphone.url ? (
              <label htmlFor={ids.url}>{t('desktop.saved.url')}</label>
            ) : (
              t('desktop.saved.url')
            )}
          </dt>
          <dd>
            {softphone.url ? (
              <input
                id={ids.url}
                readOnly
                value={softphone.url}
                onFocus={(event) => event.target.select()}
              />
            ) : (
              <span className="error">
                {t('desktop.saved.notListening', { error: softphone.error ?? '' })}
              </span>
            )}
          </dd>
          <dt>
            <label htmlFor={ids.port}>{t('desktop.saved.port')}</label>
          </dt>
          <dd>
            <input
              id={ids.port}
              readOnly
              value={String(softphone.port)}
              onFocus={(event) => event.target.select()}
            />
          </dd>
          <dt>
            <label htmlFor={ids.secret}>{t('desktop.saved.secret')}</label>
          </dt>
          <dd>
            <input
              id={ids.secret}
              readOnly
              value={softphone.secret}
              spellCheck={false}
              onFocus={(event) => event.target.select()}
            />
          </dd>
        </dl>
      )}
      <p className="hint recipe">{t('desktop.saved.recipe')}</p>
      <button type="button" className="primary" ref={continueRef} onClick={proceed}>
        {t('desktop.saved.continue')}
      </button>
    </section>
  );
}
